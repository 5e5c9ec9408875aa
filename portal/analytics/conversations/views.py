"""Staff pages under /staff/conversations/: what families ask the assistant and how it answers."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from portal.analytics.conversations import bp, summary
from portal.analytics.conversations.clustering import nlu_examples_yaml
from portal.core.models import utcnow
from portal.extensions import db
from portal.staff.audit import record
from portal.staff.auth import role_required

READERS = ("analyst", "officer")  # and admins
# Follow-ups hold what a family typed, which may be personal: officers only.
FOLLOW_UP_READERS = ("officer",)
CHART_WEEKS = 26


@bp.get("/")
@role_required(*READERS)
def index():
    """Headline numbers and the questions families ask most."""
    return render_template(
        "analytics/conversations/index.html",
        totals=summary.totals(),
        top=summary.top_questions(),
        top_web=summary.top_questions(10, "web"),
        top_sms=summary.top_questions(10, "sms"),
    )


@bp.get("/unanswered")
@role_required(*READERS)
def unanswered():
    """Questions the assistant could not answer, grouped by similarity."""
    return render_template("analytics/conversations/unanswered.html", groups=summary.unanswered_groups())


@bp.get("/unanswered/export.<fmt>")
@role_required(*READERS)
def export_unanswered(fmt: str):
    """The grouped questions as Rasa NLU training examples (YAML), for review before training."""
    if fmt != "yml":
        abort(404)
    groups = summary.unanswered_groups()
    record("export_unanswered_questions", subject_type="conversation", detail={"groups": len(groups)})
    db.session.commit()
    return Response(
        nlu_examples_yaml(groups),
        mimetype="application/x-yaml",
        headers={"Content-Disposition": 'attachment; filename="unanswered-questions-nlu.yml"'},
    )


@bp.get("/ratings")
@role_required(*READERS)
def ratings():
    """How helpful families found the answers, week by week: a chart and the same numbers in a table."""
    weeks = summary.ratings_by_week()
    return render_template(
        "analytics/conversations/ratings.html", weeks=weeks, chart_weeks=weeks[-CHART_WEEKS:]
    )


@bp.get("/safeguarding")
@role_required(*READERS)
def safeguarding():
    """Safeguarding flags raised in conversations and where each is in its follow-up."""
    return render_template("analytics/conversations/safeguarding.html", flags=summary.assistant_flags())


@bp.get("/follow-ups")
@role_required(*FOLLOW_UP_READERS)
def follow_ups():
    """Messages families typed while the assistant was not working, for staff to read."""
    from portal.chat.models import ChatFollowUp
    from portal.chat.transcript import follow_up_text

    items = list(
        db.session.scalars(
            select(ChatFollowUp).order_by(ChatFollowUp.status.desc(), ChatFollowUp.created_at.desc())
        )
    )
    record("read_chat_follow_ups", subject_type="chat_follow_up", detail={"count": len(items)})
    db.session.commit()
    return render_template(
        "analytics/conversations/follow_ups.html",
        items=[(item, follow_up_text(item)) for item in items],
        form=FlaskForm(),
    )


@bp.post("/follow-ups/<int:follow_up_id>/done")
@role_required(*FOLLOW_UP_READERS)
def follow_up_done(follow_up_id: int):
    """Mark a kept message as dealt with."""
    from portal.chat.models import ChatFollowUp

    if not FlaskForm().validate_on_submit():
        abort(400)
    item = db.session.get(ChatFollowUp, follow_up_id) or abort(404)
    item.status = "done"
    item.handled_by = current_user.name or current_user.email
    item.handled_at = utcnow()
    record("chat_follow_up_done", subject_type="chat_follow_up", subject_id=item.id)
    db.session.commit()
    flash(_("Marked as dealt with."), "success")
    return redirect(url_for("conversations.follow_ups"))
