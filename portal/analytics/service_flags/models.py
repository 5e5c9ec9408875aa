"""The flag facts: one row per report that a Local Offer service's information is wrong."""

import datetime as dt

from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.localoffer.models import ServiceFlag


class ServiceFlagFact(db.Model):
    """A family's report about a service, as counts need it: the service, what was wrong, when.

    The service's id and name are copied, so the counts stay whole when the report is closed or
    the service retired. What the family typed is never copied.
    """

    __tablename__ = "analytics_service_flag_fact"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The report itself while it exists (NULL once deleted); one fact per report.
    flag_id: Mapped[int | None] = mapped_column(
        ForeignKey("localoffer_service_flag.id", ondelete="SET NULL"), unique=True
    )
    service_slug: Mapped[str] = mapped_column(String(120), index=True)
    service_name: Mapped[str] = mapped_column(String(200))
    # What was wrong: a key of portal.localoffer.editing.FLAG_PROBLEMS ("contact", "place" ...).
    problem: Mapped[str] = mapped_column(String(30))
    flagged_on: Mapped[dt.date] = mapped_column(Date, index=True)
    month: Mapped[str] = mapped_column(String(7))  # "2026-11"
    quarter: Mapped[str] = mapped_column(String(10))  # the financial-year quarter, "2026-27 Q3"

    flag: Mapped[ServiceFlag | None] = relationship()
