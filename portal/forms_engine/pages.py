"""Building a WTForms form for one page of a definition, rendered with GOV.UK Frontend widgets."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovDateInput,
    GovRadioInput,
    GovTextInput,
)
from markupsafe import Markup, escape
from wtforms import Field, RadioField, SelectMultipleField, StringField, TextAreaField

from portal.forms_engine.answers import Problem, display_value, other_key
from portal.forms_engine.definition import SEPARATOR, Question, Text, english_fallback, localise
from portal.fragments import CachedWidget
from portal.i18n import in_english
from portal.templating import ltr, ltr_numbers


# GOV.UK Frontend's widgets, reusing their HTML while a field shows no typed value and no error.
class RadioInput(CachedWidget, GovRadioInput):
    pass


class CheckboxesInput(CachedWidget, GovCheckboxesInput):
    pass


class CharacterCount(CachedWidget, GovCharacterCount):
    pass


class TextInput(CachedWidget, GovTextInput):
    pass


class DatePartsField(Field):
    """Three boxes (day, month, year) sharing one name, as GOV.UK Frontend's date input expects."""

    widget = GovDateInput()

    def process(self, formdata, data=None, extra_filters=None):
        self.process_errors = []
        self.raw_data = None
        self.data = None
        if formdata is not None and len(formdata.getlist(self.name)) == 3:
            self.raw_data = formdata.getlist(self.name)
        elif data:
            self.data = dt.date.fromisoformat(data)

    def _value(self):
        return ""


def _choices(question: Question, language: str) -> dict[str, str]:
    return {o.value: localise(o.label, language) for o in question.options}


def _field_for(question: Question, language: str) -> Field:
    label = localise(question.text, language)
    if question.type in ("single_choice", "yes_no", "rating"):
        return RadioField(
            label, choices=_choices(question, language), validate_choice=False, widget=RadioInput()
        )
    if question.type == "multiple_choice":
        return SelectMultipleField(
            label, choices=_choices(question, language), validate_choice=False, widget=CheckboxesInput()
        )
    if question.type == "long_text":
        return TextAreaField(label, widget=CharacterCount())
    if question.type == "date":
        return DatePartsField(label, id=f"{question.key}-day")
    return StringField(label, widget=TextInput())


def page_form_class(questions: list[Question], language: str) -> type[FlaskForm]:
    """A form class with one field per question (and a write-in field after each "Other")."""
    fields: dict[str, Any] = {}
    for question in questions:
        fields[question.key] = _field_for(question, language)
        write_in = question.write_in_option
        if write_in is not None:
            fields[other_key(question)] = StringField(
                localise(write_in.write_in_label, language), widget=TextInput()
            )
    return type("PageForm", (FlaskForm,), fields)


def build_page_form(questions: list[Question], answers: dict[str, Any], language: str) -> FlaskForm:
    """The page's form filled with saved answers (or with what was just posted)."""
    data = {}
    for question in questions:
        if question.key in answers:
            data[question.key] = answers[question.key]
        if other_key(question) in answers:
            data[other_key(question)] = answers[other_key(question)]
    return page_form_class(questions, language)(data=data)


def attach_problems(form: FlaskForm, problems: list[Problem]) -> None:
    """Show each problem on its field, so the error summary links to it."""
    for problem in problems:
        name = problem.field.removesuffix("-day").removesuffix("-month").removesuffix("-year")
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*field.errors, problem.message]


def localise_html(text: Text | None, language: str, marker: bool = True) -> Markup:
    """Definition text in the reader's language; English marked as English where it is not translated
    (``marker`` off when the question it belongs to already says "(in English)")."""
    if english_fallback(text, language):
        return in_english(localise(text, language), marker)
    return ltr_numbers(localise(text, language))


def _heading_html(question: Question, language: str, caption_size: str) -> Markup:
    text = localise_html(question.text, language)
    if not question.number:
        return text
    caption = _("Question %(number)s", number=question.number)
    return Markup('<span class="govuk-caption-{}">{}</span> {}').format(caption_size, caption, text)


