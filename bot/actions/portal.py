"""A small client for the portal's JSON API (`/api/v1`), used by every action.

Every call has a short timeout and never raises: a failure returns None so the action can
give the family the human contacts instead of an error.
"""

from __future__ import annotations

import asyncio
import logging
import os
from pathlib import Path
from typing import Any

import requests

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_API_URL = "http://localhost:5000/api/v1"
TIMEOUT_SECONDS = 3.0


def api_url() -> str:
    """Base URL of the portal API, from PORTAL_API_URL."""
    return os.environ.get("PORTAL_API_URL", DEFAULT_API_URL).rstrip("/")


def public_url() -> str:
    """The portal's public base URL (for links sent to families), from PUBLIC_URL."""
    return os.environ.get("PUBLIC_URL", "http://localhost:5000").rstrip("/")


def api_token() -> str | None:
    """Bearer token from PORTAL_API_TOKEN, or the file instance/bot_api_token if present."""
    token = os.environ.get("PORTAL_API_TOKEN", "").strip()
    if token:
        return token
    token_file = Path(os.environ.get("PORTAL_API_TOKEN_FILE", REPO_ROOT / "instance" / "bot_api_token"))
    try:
        return token_file.read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def channel_of(sender_id: str | None) -> str:
    """The channel a conversation came from: the portal prefixes senders with "sms:" or "web:"."""
    prefix = (sender_id or "").split(":", 1)[0].lower()
    return prefix if prefix in ("sms", "web") else "web"


def _headers() -> dict[str, str]:
    headers = {"Accept": "application/json"}
    token = api_token()
    if token:
        headers["Authorization"] = f"Bearer {token}"
    return headers


def get_json(path: str, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """GET a JSON document from the portal; None on any failure."""
    url = f"{api_url()}{path}"
    try:
        response = requests.get(url, params=params, headers=_headers(), timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("Portal GET %s failed: %s", path, type(error).__name__)
        return None


def post_json(path: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """POST JSON to the portal; the decoded reply (or {}) on 2xx, None on any failure."""
    url = f"{api_url()}{path}"
    try:
        response = requests.post(url, json=payload, headers=_headers(), timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        try:
            return response.json()
        except ValueError:
            return {}
    except requests.RequestException as error:
        logger.warning("Portal POST %s failed: %s", path, type(error).__name__)
        return None


async def aget_json(path: str, params: dict[str, Any] | None = None) -> dict[str, Any] | None:
    """`get_json` off the event loop, so one slow portal call does not hold up other chats."""
    return await asyncio.to_thread(get_json, path, params)


async def apost_json(path: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    """`post_json` off the event loop."""
    return await asyncio.to_thread(post_json, path, payload)
