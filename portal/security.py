"""Security headers for every response, with a per-request nonce for the one inline script.

The Content-Security-Policy allows no inline script: GOV.UK Frontend's template carries one
line that marks the body ``js-enabled``, and it runs only because it carries this request's nonce.
"""

import secrets

from flask import Flask, Response, g, request


def init_app(app: Flask) -> None:
    app.before_request(_make_nonce)
    app.after_request(_add_headers)
    app.context_processor(lambda: {"cspNonce": csp_nonce()})


def csp_nonce() -> str:
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _make_nonce() -> None:
    g.csp_nonce = secrets.token_urlsafe(16)


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "object-src 'none'",
        ]
    )


# Sent with every response, pages and the SMS webhook's fast path alike (portal/sms/webhook.py).
FIXED_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
# For answers that are not pages (the SMS webhooks' TwiML and plain text): nothing may load.
NOTHING_CSP = "default-src 'none'; frame-ancestors 'none'"
# Only over HTTPS (behind a proxy, ProxyFix has already set the scheme it was asked over).
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def _add_headers(response: Response) -> Response:
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(csp_nonce()))
    for name, value in FIXED_HEADERS:
        headers.setdefault(name, value)
    if request.is_secure:
        headers.setdefault(*HSTS)
    if not request.path.startswith(("/static/", "/assets/")):
        # Families' answers must not linger in shared computers' caches or back buttons.
        headers.setdefault("Cache-Control", "no-store")
    return response
