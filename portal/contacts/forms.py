"""The staff form for changing a signposting contact."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxInput, GovSubmitInput, GovTextInput
from wtforms import BooleanField, StringField, SubmitField
from wtforms.validators import InputRequired, Length, Optional, Regexp


class ContactForm(FlaskForm):
    """Name, number, hours and web address of one contact."""

    name = StringField(
        _l("Name shown to people"),
        widget=GovTextInput(),
        validators=[
            InputRequired(_l("Enter the name")),
            Length(max=200, message=_l("Use 200 characters or fewer")),
        ],
    )
    phone = StringField(
        _l("Phone number"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Regexp(
                r"^[0-9 ]{3,20}$",
                message=_l("Enter a phone number using only digits and spaces, like 01905 822666"),
            ),
        ],
    )
    hours = StringField(
        _l("When it is open"),
        widget=GovTextInput(),
        validators=[Optional(), Length(max=200, message=_l("Use 200 characters or fewer"))],
    )
    url = StringField(
        _l("Web address"),
        widget=GovTextInput(),
        validators=[
            Optional(),
            Length(max=500, message=_l("Use 500 characters or fewer")),
            Regexp(r"^https://\S+$", message=_l("Enter a web address starting with https://")),
        ],
    )
    checked_today = BooleanField(_l("I have checked these details today"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())
