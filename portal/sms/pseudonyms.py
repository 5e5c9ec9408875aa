"""Keyed pseudonyms for phone numbers (HMAC-SHA256), so nothing past the gateway sees a number."""

from __future__ import annotations

import hashlib
import hmac
import re

from flask import current_app

_NOT_DIGITS = re.compile(r"[^\d+]")


def normalise_number(number: str) -> str:
    """E.164 as Twilio sends it; UK numbers typed as 07… become +447…"""
    number = _NOT_DIGITS.sub("", number.strip())
    if number.startswith("00"):
        number = "+" + number[2:]
    elif number.startswith("0"):
        number = "+44" + number[1:]
    return number


def pseudonym(number: str) -> str:
    """The sender's stable pseudonym: HMAC-SHA256 of the number under ``SMS_PSEUDONYM_KEY``."""
    key = current_app.config["SMS_PSEUDONYM_KEY"].encode()
    return hmac.new(key, normalise_number(number).encode(), hashlib.sha256).hexdigest()


def short(key: str) -> str:
    """A pseudonym shortened for logs and staff pages."""
    return key[:10]
