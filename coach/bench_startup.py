"""`coach bench --startup`: seconds from `coach serve` to the login page, warm and cold.

Warm: an existing data dir (migrated, ONNX export and knowledge index present). Cold: an
empty data dir each run. Several runs each, median reported; the server is a real
subprocess on a free loopback port, stopped after each run.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

GOALS_S = {"warm": 10.0, "cold": 20.0}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _login_page_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as r:  # noqa: S310 - loopback only
            return r.status == 200 and b"<html" in r.read(2000).lower()
    except OSError:
        return False


def time_to_login(data_dir: Path, timeout_s: float = 180.0, settle_s: float = 0.0) -> float:
    """Start `coach serve` on data_dir; seconds until GET /login answers with the page."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        COACH_DATA_DIR=str(data_dir), COACH_APP__PORT=str(port), COACH_LLM="fake",
        HF_HUB_OFFLINE="1", ANONYMIZED_TELEMETRY="False",
    )  # fmt: skip
    exe = Path(sys.executable).with_name("coach")
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [str(exe), "serve"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/login"
        while not _login_page_up(url):
            if proc.poll() is not None:
                raise RuntimeError(f"coach serve exited with {proc.returncode}")
            if time.perf_counter() - t0 > timeout_s:
                raise TimeoutError("login page not served in time")
            time.sleep(0.1)
        elapsed = time.perf_counter() - t0
        time.sleep(settle_s)  # let the background warm-up finish before the next run
        return elapsed
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def run(runs: int = 3) -> dict[str, Any]:
    result: dict[str, Any] = {"runs": runs}
    with tempfile.TemporaryDirectory(prefix="coach-startup-") as tmp:
        cold = [time_to_login(Path(tmp) / f"cold-{i}") for i in range(runs)]
        warm_dir = Path(tmp) / "warm"
        time_to_login(warm_dir, settle_s=60.0)  # prepares the dir (export, knowledge index)
        warm = [time_to_login(warm_dir, settle_s=5.0) for _ in range(runs)]
    for name, samples in (("warm", warm), ("cold", cold)):
        result[name] = {
            "median_s": round(statistics.median(samples), 2),
            "runs_s": [round(x, 2) for x in samples],
            "goal_s": GOALS_S[name],
        }
    return result


def format_report(r: dict[str, Any]) -> str:
    return "\n".join(
        f"start-up {name} (to the login page, {r['runs']} runs): median "
        f"{r[name]['median_s']} s, runs {r[name]['runs_s']} (goal <= {r[name]['goal_s']} s)"
        for name in ("warm", "cold")
    )
