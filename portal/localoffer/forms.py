"""Forms families fill in on the Local Offer: the search filters and "this information is wrong"."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from portal.i18n import current_language
from portal.localoffer.editing import FLAG_PROBLEMS
from portal.localoffer.taxonomy import taxonomy


def choices(pairs) -> list[SelectChoice]:
    """WTForms choices from (value, label) pairs."""
    return [SelectChoice(value, label) for value, label in pairs]


def _choices(terms, anything: str, language: str) -> list[SelectChoice]:
    return choices([("", anything)] + [(term.id, term.label_in(language)) for term in terms.values()])


class SearchForm(FlaskForm):
    """The search box and filters (sent with GET, so results pages can be bookmarked)."""

    class Meta:
        csrf = False

    q = StringField(
        _l("Search the Local Offer"), validators=[Optional(), Length(max=200)], widget=GovTextInput()
    )
    age = IntegerField(
        _l("Age of the child or young person"),
        validators=[Optional(), NumberRange(min=0, max=25, message=_l("Enter an age from 0 to 25"))],
        widget=GovTextInput(),
    )
    need = SelectField(_l("Need"), validators=[Optional()], widget=GovSelect())
    district = SelectField(_l("Where you live"), validators=[Optional()], widget=GovSelect())
    category = SelectMultipleField(
        _l("Type of service"), validators=[Optional()], widget=GovCheckboxesInput()
    )
    cost = RadioField(
        _l("Cost"),
        choices=choices([("", _l("Any")), ("free", _l("Free")), ("paid", _l("There is a charge"))]),
        default="",
        validators=[Optional()],
        widget=GovRadioInput(),
    )
    submit = SubmitField(_l("Search"), widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vocab, language = taxonomy(), current_language()
        self.need.choices = _choices(vocab.needs, str(_l("Any need")), language)
        self.district.choices = _choices(vocab.districts, str(_l("Anywhere in Worcestershire")), language)
        self.category.choices = choices(
            (term.id, term.label_in(language)) for term in vocab.categories.values()
        )


class FlagForm(FlaskForm):
    """A family tells us a service's information is wrong."""

    problem = RadioField(
        _l("What is wrong?"),
        choices=choices(FLAG_PROBLEMS.items()),
        validators=[DataRequired(message=_l("Select what is wrong"))],
        widget=GovRadioInput(),
    )
    details = TextAreaField(
        _l("Tell us what is wrong (optional)"),
        validators=[Optional(), Length(max=2000, message=_l("Details must be 2,000 characters or fewer"))],
        widget=GovTextArea(),
    )
    submit = SubmitField(_l("Send"), widget=GovSubmitInput())
