"""coach serve defers Traceloop's SDK, which Chainlit's Literal AI client imports: the app must
start without loading it, and a caller that uses it must still get the real thing."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
from coach.cli.deferred import defer
assert defer("traceloop.sdk", "Traceloop")
import chainlit.cli  # imports literalai.client: from traceloop.sdk import Traceloop
loaded = sorted(m for m in sys.modules if m.startswith("traceloop.sdk."))
assert loaded == [], loaded
from literalai.client import Traceloop
init = Traceloop.init  # first use loads the real SDK
assert init.__qualname__ == "Traceloop.init", init
assert type(sys.modules["traceloop.sdk"]).__name__ == "module"
assert not defer("traceloop.sdk", "Traceloop")  # already real: nothing to do
print("ok")
"""


def test_traceloop_loads_only_when_used() -> None:
    # A fresh interpreter: the test process may have imported chainlit already.
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ok"
