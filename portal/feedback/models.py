"""The service context a feedback response was given under (from the link staff sent)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.extensions import db
from portal.forms_engine.models import Response


class ResponseContext(db.Model):
    """Team, service and quarter for one response, so results can be broken down by them."""

    __tablename__ = "response_context"

    response_id: Mapped[int] = mapped_column(
        ForeignKey("form_response.id", ondelete="CASCADE"), primary_key=True
    )
    team: Mapped[str | None] = mapped_column(String(80), index=True)
    service: Mapped[str | None] = mapped_column(String(80), index=True)
    quarter: Mapped[str | None] = mapped_column(String(10), index=True)
    response: Mapped[Response] = relationship()
