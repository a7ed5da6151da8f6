"""Login and check-in back-off with the `limits` library, and a cap on concurrent hashing.

Failures are counted per username and per client address (moving windows); a key over its
limit gets 429 before any password is hashed. The counts live in the process's memory: a
restart forgives, and with several app processes each counts its own share (docs/security.md).
Argon2 costs ~50 ms of CPU and 64 MB per verify; without a cap a flood of logins would starve
every other request, so at most `slots` verifies run at once and a login that waits too long
for a slot is refused like a throttled one.
"""

from __future__ import annotations

import threading

from limits import parse
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter


class FailureLimiter:
    """Counts failures per (kind, key); `blocked` is true once any key is over its limit."""

    def __init__(self, limits: dict[str, str]) -> None:
        self._limits = {kind: parse(rate) for kind, rate in limits.items()}
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    def blocked(self, **keys: str) -> bool:
        return any(
            not self._limiter.test(self._limits[kind], kind, key.lower())
            for kind, key in keys.items()
            if kind in self._limits
        )

    def fail(self, **keys: str) -> None:
        for kind, key in keys.items():
            if kind in self._limits:
                self._limiter.hit(self._limits[kind], kind, key.lower())

    def retry_after(self, **keys: str) -> int:
        """Seconds until every given key is below its limit again (at least 1)."""
        wait = 1
        for kind, key in keys.items():
            if kind in self._limits:
                reset, _ = self._limiter.get_window_stats(self._limits[kind], kind, key.lower())
                wait = max(wait, int(reset - _now()) + 1)
        return wait


def _now() -> float:
    import time

    return time.time()


class Busy(Exception):
    """No hashing slot came free in time."""


class HashSlots:
    """At most `slots` password hashes at once, across all threads of the process."""

    def __init__(self, slots: int, wait_s: float = 5.0) -> None:
        self._sem = threading.BoundedSemaphore(max(1, slots))
        self.wait_s = wait_s

    def __enter__(self) -> None:
        if not self._sem.acquire(timeout=self.wait_s):
            raise Busy

    def __exit__(self, *exc: object) -> None:
        self._sem.release()
