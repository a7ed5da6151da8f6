"""Check-in link tokens and a brute-force limiter.

The employee opens a link with a random token; only its SHA-256 hash is stored, so a database
leak does not reveal working links. 32 random bytes make guessing infeasible; the limiter still
slows down scanners and keeps logs quiet.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from collections.abc import Callable

TOKEN_BYTES = 32
_HEX = frozenset("0123456789abcdef")


def new_token() -> str:
    """A fresh URL-safe token (43 characters, 256 bits of entropy)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """SHA-256 hex digest of the token; this is what storage keeps."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def verify(token: str, stored_hash: str) -> bool:
    """True when `token` hashes to `stored_hash`; compared in constant time."""
    if not token or not stored_hash:
        return False
    candidate = hash_token(token).encode("ascii")
    # Encode with a lossless codec so a non-ASCII stored value cannot raise; it just mismatches.
    return hmac.compare_digest(candidate, stored_hash.lower().encode("utf-8", "surrogatepass"))


def looks_like_token(token: str) -> bool:
    """Cheap shape check before any lookup (URL-safe alphabet, sane length)."""
    if not 16 <= len(token) <= 128:
        return False
    return all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in token)


def is_token_hash(value: str) -> bool:
    """True for a lowercase 64-character hex digest as produced by `hash_token`."""
    return len(value) == 64 and set(value) <= _HEX


class AttemptLimiter:
    """In-memory sliding-window limiter per key (client IP), safe across threads.

    `allow` records an attempt and returns False once `max_attempts` were made within the last
    `window_seconds`. Refused attempts are not recorded, so a blocked client is let in again as
    soon as its oldest counted attempt leaves the window. Single-process only; behind several
    workers each worker counts on its own.
    """

    def __init__(
        self,
        max_attempts: int = 10,
        window_seconds: int = 600,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if window_seconds <= 0:
            raise ValueError("window_seconds must be positive")
        self.max_attempts = max_attempts
        self.window_seconds = window_seconds
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._calls = 0

    def _prune(self, hits: deque[float], now: float) -> None:
        cutoff = now - self.window_seconds
        while hits and hits[0] <= cutoff:
            hits.popleft()

    def _sweep(self, now: float) -> None:
        """Drop keys without recent attempts so memory stays bounded under scanning."""
        for key in list(self._hits):
            hits = self._hits[key]
            self._prune(hits, now)
            if not hits:
                del self._hits[key]

    def allow(self, key: str) -> bool:
        """Record one attempt for `key`; False when the key is over its limit."""
        with self._lock:
            now = self._clock()
            self._calls += 1
            if self._calls % 1000 == 0:
                self._sweep(now)
            hits = self._hits.setdefault(key, deque())
            self._prune(hits, now)
            if len(hits) >= self.max_attempts:
                return False
            hits.append(now)
            return True

    def remaining(self, key: str) -> int:
        """Attempts still allowed for `key` right now (does not record one)."""
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                return self.max_attempts
            self._prune(hits, self._clock())
            return max(0, self.max_attempts - len(hits))

    def reset(self, key: str) -> None:
        """Forget `key`, e.g. after a successful check-in."""
        with self._lock:
            self._hits.pop(key, None)

    def __len__(self) -> int:
        """Number of keys currently tracked (for tests and metrics)."""
        with self._lock:
            return len(self._hits)
