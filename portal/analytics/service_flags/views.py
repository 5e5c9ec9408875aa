"""The flag counts page: how often families said a service's information was wrong."""

from flask import current_app, render_template, request
from flask_login import current_user

from portal.analytics.service_flags import bp, summary
from portal.analytics.service_flags.forms import FlagFilterForm
from portal.staff.auth import role_required


@bp.get("/flags")
@role_required("officer", "analyst")
def flags():
    """Reports of wrong information by month and by service; small numbers hidden for analysts."""
    form = FlagFilterForm(request.args)
    # Officers and admins see exact counts (with a warning), as on every results dashboard.
    exact = current_user.role in ("officer", "admin")
    threshold = int(current_app.config.get("ANALYTICS_SUPPRESSION_THRESHOLD", 5))
    tables = summary.flag_tables(form.filters(), exact, threshold) if form.validate() else None
    return render_template(
        "analytics_service_flags/flags.html", form=form, tables=tables, exact=exact, threshold=threshold
    )
