"""Bearer-token access for the assistant's calls to the portal's JSON API.

The token is ``BOT_API_TOKEN`` from the environment, or one generated once into
``instance/bot_api_token`` (the assistant's action server reads the same file or variable).
"""

import hmac
from collections.abc import Callable
from functools import wraps

from flask import current_app, request

from portal.config import instance_secret


def bot_api_token() -> str:
    """The token the assistant must send: configured, or generated once per machine."""
    configured = current_app.config.get("BOT_API_TOKEN")
    if configured:
        return configured
    return instance_secret(current_app.instance_path, "bot_api_token")


def bot_token_required(view: Callable) -> Callable:
    """Refuse the call with a JSON 401 unless it carries ``Authorization: Bearer <token>``."""

    @wraps(view)
    def guarded(*args, **kwargs):
        from portal.errors import api_error

        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            token.strip().encode(), bot_api_token().encode()
        ):
            return api_error(401, "A valid bearer token is required.", code="unauthorised")
        return view(*args, **kwargs)

    return guarded
