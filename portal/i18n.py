"""Languages: the chosen language is kept for the session, otherwise the browser's is used."""

from urllib.parse import urlsplit

from flask import Flask, abort, current_app, redirect, request, session
from flask_babel import get_locale


def init_app(app: Flask) -> None:
    app.add_url_rule("/language/<code>", endpoint="choose_language", view_func=choose_language)
    app.context_processor(_language_context)


def select_locale() -> str:
    """Pick the page language: the family's choice this session, then their browser's, then English."""
    languages = current_app.config["LANGUAGES"]
    chosen = session.get("language")
    if chosen in languages:
        return chosen
    return request.accept_languages.best_match(list(languages)) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return str(get_locale() or "en")


def safe_next(target: str | None) -> str:
    """Only redirect within the portal: a path on this site, never another host."""
    if not target:
        return "/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


def choose_language(code: str):
    """Switch the page language for the rest of the visit and go back to the same page."""
    if code not in current_app.config["LANGUAGES"]:
        abort(404)
    session["language"] = code
    return redirect(safe_next(request.args.get("next")))


def _language_context() -> dict:
    code = current_language()
    return {
        "current_language": code,
        "languages": current_app.config["LANGUAGES"],
        "text_direction": "rtl" if code in current_app.config["RTL_LANGUAGES"] else "ltr",
    }
