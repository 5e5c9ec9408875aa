"""Working days: when a care leaver's request is due, and whether it is overdue."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def add_working_days(start: dt.datetime, days: int, holidays: Iterable[dt.date] = ()) -> dt.datetime:
    """The moment ``days`` working days (Monday to Friday, not ``holidays``) after ``start``.

    A request made on Friday afternoon with a 2-day target is due on Tuesday afternoon; one made
    on Saturday counts from Monday, so it is due on Wednesday at the start of the day.
    """
    closed = set(holidays)
    moment = start
    if not _is_working_day(moment.date(), closed):
        while not _is_working_day(moment.date(), closed):
            moment = (moment + dt.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    remaining = days
    while remaining > 0:
        moment += dt.timedelta(days=1)
        if _is_working_day(moment.date(), closed):
            remaining -= 1
    return moment


def is_overdue(
    created_at: dt.datetime, now: dt.datetime, days: int, holidays: Iterable[dt.date] = ()
) -> bool:
    """True once the target of ``days`` working days has passed."""
    return now > add_working_days(created_at, days, holidays)


def _is_working_day(day: dt.date, holidays: set[dt.date]) -> bool:
    return day.weekday() < 5 and day not in holidays
