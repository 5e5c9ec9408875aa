"""Staff dashboards and downloads under /staff/analytics (officers, analysts; admins too)."""

from __future__ import annotations

import io
import json
import tempfile

from flask import Response, abort, current_app, render_template, request, stream_with_context
from flask_login import current_user
from sqlalchemy import func, select

from portal.analytics.responses import bp, exports, reports, summaries
from portal.analytics.responses.dashboards import dashboard
from portal.extensions import db
from portal.forms_engine.content import all_latest_versions, definition_of, form_exists
from portal.forms_engine.definition import localise
from portal.staff.audit import record
from portal.staff.auth import role_required

MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _exact() -> bool:
    """Officers and admins see exact counts (with a warning); analysts see small numbers hidden."""
    return current_user.role in ("officer", "admin")


def _threshold() -> int:
    return int(current_app.config.get("ANALYTICS_SUPPRESSION_THRESHOLD", 5))


@bp.route("/")
@role_required("officer", "analyst")
def index():
    """Every form with the number of responses it has."""
    from portal.forms_engine.models import FormVersion, Response

    counts = dict(
        db.session.execute(
            select(FormVersion.form_id, func.count(Response.id))
            .join(Response, Response.form_version_id == FormVersion.id)
            .group_by(FormVersion.form_id)
        ).all()
    )
    forms = [
        (v.form.slug, localise(definition_of(v).title), v.form.kind, counts.get(v.form_id, 0))
        for v in all_latest_versions()
    ]
    return render_template("analytics_responses/index.html", forms=sorted(forms, key=lambda f: (f[2], f[1])))


@bp.route("/<slug>")
@role_required("officer", "analyst")
def form_dashboard(slug: str):
    """Responses over time, each question's counts, a cross-tab and feedback trends, with filters."""
    data = dashboard(slug, request.args, _exact(), _threshold())
    if data is None:
        abort(404)
    return render_template("analytics_responses/dashboard.html", **data)


@bp.route("/<slug>/responses.<fmt>")
@role_required("officer")
def export_download(slug: str, fmt: str):
    """Download every response (officers and admins), logged in the audit log."""
    if fmt not in ("csv", "json", "xlsx"):
        abort(404)
    try:
        exports.export_columns(slug)
    except exports.UnknownForm:
        abort(404)
    record(
        "responses.export", subject_type="form", subject_id=slug, detail={"format": fmt, "via": "staff area"}
    )
    db.session.commit()
    headers = {"Content-Disposition": f'attachment; filename="{slug}-responses.{fmt}"'}
    if fmt == "xlsx":
        return Response(stream_with_context(_xlsx_pieces(slug)), mimetype=MEDIA[fmt], headers=headers)

    def generate():
        if fmt == "json":
            yield from exports.json_pieces(exports.iter_rows(slug))
            return
        # Sent in chunks of rows, so the download starts at once and memory stays flat.
        for chunk in _chunks(exports.iter_rows(slug, encode=exports.csv_field), 1000):
            yield exports.csv_text(chunk)

    return Response(stream_with_context(generate()), mimetype=MEDIA[fmt], headers=headers)


def _xlsx_pieces(slug: str):
    """The workbook, written in write-only mode to a temporary file and sent in pieces."""
    with tempfile.TemporaryFile() as spool:
        exports.export(slug, "xlsx", spool)
        spool.seek(0)
        while piece := spool.read(64 * 1024):
            yield piece


def _chunks(rows, size):
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


@bp.route("/<slug>/report.<fmt>")
@role_required("officer", "analyst")
def report_download(slug: str, fmt: str):
    """Download the summary report; analysts (and anyone asking for "suppress") get small numbers hidden."""
    if fmt not in ("json", "html", "docx"):
        abort(404)
    exact = _exact() and request.args.get("counts") == "exact"
    threshold = _threshold()
    if not form_exists(slug):
        abort(404)
    record(
        "responses.report",
        subject_type="form",
        subject_id=slug,
        detail={"format": fmt, "suppressed": not exact, "via": "staff area"},
    )
    db.session.commit()
    headers = {"Content-Disposition": f'attachment; filename="{slug}-report.{fmt}"'}
    if fmt == "json":
        report = reports.summary(slug)
        if not exact:
            report = summaries.suppressed_report(report, threshold)
        body = json.dumps(report, ensure_ascii=False, indent=2)
    elif fmt == "html":
        body = reports.render_html(slug, None if exact else threshold)
    else:
        out = io.BytesIO()
        reports.render_docx(slug, out, None if exact else threshold)
        body = out.getvalue()
    return Response(body, mimetype=MEDIA[fmt], headers=headers)
