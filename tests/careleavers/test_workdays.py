"""Working-day targets for care leavers' requests."""

import datetime as dt

from portal.careleavers.workdays import add_working_days, is_overdue

UTC = dt.UTC


def at(day: int, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour, tzinfo=UTC)  # 23 November 2026 is a Monday


def test_two_working_days_from_monday_is_wednesday_at_the_same_time():
    assert add_working_days(at(23), 2) == at(25)


def test_a_friday_afternoon_request_is_due_on_tuesday_afternoon():
    assert add_working_days(at(27, 16), 2) == dt.datetime(2026, 12, 1, 16, tzinfo=UTC)


def test_a_weekend_request_counts_from_the_start_of_monday():
    assert add_working_days(at(28, 22), 2) == dt.datetime(2026, 12, 2, 0, tzinfo=UTC)


def test_bank_holidays_do_not_count():
    christmas_eve = dt.datetime(2026, 12, 24, 9, tzinfo=UTC)
    due = add_working_days(christmas_eve, 2, holidays=[dt.date(2026, 12, 25), dt.date(2026, 12, 28)])
    assert due == dt.datetime(2026, 12, 30, 9, tzinfo=UTC)


def test_overdue_only_once_the_target_has_passed():
    assert not is_overdue(at(23), at(25, 9), 2)
    assert is_overdue(at(23), at(25, 11), 2)


def test_the_acknowledgement_fits_one_text_and_holds_nothing_personal():
    from portal.careleavers.callbacks import acknowledgement
    from portal.sms.segments import segment_count

    for how in ("call", "text", None):
        body = acknowledgement("CB-ABCD-EFGH", how, 2)
        assert segment_count(body) == 1, (len(body), body)
        assert "CB-ABCD-EFGH" in body and "999" in body
    assert "will text you within 2 working days" in acknowledgement("CB-ABCD-EFGH", "text", 2)
