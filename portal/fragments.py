"""Rendered HTML kept for reuse: the parts of pages that come out the same for everyone.

GOV.UK Frontend's Jinja macros are thorough but slow: the header, the service navigation, the
footer, a button or a set of radios each take about a millisecond to render, and a question
page calls a dozen of them. What they produce depends only on what they are given, so each
fragment is rendered once per process and reused:

- in templates, ``{% call cached_html("footer") %}…{% endcall %}`` keeps the body's HTML per
  name, language, section of the site (the blueprint, which marks the navigation) and any
  further key given (``cached_html("back-link", back_url)``). The body must depend on nothing
  else: never wrap anything that shows a person's answers, name, a CSRF token or a nonce;
- the forms engine's widgets keep a field's HTML per macro and parameters, but only when the
  parameters hold no typed value and no error message (`widget_key`), so nothing a person
  typed is ever kept.

The store is per app and bounded; it is off while templates reload (debug), so edits show.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from flask import current_app, request
from flask_babel import get_locale
from markupsafe import Markup

# Enough for every language × section × page of a large deployment; the oldest go first beyond it.
MAX_FRAGMENTS = 4000


def init_app(app) -> None:
    app.extensions["fragments"] = {}
    app.add_template_global(cached_html)


def remember(key: tuple, render: Callable[[], Markup]) -> Markup:
    """The HTML stored under ``key``, rendering (and storing) it the first time."""
    app = current_app._get_current_object()
    store: dict | None = app.extensions.get("fragments")
    if store is None or app.jinja_env.auto_reload:
        return render()
    html = store.get(key)
    if html is None:
        html = render()
        if len(store) >= MAX_FRAGMENTS:
            # The oldest goes; another thread may have changed the store meanwhile.
            with suppress(StopIteration, KeyError, RuntimeError):
                del store[next(iter(store))]
        store[key] = html
    return html


def _page_key() -> tuple:
    return (str(get_locale() or ""), request.blueprint, request.script_root)


def cached_html(*key: Any, caller: Callable[[], Markup], keep: bool = True) -> Markup:
    """Jinja: ``{% call cached_html(name, *key) %}body{% endcall %}`` renders the body once per key.

    ``keep=false`` renders it afresh (say, when the key would hold a query string someone typed).
    """
    if not keep:
        return caller()
    return remember(("html", *key, *_page_key()), caller)


class _NotCacheable(Exception):
    pass


def _frozen(value: Any) -> Any:
    """A hashable copy of macro parameters that tells HTML (Markup) from text apart."""
    if isinstance(value, Markup):
        return ("html", str(value))
    if type(value) is str:
        return value
    if isinstance(value, dict):
        return ("dict", tuple(sorted((str(k), _frozen(v)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("list", tuple(_frozen(v) for v in value))
    if value is None or type(value) in (bool, int, float):
        return (type(value).__name__, value)
    raise _NotCacheable


def widget_key(template: str, params: dict) -> tuple | None:
    """The key a widget's HTML is kept under, or None when it must not be kept.

    Not kept: fields showing a typed value or an error (they carry what a person wrote), and
    parameters of any other type than plain text, HTML, numbers and lists or mappings of them.
    """
    if params.get("errorMessage") or params.get("value") not in (None, ""):
        return None
    try:
        return ("widget", template, _frozen(params))
    except _NotCacheable:
        return None


class CachedWidget:
    """Mixin for govuk-frontend-wtf widgets: reuse the macro's HTML for the same parameters."""

    template: str

    def render(self, params: dict) -> Markup:
        key = widget_key(self.template, params)
        if key is None:
            return super().render(params)  # type: ignore[misc]
        return remember(key, lambda: super(CachedWidget, self).render(params))  # type: ignore[misc]
