"""The filter on the flag counts page: a date range (sent with GET, so a view can be bookmarked)."""

import datetime as dt

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField, ValidationError
from wtforms.validators import Optional

from portal.analytics.service_flags.summary import Filters


def _day(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((text or "").strip())
    except ValueError:
        return None


def _a_date(_form, field) -> None:
    if field.data and _day(field.data) is None:
        raise ValidationError(_l("Enter a date like 2026-04-01"))


class FlagFilterForm(FlaskForm):
    """Count only the reports made between two days (either may be left empty)."""

    class Meta:
        csrf = False

    date_from = StringField(
        _l("Reported on or after"), validators=[Optional(), _a_date], widget=GovTextInput()
    )
    date_to = StringField(
        _l("Reported on or before"), validators=[Optional(), _a_date], widget=GovTextInput()
    )
    submit = SubmitField(_l("Show results"), widget=GovSubmitInput())

    def validate_date_to(self, field) -> None:
        start, end = _day(self.date_from.data), _day(field.data)
        if start and end and end < start:
            raise ValidationError(_l("The second date must be the same as or after the first"))

    def filters(self) -> Filters:
        """The filters the form asks for (call after it validates)."""
        return Filters(date_from=_day(self.date_from.data), date_to=_day(self.date_to.data))
