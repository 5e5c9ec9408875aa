"""Commands: ``portal export``, ``portal report`` and ``portal analytics rebuild``.

``--as EMAIL`` names the member of staff the command acts for: their role decides what they may
have (analysts get suppressed summaries only; contact details need an officer or admin) and the
audit log records them. Without it, the command acts as the server's operator.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select

from portal.analytics.cli import analytics_cli
from portal.analytics.responses import exports, facts, reports, summaries
from portal.analytics.responses.suppression import DEFAULT_THRESHOLD
from portal.extensions import db
from portal.forms_engine.content import form_exists


def acting_user(email: str | None):
    """The active member of staff named by ``--as``, or None for the operator."""
    if not email:
        return None
    from portal.staff.models import StaffUser

    user = db.session.scalar(select(StaffUser).where(db.func.lower(StaffUser.email) == email.lower()))
    if user is None or not getattr(user, "is_active", True):
        raise click.ClickException(f"there is no active member of staff '{email}'")
    return user


def audit(action: str, slug: str, user, **detail) -> None:
    """Record the export or report in the audit log."""
    from portal.staff.audit import record

    record(action, subject_type="form", subject_id=slug, detail=detail, user=user)
    db.session.commit()


def _open_output(output: Path | None, binary: bool):
    if output is None:
        return sys.stdout.buffer if binary else sys.stdout
    return output.open("wb") if binary else output.open("w", encoding="utf-8", newline="")


@click.command("export")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx", "json"]), default="csv")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--include-contact", is_flag=True, help="Add contact details (officers, admins; needs --as)")
@click.option("--as", "as_email", metavar="EMAIL", help="The member of staff this export is for")
@with_appcontext
def export_command(slug: str, fmt: str, output: Path | None, include_contact: bool, as_email: str | None):
    """Export responses: one row per response, answers as the option labels people saw."""
    user = acting_user(as_email)
    try:
        exports.check_export_allowed(user.role if user else None, include_contact)
        exports.export_columns(slug)
    except exports.NotAllowed as error:
        raise click.ClickException(str(error)) from error
    except exports.UnknownForm as error:
        raise click.ClickException(f"there is no form '{slug}'") from error
    out = _open_output(output, fmt == "xlsx")
    # The export makes millions of short-lived tuples and strings and no reference cycles, so the
    # cycle collector would only rescan the app's objects again and again (a fifth of the CPU).
    gc.disable()
    try:
        count = exports.export(slug, fmt, out, include_contact)
    finally:
        gc.enable()
        if output is not None:
            out.close()
        else:
            out.flush()
    audit("responses.export", slug, user, format=fmt, responses=count, include_contact=include_contact)


@click.command("report")
@click.argument("slug")
@click.option("--format", "fmt", type=click.Choice(["json", "docx", "html"]), default="json")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--as", "as_email", metavar="EMAIL", help="The member of staff this report is for")
@click.option(
    "--suppress/--exact",
    default=None,
    help="Hide small numbers (default for docx/html and for analysts) or show exact counts",
)
@click.option("--threshold", type=click.IntRange(min=2), default=None, help="Smallest count shown (5)")
@click.option("--no-charts", is_flag=True, help="Leave charts out of docx/html (faster)")
@with_appcontext
def report_command(slug, fmt, output, as_email, suppress, threshold, no_charts):
    """The summary of a form's responses: counts and percentages per option."""
    from flask import current_app

    user = acting_user(as_email)
    threshold = threshold or current_app.config.get("ANALYTICS_SUPPRESSION_THRESHOLD", DEFAULT_THRESHOLD)
    if suppress is None:
        suppress = fmt != "json" or (user is not None and user.role == "analyst")
    if not suppress and user is not None and user.role == "analyst":
        raise click.ClickException("analysts see summaries with small numbers hidden (leave out --exact)")
    if not form_exists(slug):
        raise click.ClickException(f"there is no form '{slug}'")
    level = threshold if suppress else None
    if fmt == "docx":
        out = _open_output(output, True)
        reports.render_docx(slug, out, level, charts=not no_charts)
        if output is not None:
            out.close()
    else:
        if fmt == "json":
            report = reports.summary(slug)
            if suppress:
                report = summaries.suppressed_report(report, threshold)
            text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
        else:
            text = reports.render_html(slug, level, charts=not no_charts)
        if output is None:
            click.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
    audit("responses.report", slug, user, format=fmt, suppressed=bool(suppress))


@analytics_cli.command("rebuild")
@click.option("--form", "slug", help="Only this form (default: every form)")
def rebuild_command(slug: str | None) -> None:
    """Recreate the answer facts from the stored answers (safe to run again)."""
    click.echo(f"Rebuilt {facts.rebuild(slug)} answer fact(s).")
