"""Password rules follow NCSC guidance: long enough, not common, no composition rules."""

import pytest

from portal.staff.passwords import (
    common_passwords,
    hash_password,
    needs_rehash,
    password_problem,
    verify_password,
)


@pytest.mark.parametrize(
    "password",
    [
        "plum orchard lantern",
        "correcthorsebatterystaple but longer",
        "all lower case words here",
        "x" * 11 + "yz",
    ],
)
def test_long_uncommon_passwords_are_accepted_without_composition_rules(password):
    assert password_problem(password) is None


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("short pass", "12 characters or more"),
        ("x" * 257, "256 characters or fewer"),
        ("aaaaaaaaaaaaaaaa", "same character"),
        ("password1234", "too common"),
        ("Football2024!!", "too common"),
        ("qwertyuiopas", "too common"),
        ("Worcestershire", "too common"),
        ("iloveyou12345", "too common"),
    ],
)
def test_short_repeated_and_common_passwords_are_refused(password, problem):
    assert problem in password_problem(password)


def test_a_password_that_is_mostly_the_persons_name_or_email_is_refused():
    assert "name or email" in password_problem("jennifer.jones1", email="jennifer.jones@example.org")
    assert "name or email" in password_problem("Alexandra1234", name="Alexandra Smith")
    assert password_problem("alexandra likes purple kites", name="Alexandra Smith") is None


def test_the_deny_list_ships_with_the_package_and_is_large():
    denied = common_passwords()
    assert len(denied) > 25_000
    assert "password" in denied and "123456" in denied


def test_hashes_are_argon2_and_verify_only_the_right_password():
    stored = hash_password("plum orchard lantern")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "plum orchard lantern")
    assert not verify_password(stored, "plum orchard lanterns")
    assert not verify_password(None, "plum orchard lantern")
    assert not verify_password("not a hash", "x")
    assert not needs_rehash(stored)
