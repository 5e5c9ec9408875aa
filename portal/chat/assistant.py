"""Talking to the assistant through Rasa's REST channel, with a short timeout.

``POST {RASA_URL}/webhooks/rest/webhook`` with ``{"sender", "message", "metadata"}`` answers
``[{"text", "buttons"?: [{"title", "payload"}]}]``.
"""

import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field

MAX_REPLY_BYTES = 256 * 1024
# Rasa is on our own network: never send families' messages through a proxy from the environment.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class AssistantUnavailable(Exception):
    """The assistant did not answer; ``reason`` is "slow" (timed out) or "unavailable"."""

    def __init__(self, reason: str, detail: str = ""):
        super().__init__(detail or reason)
        self.reason = reason


@dataclass(frozen=True)
class Reply:
    """One message from the assistant, with any quick replies it offers."""

    text: str
    buttons: list[dict] = field(default_factory=list)


def parse_replies(payload) -> list[Reply]:
    """The assistant's messages from Rasa's answer, ignoring parts the web chat cannot show."""
    if not isinstance(payload, list):
        raise AssistantUnavailable("unavailable", "the answer was not a list")
    replies = []
    for item in payload:
        if not isinstance(item, dict):
            continue
        text = item.get("text") if isinstance(item.get("text"), str) else ""
        buttons = [
            {
                "title": str(button["title"])[:100],
                "payload": str(button.get("payload") or button["title"])[:200],
            }
            for button in item.get("buttons") or []
            if isinstance(button, dict) and button.get("title")
        ]
        if text or buttons:
            replies.append(Reply(text=text, buttons=buttons))
    return replies


def ask(base_url: str, sender: str, message: str, language: str, timeout: float) -> list[Reply]:
    """Send one message and return the assistant's replies, or raise ``AssistantUnavailable``."""
    body = json.dumps({"sender": sender, "message": message, "metadata": {"language": language}}).encode()
    request = urllib.request.Request(  # noqa: S310 (the URL is the configured RASA_URL)
        f"{base_url}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json", "Accept": "application/json"},
        method="POST",
    )
    try:
        with _opener.open(request, timeout=timeout) as response:
            raw = response.read(MAX_REPLY_BYTES + 1)
    except TimeoutError as error:
        raise AssistantUnavailable("slow", str(error)) from error
    except urllib.error.URLError as error:
        reason = "slow" if isinstance(error.reason, TimeoutError | socket.timeout) else "unavailable"
        raise AssistantUnavailable(reason, str(error)) from error
    except OSError as error:
        raise AssistantUnavailable("unavailable", str(error)) from error
    if len(raw) > MAX_REPLY_BYTES:
        raise AssistantUnavailable("unavailable", "the answer was too long")
    try:
        payload = json.loads(raw)
    except ValueError as error:
        raise AssistantUnavailable("unavailable", "the answer was not JSON") from error
    return parse_replies(payload)
