"""The editors' service form, and turning it into a canonical record and back."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    ValidationError,
)
from wtforms.validators import URL, DataRequired, Email, Length, NumberRange, Optional, Regexp

from portal.localoffer.forms import choices
from portal.localoffer.records import Record
from portal.localoffer.taxonomy import COST_TYPES, taxonomy


class ServiceForm(FlaskForm):
    """Everything an editor can change about a service."""

    slug = StringField(
        _l("Service id"),
        validators=[
            DataRequired(message=_l("Enter a service id")),
            Regexp(r"^[a-z0-9][a-z0-9-]{1,118}$", message=_l("Use lower-case letters, numbers and hyphens")),
        ],
        widget=GovTextInput(),
    )
    name = StringField(
        _l("Service name"),
        validators=[DataRequired(message=_l("Enter the service name")), Length(max=200)],
        widget=GovTextInput(),
    )
    organisation = StringField(
        _l("Organisation"), validators=[Optional(), Length(max=200)], widget=GovTextInput()
    )
    summary = StringField(
        _l("Summary"),
        validators=[DataRequired(message=_l("Enter a one-line summary")), Length(max=400)],
        widget=GovTextInput(),
    )
    description = TextAreaField(
        _l("Description"), validators=[Optional(), Length(max=20000)], widget=GovTextArea()
    )
    categories = SelectMultipleField(
        _l("Categories"),
        validators=[DataRequired(message=_l("Select at least one category"))],
        widget=GovCheckboxesInput(),
    )
    needs = SelectMultipleField(_l("Needs"), validators=[Optional()], widget=GovCheckboxesInput())
    age_min = IntegerField(
        _l("Youngest age"), validators=[Optional(), NumberRange(0, 120)], widget=GovTextInput()
    )
    age_max = IntegerField(
        _l("Oldest age"), validators=[Optional(), NumberRange(0, 120)], widget=GovTextInput()
    )
    eligibility = TextAreaField(
        _l("Who it is for"), validators=[Optional(), Length(max=2000)], widget=GovTextArea()
    )
    service_areas = SelectMultipleField(
        _l("Areas covered"),
        validators=[DataRequired(message=_l("Select the areas the service covers"))],
        widget=GovCheckboxesInput(),
    )
    locations = TextAreaField(
        _l("Locations"), validators=[Optional(), Length(max=4000)], widget=GovTextArea()
    )
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=60)], widget=GovTextInput())
    email = StringField(
        _l("Email"),
        validators=[Optional(), Email(message=_l("Enter an email address like name@example.org"))],
        widget=GovTextInput(),
    )
    website = StringField(
        _l("Website"),
        validators=[Optional(), URL(message=_l("Enter a web address starting https://"))],
        widget=GovTextInput(),
    )
    contact_note = StringField(
        _l("Contact note"), validators=[Optional(), Length(max=400)], widget=GovTextInput()
    )
    cost_type = RadioField(
        _l("Cost"),
        choices=choices(COST_TYPES.items()),
        default="free",
        validators=[DataRequired(message=_l("Select the cost"))],
        widget=GovRadioInput(),
    )
    cost_description = StringField(
        _l("Cost details"), validators=[Optional(), Length(max=400)], widget=GovTextInput()
    )
    access = TextAreaField(
        _l("How to get it"), validators=[Optional(), Length(max=2000)], widget=GovTextArea()
    )
    opening_times = StringField(_l("When"), validators=[Optional(), Length(max=400)], widget=GovTextInput())
    source = StringField(_l("Source"), validators=[Optional(), Length(max=400)], widget=GovTextInput())
    sample_data = BooleanField(_l("This is sample data, not a real service"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vocab = taxonomy()
        self.categories.choices = choices((t.id, t.label) for t in vocab.categories.values())
        self.needs.choices = choices((t.id, t.label) for t in vocab.needs.values())
        self.service_areas.choices = choices((t.id, t.label) for t in vocab.districts.values())

    def validate_age_max(self, field) -> None:
        if field.data is not None and self.age_min.data is not None and field.data < self.age_min.data:
            raise ValidationError(_l("The oldest age must be the same as or more than the youngest age"))

    def validate_locations(self, field) -> None:
        for line in (field.data or "").splitlines():
            parts = [part.strip() for part in line.split("|")]
            if line.strip() and len(parts) == 4 and parts[3] and parts[3] not in taxonomy().districts:
                raise ValidationError(_l("The district of each location must be one of the districts listed"))

    def record(self, last_reviewed: str | None) -> Record:
        """The canonical record this form describes."""
        locations = []
        for line in (self.locations.data or "").splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split("|")] + ["", "", "", ""]
            locations.append(dict(zip(("name", "address", "postcode", "district"), parts[:4], strict=True)))
        return {
            "id": self.slug.data.strip(),
            "name": self.name.data.strip(),
            "organisation": self.organisation.data or "",
            "summary": self.summary.data or "",
            "description_html": self.description.data or "",
            "categories": self.categories.data or [],
            "needs": self.needs.data or [],
            "age_min": self.age_min.data,
            "age_max": self.age_max.data,
            "eligibility": self.eligibility.data or "",
            "service_areas": self.service_areas.data or [],
            "locations": locations,
            "contacts": {
                "phone": self.phone.data or "",
                "email": self.email.data or "",
                "website": self.website.data or "",
                "note": self.contact_note.data or "",
            },
            "cost": {"type": self.cost_type.data, "description": self.cost_description.data or ""},
            "access": self.access.data or "",
            "opening_times": self.opening_times.data or "",
            "last_reviewed": last_reviewed,
            "source": self.source.data or "",
            "sample_data": bool(self.sample_data.data),
        }

    def fill(self, record: Record) -> None:
        """Show a record in the form."""
        contacts, cost = record.get("contacts") or {}, record.get("cost") or {}
        self.slug.data = record["id"]
        for name in ("name", "organisation", "summary", "eligibility", "access", "opening_times", "source"):
            getattr(self, name).data = record.get(name) or ""
        self.description.data = record.get("description_html") or ""
        self.categories.data = record.get("categories") or []
        self.needs.data = record.get("needs") or []
        self.service_areas.data = record.get("service_areas") or []
        self.age_min.data, self.age_max.data = record.get("age_min"), record.get("age_max")
        self.locations.data = "\n".join(
            " | ".join(place.get(k) or "" for k in ("name", "address", "postcode", "district"))
            for place in record.get("locations") or []
        )
        self.phone.data, self.email.data = contacts.get("phone") or "", contacts.get("email") or ""
        self.website.data, self.contact_note.data = contacts.get("website") or "", contacts.get("note") or ""
        self.cost_type.data, self.cost_description.data = (
            cost.get("type") or "free",
            cost.get("description") or "",
        )
        self.sample_data.data = bool(record.get("sample_data"))


class ActionForm(FlaskForm):
    """A button that changes something (publish, retire, reviewed, resolve): CSRF only."""

    submit = SubmitField(_l("Confirm"), widget=GovSubmitInput())
