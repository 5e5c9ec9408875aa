"""Staff forms for the care-leaver queue."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import HiddenField, StringField, SubmitField
from wtforms.validators import AnyOf, InputRequired, Length


class StatusForm(FlaskForm):
    """Pick up, put back, finish or reopen a request."""

    status = HiddenField(validators=[AnyOf(["new", "in_progress", "done"])])


class MatchCaseForm(FlaskForm):
    """Record which case a request belongs to."""

    case_reference = StringField(
        _l("Case reference"),
        widget=GovTextInput(),
        validators=[
            InputRequired(_l("Enter the case reference")),
            Length(max=50, message=_l("Use 50 characters or fewer")),
        ],
    )
    submit = SubmitField(_l("Save case reference"), widget=GovSubmitInput())
