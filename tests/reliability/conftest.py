"""Settings for the reliability tests: short by default, the full run under ``make test-reliability``."""

import json
import os
from pathlib import Path

import pytest

from tests.conftest import DATABASES

FULL = os.environ.get("FV_RELIABILITY_FULL") == "1"
FAMILIES = int(os.environ.get("FV_LOAD_FAMILIES", "100" if FULL else "10"))
CHATS = int(os.environ.get("FV_LOAD_CHATS", "50" if FULL else "5"))
SECONDS = float(os.environ.get("FV_LOAD_SECONDS", "120" if FULL else "10"))
RESULTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reliability"
# The load runs on the server database when the machine has one, as in production.
ENGINE = DATABASES[-1]

full_only = pytest.mark.skipif(not FULL, reason="part of make test-reliability only (FV_RELIABILITY_FULL=1)")


def record(name: str, summary: dict) -> None:
    """Keep each run's numbers for docs/reliability.md."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
