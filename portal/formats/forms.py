"""The "ask for this in another format" form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

FORMAT_LABELS = {
    "large_print": _l("Large print"),
    "audio": _l("Audio (a recording you can listen to)"),
    "braille": _l("Braille"),
    "paper": _l("A paper copy by post"),
    "bsl_video": _l("A British Sign Language (BSL) video call"),
    "language": _l("Another language"),
}


class AlternativeFormatForm(FlaskForm):
    """Which formats, and how we reach the person to send them."""

    formats = SelectMultipleField(
        _l("Which formats would help you?"),
        choices=[SelectChoice(code, label) for code, label in FORMAT_LABELS.items()],
        validators=[DataRequired(message=_l("Select at least one format"))],
        widget=GovCheckboxesInput(),
    )
    other_language = StringField(
        _l("Which language? (if you chose another language)"),
        validators=[Optional(), Length(max=60, message=_l("Use 60 characters or fewer"))],
        widget=GovTextInput(),
    )
    name = StringField(
        _l("Your name"),
        validators=[
            DataRequired(message=_l("Enter your name")),
            Length(max=120, message=_l("Use 120 characters or fewer")),
        ],
        widget=GovTextInput(),
    )
    contact = TextAreaField(
        _l("How should we send it to you or get in touch?"),
        validators=[
            DataRequired(message=_l("Enter your address, email address or phone number")),
            Length(max=500, message=_l("Use 500 characters or fewer")),
        ],
        widget=GovTextArea(),
    )
    submit = SubmitField(_l("Send request"), widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if "language" in (self.formats.data or []) and not (self.other_language.data or "").strip():
            self.other_language.errors = [
                *self.other_language.errors,
                _l("Enter the language you would like"),
            ]
            return False
        return valid
