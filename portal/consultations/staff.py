"""Officer entry of responses received on paper, by phone, by email and at drop-ins."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import wraps

from flask import redirect, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput
from wtforms import RadioField, SelectChoice
from wtforms.validators import InputRequired

from portal.consultations import flow, journey, staff_bp
from portal.forms_engine.content import all_latest_versions, definition_of
from portal.forms_engine.equality import aggregate
from portal.forms_engine.models import EqualityResponse
from portal.forms_engine.store import responses_for

try:  # the staff capability's sign-in and roles, when this deployment has them
    from portal.staff.auth import role_required
except ImportError:  # pragma: no cover - depends on which capabilities are installed
    role_required = None

OFFICER_ROLES = ("officer", "admin")


def officer_required(view: Callable) -> Callable:
    """Engagement officers (and admins) only; everyone else is sent to sign in."""
    if role_required is not None:
        return role_required(*OFFICER_ROLES)(view)

    @wraps(view)
    def guarded(*args, **kwargs):
        if not current_user.is_authenticated:
            return redirect("/staff/sign-in?next=" + request.path)
        return view(*args, **kwargs)

    return guarded


@staff_bp.before_request
@officer_required
def _signed_in():
    return None


flow.register(staff_bp)

CHANNEL_CHOICES = [
    SelectChoice("paper", _l("Paper questionnaire")),
    SelectChoice("phone", _l("Phone call")),
    SelectChoice("email", _l("Email")),
    SelectChoice("drop-in", _l("Drop-in session")),
]


class ChannelForm(FlaskForm):
    channel = RadioField(
        _l("How did this response reach us?"),
        choices=CHANNEL_CHOICES,
        validators=[InputRequired(message=_l("Select how this response reached us"))],
        widget=GovRadioInput(),
    )


@staff_bp.get("/")
def index():
    """Every consultation with its responses counted by channel."""
    rows = []
    for version in all_latest_versions("consultation"):
        counts = Counter(r.channel for r in responses_for(version.form.slug))
        rows.append({"definition": definition_of(version), "counts": counts, "total": sum(counts.values())})
    return render_template("consultations/staff_index.html", rows=rows)


@staff_bp.route("/<slug>", methods=["GET", "POST"], endpoint="start")
def enter(slug: str):
    """Start entering a response on the consultation's own questions, marked with its channel."""
    place = journey.find_place(slug)
    form = ChannelForm()
    if form.validate_on_submit():
        draft = journey.begin(place, channel=form.channel.data, entered_by=_officer_id())
        answers, _equality = journey.answers_of(draft)
        return redirect(journey.first_page_url(place, answers), code=303)
    rows = [e.answers for e in _equality_rows(place.version.form.versions)]
    return render_template(
        "consultations/staff_enter.html", place=place, form=form, equality=aggregate(rows) if rows else None
    )


def _equality_rows(versions):
    from sqlalchemy import select

    from portal.extensions import db

    ids = [v.id for v in versions]
    return db.session.scalars(select(EqualityResponse).where(EqualityResponse.form_version_id.in_(ids))).all()


def _officer_id() -> int | None:
    return getattr(current_user, "id", None)
