"""Error pages in the GOV.UK style, and JSON errors under ``/api/``."""

import logging
import time

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from portal.extensions import db, limiter

log = logging.getLogger(__name__)

# code -> (page heading, what to do), in plain English.
MESSAGES = {
    400: (_l("Sorry, there is a problem with what was sent"), _l("Go back and try again.")),
    401: (_l("You need to sign in"), _l("Sign in to see this page.")),
    403: (_l("You cannot see this page"), _l("If you think you should, ask your manager.")),
    404: (_l("Page not found"), _l("If you typed the web address, check it is correct.")),
    405: (_l("Sorry, that did not work"), _l("Go back to the page you were on and try again.")),
    413: (
        _l("What you sent is too large"),
        _l("Your earlier answers are saved. Go back, shorten your answer and try again."),
    ),
    429: (
        _l("Too many attempts"),
        _l("You have tried too many times in a short time. Wait a minute, then try again."),
    ),
    500: (_l("Sorry, there is a problem with the service"), _l("Try again later.")),
    503: (
        _l("Sorry, the service is unavailable"),
        _l("Your answers are saved. Try again in a few minutes."),
    ),
}

PLAIN_ERROR = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{heading} – Family voice</title>'
    "</head><body><main><h1>{heading}</h1><p>{advice}</p>"
    "<p>If you need help, call the Worcestershire Hub on 01905 765765.</p></main></body></html>"
)

API_CODES = {
    400: "bad_request",
    401: "unauthorised",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    422: "invalid",
    429: "rate_limited",
    500: "server_error",
    503: "unavailable",
}


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(DBAPIError, _database_unavailable)
    app.register_error_handler(Exception, _unexpected_error)


def wants_json() -> bool:
    return request.path.startswith("/api/")


def api_error(status: int, message: str, code: str | None = None, **extra):
    """A JSON error response with a stable machine-readable code."""
    body = {"error": {"code": code or API_CODES.get(status, "error"), "message": message, **extra}}
    return jsonify(body), status


def _render(status: int, heading=None, advice=None):
    default_heading, default_advice = MESSAGES.get(status, MESSAGES[500])
    heading, advice = heading or default_heading, advice or default_advice
    try:
        return render_template("errors/error.html", status=status, heading=heading, advice=advice), status
    except Exception:
        # The error page itself failed (say, the database is down): still answer kindly.
        log.exception("Could not render the error page for %s", status)
        return PLAIN_ERROR.format(heading=escape(str(heading)), advice=escape(str(advice))), status


def _csrf_error(error: CSRFError):
    if wants_json():
        return api_error(400, "The form's security token is missing or expired.", code="csrf")
    return _render(
        400,
        _l("Your page timed out"),
        _l(
            "For your security, forms stop working after a while. Your saved answers are kept. "
            "Go back, refresh the page and send it again."
        ),
    )


def _http_error(error: HTTPException):
    status = error.code or 500
    headers = _retry_after() if status == 429 else {}
    if wants_json():
        body, status = api_error(status, error.description or error.name)
        return body, status, headers
    body, status = _render(status)
    if status == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(error.valid_methods)
    return body, status, headers


def _retry_after() -> dict[str, str]:
    """Seconds until the rate limit that refused this request lets the visitor in again.

    Rate-limit headers are not sent with every page (each would cost two more trips to the
    counters' store), so a refusal says when to come back."""
    limit = limiter.current_limit
    if limit is None:
        return {}
    try:
        seconds = int(limit.reset_at - time.time())
    except Exception:  # the counters' store is unreachable: the 429 page still says "wait a minute"
        log.warning("Could not read when the rate limit resets", exc_info=True)
        return {}
    return {"Retry-After": str(max(seconds, 1))}


def _database_unavailable(error: DBAPIError):
    """The database restarted, is unreachable, read-only or full: a friendly 503 the person can retry.

    Only a lost connection or an operational failure is treated so; any other database error is a bug.
    Nothing was committed by the failed request, and answers from earlier pages stay in the draft, so
    pressing the button again is safe (submissions are idempotent by their token)."""
    if not (isinstance(error, OperationalError) or error.connection_invalidated):
        return _unexpected_error(error)
    log.warning("Database unavailable on %s %s: %s", request.method, request.path, type(error.orig).__name__)
    try:
        db.session.rollback()
    except Exception:  # the connection is gone; the pool replaces it on the next checkout
        log.debug("Rollback after a lost connection failed", exc_info=True)
    if wants_json():
        response = api_error(503, "The service is unavailable for a moment. Try again.")
    else:
        response = _render(503)
    body, status = response
    return body, status, {"Retry-After": "5"}


def _unexpected_error(error: Exception):
    log.exception("Unhandled error on %s %s", request.method, request.path)
    if wants_json():
        return api_error(500, "Something went wrong on our side.")
    return _http_error(InternalServerError())
