"""Flood counters for the webhook: fixed windows in the portal's rate-limit store.

With ``RATELIMIT_STORAGE_URI=memory://`` (one machine) the counters live in this process, kept by
a few lines here rather than the ``limits`` memory store, which starts a timer thread on most
calls; with Redis (several processes) the ``limits`` library counts in Redis, shared by all.
"""

from __future__ import annotations

import threading
import time

from flask import current_app
from limits import RateLimitItemPerHour, RateLimitItemPerMinute

from portal.extensions import limiter

_PERIODS = {"hour": (3600, RateLimitItemPerHour), "minute": (60, RateLimitItemPerMinute)}


class LocalWindows:
    """Fixed-window counters in one process."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, int], int] = {}

    def hit(self, key: str, amount: int, seconds: int) -> bool:
        window = int(time.time() // seconds)
        with self._lock:
            count = self._counts.get((key, window), 0) + 1
            self._counts[(key, window)] = count
            if len(self._counts) > 50_000:
                self._counts = {k: v for k, v in self._counts.items() if k[1] >= window - 1}
        return count <= amount


def within_limit(key: str, amount: int, period: str) -> bool:
    """Count one hit for ``key``; False once more than ``amount`` hits fall in the current period."""
    seconds, item = _PERIODS[period]
    if current_app.config.get("RATELIMIT_STORAGE_URI", "memory://").startswith("memory://"):
        windows = current_app.extensions.setdefault("sms_flood_windows", LocalWindows())
        return windows.hit(key, amount, seconds)
    return limiter.limiter.hit(item(amount), "sms", key)
