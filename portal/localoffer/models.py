"""Local Offer records, shaped after Open Referral UK: a service with its eligibility,
areas, locations, contacts and taxonomy terms, plus its history and families' flags."""

from datetime import UTC, date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db

STATUSES = ("draft", "published", "retired")
ORIGINS = ("shipped", "editor", "imported")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Service(db.Model):
    """A service in the directory. `slug` is the stable Open Referral id used in URLs."""

    __tablename__ = "localoffer_service"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    organisation: Mapped[str] = mapped_column(sa.String(200), default="")
    summary: Mapped[str] = mapped_column(sa.String(400), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    eligibility: Mapped[str] = mapped_column(sa.Text, default="")
    age_min: Mapped[int | None] = mapped_column(sa.Integer)
    age_max: Mapped[int | None] = mapped_column(sa.Integer)
    phone: Mapped[str] = mapped_column(sa.String(60), default="")
    email: Mapped[str] = mapped_column(sa.String(200), default="")
    website: Mapped[str] = mapped_column(sa.String(400), default="")
    contact_note: Mapped[str] = mapped_column(sa.String(400), default="")
    cost_type: Mapped[str] = mapped_column(sa.String(10), default="free")
    cost_description: Mapped[str] = mapped_column(sa.String(400), default="")
    access: Mapped[str] = mapped_column(sa.Text, default="")
    opening_times: Mapped[str] = mapped_column(sa.String(400), default="")
    last_reviewed: Mapped[date | None] = mapped_column(sa.Date)
    source: Mapped[str] = mapped_column(sa.String(400), default="")
    sample_data: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    status: Mapped[str] = mapped_column(sa.String(12), default="draft", index=True)
    origin: Mapped[str] = mapped_column(sa.String(12), default="editor")
    shipped_hash: Mapped[str | None] = mapped_column(sa.String(64))
    edited_by_staff: Mapped[bool] = mapped_column(sa.Boolean, default=False)
    pending_changes: Mapped[dict | None] = mapped_column(sa.JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    categories: Mapped[list["ServiceCategory"]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceCategory.position"
    )
    needs: Mapped[list["ServiceNeed"]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceNeed.position"
    )
    areas: Mapped[list["ServiceArea"]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceArea.position"
    )
    locations: Mapped[list["ServiceLocation"]] = relationship(
        cascade="all, delete-orphan", order_by="ServiceLocation.position"
    )

    @property
    def category_ids(self) -> list[str]:
        return [row.category for row in self.categories]

    @property
    def need_ids(self) -> list[str]:
        return [row.need for row in self.needs]

    @property
    def district_ids(self) -> list[str]:
        return [row.district for row in self.areas]


class ServiceCategory(db.Model):
    """A taxonomy term (category) of a service."""

    __tablename__ = "localoffer_service_category"

    service_id: Mapped[int] = mapped_column(
        sa.ForeignKey("localoffer_service.id", ondelete="CASCADE"), primary_key=True
    )
    category: Mapped[str] = mapped_column(sa.String(60), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)


class ServiceNeed(db.Model):
    """A need or condition a service is for (part of its eligibility)."""

    __tablename__ = "localoffer_service_need"

    service_id: Mapped[int] = mapped_column(
        sa.ForeignKey("localoffer_service.id", ondelete="CASCADE"), primary_key=True
    )
    need: Mapped[str] = mapped_column(sa.String(60), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)


class ServiceArea(db.Model):
    """A district the service covers, or "countywide"."""

    __tablename__ = "localoffer_service_area"

    service_id: Mapped[int] = mapped_column(
        sa.ForeignKey("localoffer_service.id", ondelete="CASCADE"), primary_key=True
    )
    district: Mapped[str] = mapped_column(sa.String(40), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(default=0)


class ServiceLocation(db.Model):
    """A place where the service is delivered."""

    __tablename__ = "localoffer_service_location"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(
        sa.ForeignKey("localoffer_service.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(sa.String(200), default="")
    address: Mapped[str] = mapped_column(sa.String(400), default="")
    postcode: Mapped[str] = mapped_column(sa.String(12), default="")
    district: Mapped[str] = mapped_column(sa.String(40), default="", index=True)
    position: Mapped[int] = mapped_column(default=0)


class ServiceRevision(db.Model):
    """One change to a service: who, when, what kind, and the record as it then stood."""

    __tablename__ = "localoffer_service_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(
        sa.ForeignKey("localoffer_service.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(sa.String(30))
    changed_by: Mapped[str] = mapped_column(sa.String(200), default="")
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
    summary: Mapped[str] = mapped_column(sa.String(400), default="")
    record: Mapped[dict] = mapped_column(sa.JSON)


class ServiceFlag(db.Model):
    """A family's report that a service's information is wrong, waiting for an editor."""

    __tablename__ = "localoffer_service_flag"

    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(
        sa.ForeignKey("localoffer_service.id", ondelete="CASCADE"), index=True
    )
    problem: Mapped[str] = mapped_column(sa.String(30))
    details: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(12), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column()
    resolved_by: Mapped[str] = mapped_column(sa.String(200), default="")

    service: Mapped[Service] = relationship()


class SearchWord(db.Model):
    """A word that occurs in the search index; the speller corrects typing slips to these."""

    __tablename__ = "localoffer_search_word"

    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(sa.String(80), unique=True)
