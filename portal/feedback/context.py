"""Service context in feedback links: which team, service and quarter the feedback is about.

Staff send families a link such as ``/feedback/cp-conference-parent-feedback?context=...``. The
token is signed (so it cannot be edited) and holds only the team, service and quarter: never a
name, case number or anything else about the family. Results can then be broken down by team
and period without asking families to know team names.
"""

from __future__ import annotations

import datetime as dt
import re

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

SALT = "feedback-service-context"
FIELDS = ("team", "service", "quarter")
MAX_AGE_DAYS = 400  # a link sent after a conference may be answered months later
_SAFE_TEXT = re.compile(r"^[A-Za-z0-9 &'(),./-]{1,80}$")
_QUARTER = re.compile(r"^\d{4}-\d{2} Q[1-4]$")


def check_context(team: str | None, service: str | None, quarter: str | None) -> dict[str, str]:
    """The context as a clean mapping; ValueError names the first bad part."""
    context = {}
    for name, value in (("team", team), ("service", service)):
        if value:
            if not _SAFE_TEXT.match(value):
                raise ValueError(f"{name}: use up to 80 letters, digits, spaces and simple punctuation")
            context[name] = value.strip()
    if quarter:
        if not _QUARTER.match(quarter):
            raise ValueError("quarter: write it as the financial year and quarter, such as 2026-27 Q3")
        context["quarter"] = quarter
    if not context:
        raise ValueError("give at least one of team, service or quarter")
    return context


def quarter_of(day: dt.date) -> str:
    """The council's financial-year quarter of a day: April to June is Q1 ("2026-27 Q1")."""
    start_year = day.year if day.month >= 4 else day.year - 1
    quarter = (day.month - 4) % 12 // 3 + 1
    return f"{start_year}-{(start_year + 1) % 100:02d} Q{quarter}"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_token(team: str | None = None, service: str | None = None, quarter: str | None = None) -> str:
    """A signed token for a feedback link."""
    return _serializer().dumps(check_context(team, service, quarter))


def read_token(token: str | None) -> dict[str, str] | None:
    """The context in a token, or None if it is missing, edited, expired or malformed."""
    if not token or len(token) > 500:
        return None
    try:
        data = _serializer().loads(token, max_age=MAX_AGE_DAYS * 24 * 3600)
    except BadSignature:
        return None
    if not isinstance(data, dict) or set(data) - set(FIELDS):
        return None
    try:
        return check_context(data.get("team"), data.get("service"), data.get("quarter"))
    except (TypeError, ValueError):
        return None
