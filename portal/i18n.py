"""Languages: the chosen language is kept for the session, otherwise the browser's is used."""

import re
from urllib.parse import urlsplit

from flask import Flask, abort, current_app, has_request_context, redirect, request, session
from flask_babel import get_locale, gettext
from markupsafe import Markup, escape


def init_app(app: Flask) -> None:
    app.add_url_rule("/language/<code>", endpoint="choose_language", view_func=choose_language)
    app.context_processor(_language_context)
    app.add_template_filter(in_english)
    app.add_template_filter(english_content)


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


# A UK phone number as the service writes them (01905 765765, 0800 1111, 116 123, +44 808 157 0192,
# 999). In a right-to-left paragraph the bidi algorithm gives the space between two digit runs the
# paragraph's direction, so "01905 765765" would show as "765765 01905": numbers are isolated.
PHONE_NUMBER = re.compile(
    r"(?<![\w+-])(?:\+44 ?\d{2,4}|0\d{2,4}|116)(?: ?\d{3,4}){1,2}(?![\w-])|(?<![\w-])999(?![\w-])"
)
LRI, PDI = "\u2066", "\u2069"  # Unicode's left-to-right isolate and pop directional isolate


def isolate_numbers(text: str) -> str:
    """Plain text (a text message, a chat answer) with every phone number between LRI and PDI, for
    right-to-left languages where no markup can say so."""
    return PHONE_NUMBER.sub(lambda m: f"{LRI}{m.group(0)}{PDI}", text)


def isolate_numbers_for_reader(text: str) -> str:
    """Plain text with its numbers isolated when the reader's language is written right to left."""
    if has_request_context() and current_language() in current_app.config["RTL_LANGUAGES"]:
        return isolate_numbers(text)
    return text


def in_english(text: str, marker: bool = True) -> Markup:
    """Content text shown in English to someone reading another language: marked ``lang="en"`` so
    screen readers speak it as English (``dir="ltr"`` keeps its punctuation in place on right-to-left
    pages) and followed by "(in English)", unless ``marker`` is off because its heading says so."""
    html = Markup('<span lang="en" dir="ltr">{}</span>').format(text)
    if marker:
        html += Markup(' <span class="app-in-english">{}</span>').format(gettext("(in English)"))
    return html


def english_content(text: str | None) -> Markup:
    """Text that is written in English only (a Local Offer record, say): marked ``lang="en"`` for
    readers of another language, who are told once per page that these details are in English."""
    if not text:
        return Markup("")
    if current_language() == "en":
        return escape(text)
    return in_english(text, marker=False)