def write_in_params(question: Question, language: str) -> dict[str, Any]:
    """The "Other, please specify" box, shown under the options (no hidden reveal: it works without
    JavaScript, and GOV.UK Frontend's reveal puts aria-expanded on radios, which axe refuses)."""
    write_in = question.write_in_option
    option, ask = write_in.label, write_in.write_in_label
    ask_words = localise(ask, language).lower()
    label = escape(_("If you chose ‘%(option)s’, %(ask)s")) % {
        "option": localise_html(option, language, marker=False),
        "ask": in_english(ask_words, marker=False) if english_fallback(ask, language) else ask_words,
    }
    if not english_fallback(question.text, language) and (
        english_fallback(option, language) or english_fallback(ask, language)
    ):
        label += Markup(' <span class="app-in-english">{}</span>').format(_("(in English)"))
    return {"label": {"html": label}, "classes": "govuk-!-width-two-thirds", "spellcheck": True, "hint": None}


def _option_label(option, language: str, marker: bool) -> Markup:
    """An option's words (marked when in English), with a rating point's picture beside them; screen
    readers read only the words."""
    words = localise_html(option.label, language, marker)
    if not option.emoji:
        return words
    picture = Markup('<span class="govuk-!-font-size-36" aria-hidden="true">{}</span>').format(option.emoji)
    return picture + Markup(" ") + words


def field_params(form: FlaskForm, question: Question, language: str, alone: bool) -> dict[str, Any]:
    """GOV.UK macro parameters for a question's field: heading, hint, sizes, input types, write-in."""
    size = "l" if alone else "m"
    heading = {"html": _heading_html(question, language, size), "isPageHeading": alone}
    # The "(in English)" after an untranslated question also covers its hint and options.
    marker = not english_fallback(question.text, language)
    hint = {"html": localise_html(question.hint, language, marker)} if question.hint else None
    params: dict[str, Any] = {"hint": hint}
    if question.type in ("single_choice", "yes_no", "rating", "multiple_choice", "date"):
        params["fieldset"] = {"legend": {**heading, "classes": f"govuk-fieldset__legend--{size}"}}
        if question.type == "yes_no":
            params["classes"] = "govuk-radios--inline"
        if question.type == "date":
            params["id"] = question.key  # the boxes are <key>-day, -month, -year
        if any(o.emoji or english_fallback(o.label, language) for o in question.options):
            params["items"] = [{"html": _option_label(o, language, marker)} for o in question.options]
        return params
    params["label"] = {**heading, "classes": f"govuk-label--{size}"}
    if question.type == "long_text":
        params["maxlength"] = question.max_length
        params["rows"] = 6
    elif question.type == "email":
        params.update(type="email", autocomplete="email", spellcheck=False)
    elif question.type == "phone":
        params.update(type="tel", autocomplete="tel", classes="govuk-input--width-20")
    elif question.type == "number":
        params.update(inputmode="numeric", classes="govuk-input--width-5", spellcheck=False)
    return params


def answer_html(question: Question, value: Any, other: str | None, language: str, marker: bool) -> Markup:
    """An answer as the person saw it (like ``display_value``), option labels that are in English
    marked as English; what the person typed is never marked, but phone numbers in it read left to
    right (on Urdu pages too)."""
    if question.type == "phone" and value:
        return ltr(display_value(question, value, other, language))
    if not question.options or value in (None, "", []):
        return ltr_numbers(display_value(question, value, other, language))
    chosen = value if isinstance(value, list) else [str(value)]
    options = [question.option(v) for v in chosen]
    labels = [
        localise_html(o.label, language, marker=False) if o else escape(v)
        for o, v in zip(options, chosen, strict=True)
    ]
    html = escape(SEPARATOR).join(labels)
    if marker and any(o and english_fallback(o.label, language) for o in options):
        html += Markup(' <span class="app-in-english">{}</span>').format(_("(in English)"))
    if other and question.type != "multiple_choice":
        html += Markup(": {}").format(other)
    return html
