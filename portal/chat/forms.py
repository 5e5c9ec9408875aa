"""The chat form: a message, or one of the quick replies the assistant offered."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovTextInput
from wtforms import StringField
from wtforms.validators import Length, ValidationError

from portal.chat.transcript import MAX_MESSAGE_LENGTH


class ChatForm(FlaskForm):
    """What the family types; a quick-reply button sends its payload in ``payload`` instead."""

    message = StringField(
        _l("Your message"),
        widget=GovTextInput(),
        validators=[
            Length(max=MAX_MESSAGE_LENGTH, message=_l("Your message must be 1000 characters or fewer"))
        ],
    )
    payload = StringField(validators=[Length(max=200)])

    def validate_message(self, field) -> None:
        if not (field.data or "").strip() and not (self.payload.data or "").strip():
            raise ValidationError(_l("Type your question"))
