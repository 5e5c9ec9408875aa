"""Settings for the portal: defaults for one machine, overridden from the environment.

Every setting the service reads is listed here and in the README's configuration table.
"""

import os
import secrets
import tempfile
from pathlib import Path


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def instance_secret(instance_path: str, name: str, generate=None) -> str:
    """Return a secret kept in ``instance/NAME``, generating it on first use.

    Secrets never live in the repository: each machine makes its own, readable only by its owner.
    ``generate`` makes a new value (default: 32 random bytes, URL-safe). When several processes
    start at once, the first one to link its whole file into place wins and all read that one:
    the file is written aside and linked, so nobody reads it half written.
    """
    path = Path(instance_path) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        value = generate() if generate else secrets.token_urlsafe(32)
        fd, draft = tempfile.mkstemp(prefix=f".{name}.", dir=path.parent)  # mode 0600
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(value + "\n")
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(draft)
    return path.read_text().strip()


def from_environment(instance_path: str) -> dict:
    """Build the configuration mapping from environment variables."""
    env = os.environ
    production = _bool(env.get("PORTAL_PRODUCTION"))
    default_db = "sqlite:///" + str(Path(instance_path) / "portal.db")
    return {
        "PRODUCTION": production,
        "SECRET_KEY": env.get("SECRET_KEY") or instance_secret(instance_path, "secret_key"),
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(env.get("DATABASE_URL") or default_db),
        # PostgreSQL: the role the running portal connects as; `portal setup` grants it row access only.
        "DATABASE_APP_ROLE": env.get("DATABASE_APP_ROLE", ""),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI", "memory://"),
        # Always explicit: Flask-Limiter keeps one switch for every app it has seen, and an app
        # without the setting would inherit the previous app's.
        "RATELIMIT_ENABLED": _bool(env.get("RATELIMIT_ENABLED"), default=True),
        "RATELIMIT_DEFAULT": env.get("RATELIMIT_DEFAULT", "300 per minute"),
        "PUBLIC_URL": env.get("PUBLIC_URL", "http://localhost:5000").rstrip("/"),
        "RASA_URL": env.get("RASA_URL", "http://localhost:5005").rstrip("/"),
        # Empty: a token is generated once into instance/bot_api_token (the assistant reads it there).
        "BOT_API_TOKEN": env.get("BOT_API_TOKEN", ""),
        # Twilio (SMS): replies go through the Messages API at TWILIO_API_BASE_URL (a local fake in tests).
        "TWILIO_ACCOUNT_SID": env.get("TWILIO_ACCOUNT_SID", ""),
        "TWILIO_AUTH_TOKEN": env.get("TWILIO_AUTH_TOKEN", ""),
        "TWILIO_FROM_NUMBER": env.get("TWILIO_FROM_NUMBER", ""),
        "TWILIO_MESSAGING_SERVICE_SID": env.get("TWILIO_MESSAGING_SERVICE_SID", ""),
        "TWILIO_API_BASE_URL": env.get("TWILIO_API_BASE_URL", "https://api.twilio.com").rstrip("/"),
        "MAX_CONTENT_LENGTH": int(env.get("MAX_CONTENT_LENGTH", str(1024 * 1024))),
        "SESSION_COOKIE_SECURE": _bool(env.get("SESSION_COOKIE_SECURE"), default=production),
        "PREFERRED_URL_SCHEME": "https" if production else "http",
        "PROXY_FIX_HOPS": int(env.get("PROXY_FIX_HOPS", "0")),
        "LOG_LEVEL": env.get("LOG_LEVEL", "INFO"),
    }


def normalise_database_url(url: str) -> str:
    """Use the psycopg 3 driver for PostgreSQL URLs written in the common short form."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


# Settings that hold whatever the environment says; the rest are fixed for every deployment.
FIXED = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "family_voice_session",
    "PERMANENT_SESSION_LIFETIME": 60 * 60 * 4,
    "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
    "WTF_CSRF_TIME_LIMIT": 60 * 60 * 8,
    "BABEL_DEFAULT_LOCALE": "en",
    "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).resolve().parent.parent / "translations"),
    "BABEL_DEFAULT_TIMEZONE": "Europe/London",
    "LANGUAGES": {"en": "English", "pl": "Polski", "ro": "Română", "ur": "اردو"},
    "RTL_LANGUAGES": {"ur"},
    # No X-RateLimit-* headers on every response (two more trips to the counters' store each);
    # a 429 carries Retry-After (portal/errors.py).
    "RATELIMIT_HEADERS_ENABLED": False,
    "SERVICE_NAME": "Family voice",
    "ORGANISATION_NAME": "Worcestershire Children First",
}
