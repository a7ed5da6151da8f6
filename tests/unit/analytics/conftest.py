"""Unit tests here check the rules: the learned detectors (a real packaged model) are
switched off, and tested in tests/integration/analytics."""

from collections.abc import Iterator

import pytest

from coach.analytics import learned


@pytest.fixture(autouse=True)
def rules_only() -> Iterator[None]:
    learned.set_default(None)
    yield
    learned.reset_default()
