"""Staff forms for themes and "you said, we did"."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea, GovTextInput
from wtforms import StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length


class ThemeForm(FlaskForm):
    name = StringField(
        _l("Theme name"),
        widget=GovTextInput(),
        validators=[InputRequired(_l("Enter a theme name")), Length(max=120)],
    )
    description = TextAreaField(
        _l("What the theme covers"),
        description=_l("A sentence or two. Suggestions compare comments with this."),
        widget=GovTextArea(),
        validators=[Length(max=2000)],
    )
    submit = SubmitField(_l("Add theme"), widget=GovSubmitInput())


class ResponseForm(FlaskForm):
    you_said = TextAreaField(
        _l("You said"),
        widget=GovTextArea(),
        validators=[Length(max=2000)],
        description=_l("What families told us, in plain words."),
    )
    we_did = TextAreaField(
        _l("We did"),
        widget=GovTextArea(),
        validators=[Length(max=10000)],
        description=_l("The council's response. Paragraphs, bold, lists and links are kept."),
    )
    submit = SubmitField(_l("Save response"), widget=GovSubmitInput())
