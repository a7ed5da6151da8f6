"""Finding 8 (check-in): X-Forwarded-For from a non-proxy is ignored, and a guesser locked
out by the limiter does not lock out an employee with a real link from the same address."""

from __future__ import annotations

import re

import httpx
from e2e.conftest import Server

from security.conftest import cli


def test_rotating_forwarded_for_does_not_reset_the_limit(app: Server) -> None:
    statuses = [
        httpx.get(
            f"{app.url}/checkin/not-a-token-{i}",
            headers={"X-Forwarded-For": f"10.0.0.{i}"},
            timeout=30,
        ).status_code
        for i in range(14)
    ]
    assert statuses[:10] == [404] * 10
    assert statuses[-1] == 429


def test_an_employee_with_a_real_link_is_not_locked_out(app: Server) -> None:
    made = cli(app, "checkin", "link", "--person", "Sanne", "--manager", "demo")
    assert made.returncode == 0, made.stderr
    url = re.search(r"https?://\S+/checkin/\S+", made.stdout)
    assert url, made.stdout
    for i in range(12):  # this client is over its limit for guesses now
        httpx.get(f"{app.url}/checkin/guess-{i}", timeout=30)
    page = httpx.get(url.group(0).rstrip("."), timeout=30)
    assert page.status_code == 200
    assert 'name="csrf"' in page.text
