"""The summary report of a form: JSON in the DESIGN.md shape, and committee-ready HTML and DOCX.

Extra sections (themes with counts and quotes, "you said, we did") come from providers other
capabilities register with ``register_section``; without any, the report has the question tables.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import func, select

from portal.analytics.responses import queries, summaries
from portal.analytics.responses.charts import png_bars
from portal.analytics.responses.suppression import DEFAULT_THRESHOLD
from portal.extensions import db
from portal.forms_engine.content import definition_of, latest_version
from portal.forms_engine.definition import localise
from portal.forms_engine.models import Form, FormVersion, Response


@dataclass
class ReportSection:
    """A section another capability adds to reports: a heading, paragraphs and tables of rows."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)  # {"caption", "head": [...], "rows": [[...]]}
    themes: dict[str, list[dict]] = field(default_factory=dict)  # question key -> [{"name", "count"}]


# Providers: fn(slug) -> ReportSection | None. The theme-coding capability registers one here.
_SECTION_PROVIDERS: list[Callable[[str], ReportSection | None]] = []


def register_section(provider: Callable[[str], ReportSection | None]) -> None:
    """Add a provider of an extra report section (called once per report, in registration order)."""
    if provider not in _SECTION_PROVIDERS:
        _SECTION_PROVIDERS.append(provider)


def extra_sections(slug: str) -> list[ReportSection]:
    """The sections registered providers give for this form."""
    sections = [provider(slug) for provider in _SECTION_PROVIDERS]
    return [s for s in sections if s is not None]


def summary(slug: str, filters: queries.Filters | None = None, sections=None) -> dict:
    """The exact summary (JSON shape of DESIGN.md); raises LookupError for an unknown form."""
    version = latest_version(slug)
    if version is None:
        raise LookupError(slug)
    filters = filters or queries.Filters()
    answered, counts = queries.question_counts(slug, filters)
    themes: dict[str, list[dict]] = {}
    for section in sections if sections is not None else extra_sections(slug):
        for key, items in section.themes.items():
            themes.setdefault(key, []).extend(items)
    return summaries.build_report(
        definition_of(version), queries.response_total(slug, filters), answered, counts, themes
    )


def method(slug: str) -> dict:
    """How the responses came in: dates, channels and the number of responses."""
    version = latest_version(slug)
    definition = definition_of(version)
    in_form = (
        select(Response)
        .join(FormVersion, Response.form_version_id == FormVersion.id)
        .join(Form, FormVersion.form_id == Form.id)
        .where(Form.slug == slug)
        .subquery()
    )
    channels = dict(
        db.session.execute(select(in_form.c.channel, func.count()).group_by(in_form.c.channel)).all()
    )
    first, last = db.session.execute(
        select(func.min(in_form.c.submitted_at), func.max(in_form.c.submitted_at))
    ).one()
    return {
        "opens": definition.opens,
        "closes": definition.closes,
        "first": _day(first),
        "last": _day(last),
        "channels": channels,
        "responses": sum(channels.values()),
    }


def _day(value):
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.date()


def uk_date(day: dt.date | None) -> str:
    """A date written like 1 August 2019."""
    return f"{day.day} {day:%B %Y}" if day else "not known"


def committee_context(slug: str, threshold: int | None = DEFAULT_THRESHOLD) -> dict:
    """Everything the HTML and DOCX reports show; counts suppressed unless threshold is None."""
    sections = extra_sections(slug)
    report = summary(slug, sections=sections)
    questions = []
    for question in report["questions"]:
        cells, base = summaries.question_cells(question, threshold)
        rows = [
            {
                "label": option["label"],
                "count": cell.text(threshold or DEFAULT_THRESHOLD),
                "percent": "" if cell.hidden else f"{option['percent']:g}%",
                "value": cell.shown,
            }
            for option, cell in zip(question["options"], cells, strict=True)
        ]
        questions.append(
            dict(question, rows=rows, base=base.text(threshold or DEFAULT_THRESHOLD), chart=None)
        )
    info = method(slug)
    return {
        "report": report,
        "questions": questions,
        "method": info,
        "channels_text": ", ".join(f"{name}: {n}" for name, n in sorted(info["channels"].items())),
        "threshold": threshold,
        "sections": sections,
        "uk_date": uk_date,
    }


def chart_png(question: dict) -> bytes | None:
    """A PNG chart of one question's rows, or None for questions without options."""
    if not question["rows"]:
        return None
    return png_bars(
        question["text"], [r["label"] for r in question["rows"]], [r["value"] for r in question["rows"]]
    )


def render_html(slug: str, threshold: int | None = DEFAULT_THRESHOLD, charts: bool = True) -> str:
    """A standalone HTML committee report (charts embedded as PNG data)."""
    context = committee_context(slug, threshold)
    for question in context["questions"]:
        png = chart_png(question) if charts else None
        question["chart"] = base64.b64encode(png).decode("ascii") if png else None
    # A standalone file (no site layout), so it renders the same from a command or a request.
    return current_app.jinja_env.get_template("analytics_responses/report.html").render(**context)


def render_docx(slug: str, out, threshold: int | None = DEFAULT_THRESHOLD, charts: bool = True) -> None:
    """A Word committee report: title, method, a table and chart per question, extra sections."""
    from docx import Document
    from docx.shared import Inches

    context = committee_context(slug, threshold)
    report, info = context["report"], context["method"]
    document = Document()
    document.add_heading(report["title"], level=0)
    document.add_heading("Method", level=1)
    document.add_paragraph(
        f"The consultation ran from {uk_date(info['opens'])} to {uk_date(info['closes'])}. "
        f"Responses were received between {uk_date(info['first'])} and {uk_date(info['last'])}."
    )
    document.add_paragraph(f"Number of responses: {report['responses']}.")
    document.add_paragraph(f"Responses by channel: {context['channels_text'] or 'none'}.")
    if threshold is None:
        document.add_paragraph(
            "Warning: this report shows exact counts, including small numbers that could identify "
            "people. Do not publish it."
        )
    else:
        document.add_paragraph(
            f"To protect people's identities, counts below {threshold} are shown as "
            f'"fewer than {threshold}", and some other counts are not shown so they cannot be worked out.'
        )
    document.add_heading("Results", level=1)
    for question in context["questions"]:
        document.add_heading(question["text"], level=2)
        document.add_paragraph(f"Answered: {question['base']}")
        if question["rows"]:
            table = document.add_table(rows=1, cols=3)
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, ("Answer", "Number", "Percentage"), strict=True):
                cell.text = text
            for row in question["rows"]:
                cells = table.add_row().cells
                cells[0].text, cells[1].text, cells[2].text = row["label"], row["count"], row["percent"]
            png = chart_png(question) if charts else None
            if png:
                document.add_picture(io.BytesIO(png), width=Inches(6))
        for theme in question["themes"]:
            document.add_paragraph(f"{theme['name']}: {theme.get('count', '')}", style="List Bullet")
    for section in context["sections"]:
        document.add_heading(section.heading, level=1)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for spec in section.tables:
            if spec.get("caption"):
                document.add_paragraph(spec["caption"])
            table = document.add_table(rows=1, cols=len(spec["head"]))
            table.style = "Table Grid"
            for cell, text in zip(table.rows[0].cells, spec["head"], strict=True):
                cell.text = str(text)
            for row in spec["rows"]:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = str(text)
    document.save(out)


def title_of(slug: str) -> str:
    """The form's title."""
    version = latest_version(slug)
    return localise(definition_of(version).title) if version else slug
