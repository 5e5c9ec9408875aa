"""The audit log pages for admins: filter, page through and export as CSV."""

from flask import Response, render_template, request
from flask_babel import gettext as _
from wtforms import SelectChoice

from portal.extensions import db
from portal.staff import audit, bp
from portal.staff.admin_forms import AuditFilterForm
from portal.staff.audit_log import AuditFilter, events_csv, known_actions, page_of_events, parse_uk_date
from portal.staff.auth import role_required


def _filter_from(form: AuditFilterForm) -> AuditFilter:
    return AuditFilter(
        action=form.action.data or None,
        who=(form.who.data or "").strip() or None,
        subject=(form.subject.data or "").strip() or None,
        date_from=parse_uk_date(form.date_from.data),
        date_to=parse_uk_date(form.date_to.data),
    )


def _form() -> AuditFilterForm:
    form = AuditFilterForm(request.args)
    form.action.choices = [SelectChoice("", _("All"))] + [
        SelectChoice(a, a.replace("_", " ")) for a in known_actions()
    ]
    return form


@bp.get("/audit")
@role_required("admin")
def audit_log():
    """Who did what, and when: newest first, 50 to a page."""
    form = _form()
    form.validate()
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    events, more = page_of_events(_filter_from(form), page)
    query = {k: v for k, v in request.args.items() if k not in {"page", "submit"} and v}
    return render_template("staff/audit.html", form=form, events=events, page=page, more=more, query=query)


@bp.get("/audit.csv")
@role_required("admin")
def audit_export():
    """The filtered audit log as CSV. The export itself is audited."""
    query_filter = _filter_from(_form())
    body = events_csv(query_filter)
    audit.record("audit_log_exported", detail=query_filter.as_dict())
    db.session.commit()
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=audit-log.csv", "Cache-Control": "no-store"},
    )
