"""Check-in tokens and the attempt limiter."""

from __future__ import annotations

import hashlib
import threading

import pytest

from coach.checkin import (
    AttemptLimiter,
    hash_token,
    is_token_hash,
    looks_like_token,
    new_token,
    verify,
)


class FakeClock:
    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def test_tokens_are_unique_and_url_safe() -> None:
    tokens = {new_token() for _ in range(500)}
    assert len(tokens) == 500
    for token in list(tokens)[:50]:
        assert len(token) >= 43
        assert looks_like_token(token)


def test_hash_is_sha256_hex_and_not_the_token() -> None:
    token = new_token()
    digest = hash_token(token)
    assert digest != token
    assert token not in digest
    assert digest == hashlib.sha256(token.encode()).hexdigest()
    assert is_token_hash(digest)
    assert hash_token(token) == digest  # deterministic
    assert hash_token(new_token()) != digest


def test_verify_true_and_false() -> None:
    token = new_token()
    stored = hash_token(token)
    assert verify(token, stored) is True
    assert verify(token, stored.upper()) is True
    assert verify(new_token(), stored) is False
    assert verify(token, hash_token(new_token())) is False
    assert verify("", stored) is False
    assert verify(token, "") is False
    assert verify(token, token) is False  # the raw token is not a valid stored value


def test_tampered_token_fails() -> None:
    token = new_token()
    stored = hash_token(token)
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    assert verify(flipped, stored) is False
    assert verify(token + "x", stored) is False
    assert verify(token[:-1], stored) is False
    assert verify(" " + token, stored) is False


def test_verify_handles_odd_input_without_raising() -> None:
    stored = hash_token(new_token())
    assert verify("tökén-ü", stored) is False
    assert verify(new_token(), "ñ" * 64) is False
    assert verify(new_token(), "\udcff") is False


def test_shape_checks() -> None:
    assert not looks_like_token("short")
    assert not looks_like_token("a" * 200)
    assert not looks_like_token("abc/def" * 5)
    assert not looks_like_token("é" * 40)
    assert not is_token_hash("xyz")
    assert not is_token_hash("A" * 64)


def test_limiter_blocks_after_max_attempts_and_recovers() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(max_attempts=3, window_seconds=60, clock=clock)
    assert [limiter.allow("1.2.3.4") for _ in range(3)] == [True, True, True]
    assert limiter.allow("1.2.3.4") is False
    assert limiter.remaining("1.2.3.4") == 0
    assert limiter.allow("5.6.7.8") is True  # other keys are independent
    clock.advance(59.9)
    assert limiter.allow("1.2.3.4") is False
    clock.advance(0.1)  # the first three attempts are now exactly 60 s old
    assert limiter.allow("1.2.3.4") is True
    assert limiter.remaining("1.2.3.4") == 2


def test_limiter_window_slides() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(max_attempts=2, window_seconds=10, clock=clock)
    assert limiter.allow("k")  # t=0
    clock.advance(6)
    assert limiter.allow("k")  # t=6
    assert not limiter.allow("k")
    clock.advance(4)  # t=10: the t=0 attempt leaves the window
    assert limiter.allow("k")
    assert not limiter.allow("k")
    clock.advance(5)  # t=15: the t=6 attempt is still in
    assert not limiter.allow("k")
    clock.advance(1)  # t=16
    assert limiter.allow("k")


def test_refused_attempts_do_not_extend_the_block() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(max_attempts=1, window_seconds=100, clock=clock)
    assert limiter.allow("k")
    for _ in range(50):
        clock.advance(1)
        assert not limiter.allow("k")
    clock.advance(50)
    assert limiter.allow("k")


def test_limiter_reset_and_defaults() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(clock=clock)
    assert (limiter.max_attempts, limiter.window_seconds) == (10, 600)
    assert all(limiter.allow("ip") for _ in range(10))
    assert not limiter.allow("ip")
    limiter.reset("ip")
    assert limiter.allow("ip")
    assert limiter.remaining("unknown") == 10


def test_limiter_sweeps_stale_keys() -> None:
    clock = FakeClock()
    limiter = AttemptLimiter(max_attempts=5, window_seconds=10, clock=clock)
    for i in range(999):
        limiter.allow(f"10.0.{i // 256}.{i % 256}")
    assert len(limiter) == 999
    clock.advance(11)
    limiter.allow("fresh")  # the 1000th call triggers a sweep
    assert len(limiter) == 1


def test_limiter_rejects_bad_config() -> None:
    with pytest.raises(ValueError):
        AttemptLimiter(max_attempts=0)
    with pytest.raises(ValueError):
        AttemptLimiter(window_seconds=0)


def test_limiter_is_thread_safe() -> None:
    limiter = AttemptLimiter(max_attempts=100, window_seconds=600, clock=FakeClock())
    results: list[bool] = []
    lock = threading.Lock()

    def worker() -> None:
        local = [limiter.allow("shared") for _ in range(50)]
        with lock:
            results.extend(local)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 400
    assert results.count(True) == 100
