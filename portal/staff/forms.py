"""Forms for signing in and setting up a second factor."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import PasswordField, StringField, SubmitField
from wtforms.validators import InputRequired, Length


class SignInForm(FlaskForm):
    email = StringField(
        _l("Email address"),
        validators=[InputRequired(message=_l("Enter your email address")), Length(max=254)],
        widget=GovTextInput(),
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(message=_l("Enter your password")), Length(max=256)],
        widget=GovPasswordInput(),
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())


class CodeForm(FlaskForm):
    code = StringField(
        _l("Code from your authenticator app"),
        validators=[InputRequired(message=_l("Enter the 6-digit code")), Length(max=12)],
        widget=GovTextInput(),
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class SignOutForm(FlaskForm):
    submit = SubmitField(_l("Sign out"), widget=GovSubmitInput())
