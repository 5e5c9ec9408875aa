"""Public pages: ask for a consultation in another format, and print any questionnaire."""

from flask import abort, redirect, render_template, session, url_for

from portal.formats import bp
from portal.formats.easy_read import ICONS, easy_read
from portal.formats.forms import FORMAT_LABELS, AlternativeFormatForm
from portal.formats.requests import make_request
from portal.forms_engine.content import definition_of, latest_version
from portal.i18n import current_language


def _definition(slug: str):
    version = latest_version(slug)
    if version is None:
        abort(404)
    return definition_of(version)


@bp.route("/consultations/<slug>/another-format", methods=["GET", "POST"])
def ask(slug: str):
    """The request form."""
    definition = _definition(slug)
    form = AlternativeFormatForm()
    if form.validate_on_submit():
        made = make_request(
            slug,
            form.formats.data,
            form.name.data,
            form.contact.data,
            form.other_language.data,
            current_language(),
        )
        session["alternative_format_reference"] = made.reference
        return redirect(url_for("formats.asked", slug=slug))
    return render_template("formats/ask.html", definition=definition, form=form)


@bp.get("/consultations/<slug>/another-format/sent")
def asked(slug: str):
    """Confirmation with the reference."""
    definition = _definition(slug)
    return render_template(
        "formats/asked.html", definition=definition, reference=session.get("alternative_format_reference")
    )


@bp.get("/consultations/<slug>/print")
def printable(slug: str):
    """Every question and option on one page, to print and post."""
    return render_template("formats/print.html", definition=_definition(slug), format_labels=FORMAT_LABELS)


@bp.get("/easy-read/<slug>")
def easy_read_page(slug: str):
    """The easy read version of a consultation or feedback form."""
    content = easy_read(slug)
    if content is None:
        abort(404)
    kind = latest_version(slug).form.kind if latest_version(slug) else "consultation"
    back = (
        url_for("feedback.start", slug=slug)
        if kind == "feedback"
        else url_for("consultations.start", slug=slug)
    )
    return render_template("formats/easy_read.html", content=content, icons=ICONS, back_url=back)
