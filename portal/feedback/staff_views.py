"""A staff page that makes feedback links carrying a team, service and quarter."""

import datetime as dt

from flask import Blueprint, current_app, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import SelectField, StringField, SubmitField
from wtforms.validators import InputRequired, ValidationError

from portal.feedback.context import check_context, make_token, quarter_of
from portal.forms_engine.content import all_latest_versions, definition_of
from portal.forms_engine.definition import localise
from portal.staff.auth import role_required

staff_bp = Blueprint("feedback_staff", __name__, url_prefix="/staff/feedback", template_folder="templates")


class LinkForm(FlaskForm):
    """Which form, and the context to carry: never anything about the family."""

    slug = SelectField(_l("Feedback form"), widget=GovSelect(), validators=[InputRequired()])
    team = StringField(_l("Team"), widget=GovTextInput())
    service = StringField(_l("Service"), widget=GovTextInput())
    quarter = StringField(_l("Quarter"), widget=GovTextInput())
    submit = SubmitField(_l("Make the link"), widget=GovSubmitInput())

    def validate_quarter(self, field):
        try:
            check_context(self.team.data, self.service.data, field.data)
        except ValueError as error:
            raise ValidationError(str(error)) from error


@staff_bp.route("/links", methods=["GET", "POST"])
@role_required("officer", "pa")
def links():
    """Choose a form and a team, service and quarter; copy the link into a letter, email or text."""
    form = LinkForm()
    form.slug.choices = [
        (version.form.slug, localise(definition_of(version).title))
        for version in all_latest_versions("feedback")
    ]
    if not form.is_submitted():
        form.quarter.data = quarter_of(dt.date.today())
    link = None
    if form.validate_on_submit():
        token = make_token(form.team.data or None, form.service.data or None, form.quarter.data or None)
        path = url_for("feedback.start", slug=form.slug.data, context=token)
        link = current_app.config["PUBLIC_URL"] + path
    return render_template("feedback/staff_links.html", form=form, link=link)
