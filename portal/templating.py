"""Jinja set-up: GOV.UK Frontend macros, WTForms widgets, and the globals every page uses."""

from collections import ChainMap
from datetime import date, datetime

from flask import Flask, current_app, request, url_for
from flask.templating import Environment
from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from markupsafe import Markup, escape

from portal import fragments
from portal.i18n import PHONE_NUMBER


class TemplateGlobals(ChainMap):
    """A template's globals (its own over the environment's), as Jinja keeps them, with set-like keys.

    On every ``{% from … import … %}`` Jinja compares the page's global names with the imported
    template's (``context.globals_keys - template.globals.keys()``); on a ChainMap that is a Python
    call per name, and a page of GOV.UK macros imports a dozen times. A dict's keys do it in C.
    """

    def keys(self):
        merged: dict = {}
        for mapping in reversed(self.maps):
            merged.update(mapping)
        return merged.keys()


class PortalEnvironment(Environment):
    """Flask's Jinja environment, giving templates `TemplateGlobals`."""

    def make_globals(self, d):
        return TemplateGlobals({} if d is None else d, self.globals)


def init_app(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            PackageLoader("portal"),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)
    fragments.init_app(app)
    app.jinja_env.filters["uk_date"] = uk_date
    app.jinja_env.filters["uk_datetime"] = uk_datetime
    app.jinja_env.filters["ltr"] = ltr
    app.jinja_env.filters["ltr_numbers"] = ltr_numbers
    app.context_processor(_service_context)
    app.add_template_global(has_endpoint)
    app.add_template_global(navigation_items)


# The service navigation: shown only for capabilities this deployment has.
NAVIGATION = [
    ("consultations.index", _l("Have your say")),
    ("feedback.index", _l("Give feedback")),
    ("careleavers.index", _l("Care leavers")),
    ("localoffer.search", _l("Local Offer")),
    ("chat.index", _l("Ask a question")),
]


def has_endpoint(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


def navigation_items() -> list[dict]:
    """Service navigation links, marking the section the family is in."""
    items = []
    for endpoint, label in NAVIGATION:
        if not has_endpoint(endpoint):
            continue
        blueprint = endpoint.split(".")[0]
        items.append(
            {"href": url_for(endpoint), "text": str(label), "active": request.blueprint == blueprint}
        )
    return items


def ltr(value) -> Markup:
    """A value that must read left to right whatever the page's direction (a phone number), escaped,
    as ``<span dir="ltr">``: an element with ``dir`` is a bidi isolate, so in an Urdu sentence
    "01905 765765" is not shown as "765765 01905". Its class keeps the number on one line. Inside
    ``_()`` the Markup is kept as it is."""
    if value is None or value == "":
        return Markup("")
    return Markup('<span class="app-number" dir="ltr">{}</span>').format(value)


def ltr_numbers(text) -> Markup:
    """Free text (an answer, what a family typed), escaped, with every phone number in it isolated."""
    # Safe: the text is escaped here and only our own <span> tags are added.
    return Markup(isolate_escaped_numbers(str(escape("" if text is None else text))))  # noqa: S704


def isolate_escaped_numbers(escaped: str) -> str:
    """Already-escaped text with every phone number in it wrapped by ``ltr``."""
    return PHONE_NUMBER.sub(lambda m: ltr(m.group(0)), escaped)


def uk_date(value: date | datetime | None, style: str = "long") -> str:
    """Format a date the way GOV.UK writes them: 1 August 2019 (localised through Babel)."""
    if value is None:
        return ""
    if style == "long":
        return format_date(value, "d MMMM y")
    return format_date(value, "d MMM y")


def uk_datetime(value: datetime | None) -> str:
    """Format a moment as 1 August 2019 at 2:30pm (UK time)."""
    if value is None:
        return ""
    return format_datetime(value, "d MMMM y 'at' h:mma").replace("AM", "am").replace("PM", "pm")


def _service_context() -> dict:
    config = current_app.config
    return {
        "service_name": config["SERVICE_NAME"],
        "organisation_name": config["ORGANISATION_NAME"],
        "current_path": request.full_path.rstrip("?") if request else "/",
    }
