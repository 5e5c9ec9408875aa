"""Forms admins use: staff accounts, audit filters, retention, legal holds and subject requests."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovPasswordInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import Email, InputRequired, Length, NumberRange, Optional, ValidationError

from portal.staff.models import RETENTION_KINDS
from portal.staff.passwords import password_problem

ROLE_CHOICES = [
    SelectChoice(
        "officer", _l("Engagement officer: responses, themes, reports; contact details with a reason")
    ),
    SelectChoice("pa", _l("Personal adviser: care-leaver requests")),
    SelectChoice("editor", _l("Local Offer editor: the directory of services")),
    SelectChoice("analyst", _l("Analyst: summaries and charts only, never personal data")),
    SelectChoice("admin", _l("Administrator: everything, including accounts and the audit log")),
]
KIND_LABELS = {
    "consultation": _l("Consultation responses"),
    "feedback": _l("Feedback"),
    "careleaver_request": _l("Care-leaver requests"),
    "safeguarding_flag": _l("Safeguarding flags"),
    "alternative_format_request": _l("Requests for other formats"),
}


class NewPassword:
    """Checks a password against the NCSC-style rules, with the account's email and name."""

    def __call__(self, form, field):
        email = form.email.data if hasattr(form, "email") else getattr(form, "account_email", "")
        problem = password_problem(
            field.data or "", email=email or "", name=getattr(form, "account_name", "")
        )
        if problem:
            raise ValidationError(problem)


class NewUserForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        validators=[
            InputRequired(message=_l("Enter an email address")),
            Email(message=_l("Enter a real email address")),
        ],
        widget=GovTextInput(),
    )
    name = StringField(
        _l("Full name"),
        validators=[InputRequired(message=_l("Enter their name")), Length(max=200)],
        widget=GovTextInput(),
    )
    role = RadioField(
        _l("Role"),
        choices=ROLE_CHOICES,
        validators=[InputRequired(message=_l("Select a role"))],
        widget=GovRadioInput(),
    )
    password = PasswordField(
        _l("First password"),
        description=_l("12 characters or more. Three random words work well. Give it to them in person."),
        validators=[InputRequired(message=_l("Enter a password")), NewPassword()],
        widget=GovPasswordInput(),
    )
    submit = SubmitField(_l("Add person"), widget=GovSubmitInput())


class RoleForm(FlaskForm):
    role = RadioField(
        _l("Role"),
        choices=ROLE_CHOICES,
        validators=[InputRequired(message=_l("Select a role"))],
        widget=GovRadioInput(),
    )
    submit = SubmitField(_l("Change role"), widget=GovSubmitInput())


class PasswordResetForm(FlaskForm):
    password = PasswordField(
        _l("New password"),
        description=_l("12 characters or more. They will be signed out everywhere."),
        validators=[InputRequired(message=_l("Enter a password")), NewPassword()],
        widget=GovPasswordInput(),
    )
    submit = SubmitField(_l("Set new password"), widget=GovSubmitInput())


class ActionForm(FlaskForm):
    """A button that changes something: only the CSRF token is checked."""


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = SelectField(_l("What happened"), choices=[], validators=[Optional()], widget=GovSelect())
    who = StringField(
        _l("Staff email contains"), validators=[Optional(), Length(max=254)], widget=GovTextInput()
    )
    subject = StringField(_l("Record"), validators=[Optional(), Length(max=100)], widget=GovTextInput())
    date_from = StringField(
        _l("From"), description=_l("For example, 1/8/2026"), validators=[Optional()], widget=GovTextInput()
    )
    date_to = StringField(
        _l("To"), description=_l("For example, 31/8/2026"), validators=[Optional()], widget=GovTextInput()
    )
    submit = SubmitField(_l("Filter"), widget=GovSubmitInput())


def retention_form_class():
    class RetentionForm(FlaskForm):
        submit = SubmitField(_l("Save retention periods"), widget=GovSubmitInput())

    for kind in RETENTION_KINDS:
        field = IntegerField(
            KIND_LABELS[kind],
            description=_l("Days after the record is made"),
            validators=[
                InputRequired(message=_l("Enter a number of days")),
                NumberRange(min=1, max=36500, message=_l("Enter a number of days between 1 and 36500")),
            ],
            widget=GovTextInput(),
        )
        setattr(RetentionForm, kind, field)
    return RetentionForm


class LegalHoldForm(FlaskForm):
    kind = SelectField(
        _l("Kind of record"), choices=[SelectChoice(k, v) for k, v in KIND_LABELS.items()], widget=GovSelect()
    )
    record_id = StringField(
        _l("Record reference"),
        validators=[InputRequired(message=_l("Enter the record's reference")), Length(max=100)],
        widget=GovTextInput(),
    )
    reason = StringField(
        _l("Why it must be kept"),
        validators=[InputRequired(message=_l("Enter why the record must be kept")), Length(max=500)],
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Place legal hold"), widget=GovSubmitInput())


class SubjectSearchForm(FlaskForm):
    email = StringField(_l("Email address"), validators=[Optional(), Length(max=254)], widget=GovTextInput())
    phone = StringField(_l("Phone number"), validators=[Optional(), Length(max=30)], widget=GovTextInput())
    reason = StringField(
        _l("Request reference or reason"),
        description=_l("For example, the subject access request number"),
        validators=[InputRequired(message=_l("Enter the request reference or reason")), Length(max=500)],
        widget=GovTextInput(),
    )
    confirm = BooleanField(
        _l("I have checked the person's identity and want to erase their data"),
        validators=[Optional()],
        widget=GovCheckboxInput(),
    )
    submit = SubmitField(_l("Find their data"), widget=GovSubmitInput())

    def validate_email(self, field):
        if not (field.data or "").strip() and not (self.phone.data or "").strip():
            raise ValidationError(_l("Enter an email address or a phone number"))


class ReasonForm(FlaskForm):
    reason = StringField(
        _l("Why do you need to see these contact details?"),
        description=_l("For example, to call them back about their answer. This is recorded."),
        validators=[
            InputRequired(message=_l("Enter why you need to see the contact details")),
            Length(min=5, max=500, message=_l("Reason must be between 5 and 500 characters")),
        ],
        widget=GovTextArea(),
    )
    submit = SubmitField(_l("Show contact details"), widget=GovSubmitInput())
