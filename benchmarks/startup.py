"""How long from process start until the window shows the sample issue, and its preview.

Run: .venv/bin/python benchmarks/startup.py [--runs N] [--cold-bytecode] [--root CHECKOUT]

Each run is a fresh Python process (offscreen Qt, a throw-away settings home),
so imports and QtWebEngine start-up count. The window and outline show first and the
web engine comes up behind them. Targets: window shown ≤ 1.0 s, preview painted
(the sample's page loaded in the desktop view, its editing channel up) ≤ 2.0 s.

Python's compiled bytecode is kept in a private folder for the runs, after one untimed
warm-up run, as an installed app has it. This machine sets PYTHONDONTWRITEBYTECODE, so
otherwise every module without an up-to-date __pycache__ entry is compiled in every
run; --cold-bytecode measures it that way.
The machine is shared: the load average is printed, and so is the CPU time the process
spent (all its threads, not the web engine's helper processes), which load barely changes.
--root times another checkout (e.g. an older commit unpacked with git archive).
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SHOWN_SECONDS = 1.0
TARGET_PREVIEW_SECONDS = 2.0
PREVIEW_TIMEOUT_SECONDS = 20.0

# The child: perf_counter at its first line, so "in-process" excludes interpreter start-up.
CHILD = r"""
import time; _t0 = time.perf_counter()
import sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from composer.ui.app import create_window, prepare_environment
prepare_environment()
app = QApplication(sys.argv[:1])
window = create_window([])
loaded = []
window.preview.updated.connect(lambda seconds: loaded.append(time.perf_counter() - _t0))
from PySide6.QtCore import QEvent, QObject
class FirstPaint(QObject):  # when the outline is first painted: the window is on screen (the web engine starts after)
    at = None
    def eventFilter(self, watched, event):
        if self.at is None and event.type() == QEvent.Type.Paint:
            self.at = time.perf_counter() - _t0
        return False
first_paint = FirstPaint()
window.outline.viewport().installEventFilter(first_paint)
window.show()
QTest.qWaitForWindowExposed(window, 5000)
shown = first_paint.at or (time.perf_counter() - _t0)
print(f"SHOWN {shown:.4f} {time.process_time():.4f}", flush=True)
deadline = time.perf_counter() + float(sys.argv[2])
while not loaded and time.perf_counter() < deadline:
    app.processEvents()
    time.sleep(0.002)
first_email = "none" if window.preview.email is None else f"{len(window.preview.email.html)}"
preview = loaded[0] if loaded else float("nan")
print(f"PREVIEW {preview:.4f} {first_email} {time.process_time():.4f}", flush=True)
window.preview.shutdown()
window.close()
"""


def main() -> None:
    options = _arguments()
    root = Path(options.root).resolve() if options.root else ROOT
    keys = ("shown", "preview", "wall_shown", "wall_total", "cpu_shown", "cpu_preview")
    results: dict[str, list[float]] = {key: [] for key in keys}
    print(f"{root}; load average before: {_load()}")
    with tempfile.TemporaryDirectory() as bytecode:
        env = {"PYTHONDONTWRITEBYTECODE": "1"} if options.cold_bytecode else {"PYTHONPYCACHEPREFIX": bytecode}
        if not options.cold_bytecode:
            run_once(root, env, write_bytecode=True)  # untimed: fills the bytecode folder
        for run in range(options.runs):
            result = run_once(root, env)
            for key in keys:
                results[key].append(result[key])
            print(f"run {run + 1}: shown {result['shown']:.3f} s, preview {result['preview']:.3f} s, "
                  f"with interpreter: shown {result['wall_shown']:.3f} s, process {result['wall_total']:.3f} s; "
                  f"CPU {result['cpu_shown']:.2f} s by shown, {result['cpu_preview']:.2f} s by preview")
    print(f"load average after: {_load()}; bytecode: {'compiled in every run' if options.cold_bytecode else 'kept'}")

    print()
    header = f"{'measure':<48} {'median s':>9} {'p95 s':>7} {'max s':>7}"
    print(header)
    print("-" * len(header))
    for label, key in (
        ("window shown: outline painted (from first line)", "shown"),
        ("preview painted (same origin)", "preview"),
        ("window shown incl. interpreter + imports", "wall_shown"),
        ("whole child process (incl. Qt teardown)", "wall_total"),
        ("CPU time of the process by window shown", "cpu_shown"),
        ("CPU time of the process by preview painted", "cpu_preview"),
    ):
        values = results[key]
        print(f"{label:<48} {statistics.median(values):>9.3f} {_p95(values):>7.3f} {max(values):>7.3f}")
    print()
    shown, preview = results["shown"], results["preview"]
    median = statistics.median(shown)
    verdict = "met" if median <= TARGET_SHOWN_SECONDS else "MISSED"
    print(f"target: window shown ≤ {TARGET_SHOWN_SECONDS} s -> median {median:.3f} s, {verdict}")
    median = statistics.median(preview)
    verdict = "met" if median <= TARGET_PREVIEW_SECONDS else "MISSED"
    print(f"target: preview painted ≤ {TARGET_PREVIEW_SECONDS} s -> median {median:.3f} s, {verdict}")


def run_once(root: Path = ROOT, bytecode_env: dict[str, str] | None = None,
             write_bytecode: bool = False) -> dict[str, float]:
    """One cold start in a child process; wall times measured from here, the rest reported by the child."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NEWSLETTER_COMPOSER_HOME=home)
        for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPYCACHEPREFIX"):
            env.pop(name, None)
        env.update(bytecode_env or {})
        if not write_bytecode and "PYTHONPYCACHEPREFIX" in env:
            env["PYTHONDONTWRITEBYTECODE"] = "1"  # read the kept bytecode, write nothing during timed runs
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
            if "--no-sandbox" not in flags:
                env["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(root), str(PREVIEW_TIMEOUT_SECONDS)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=home,
        )
        result = {key: float("nan") for key in ("shown", "preview", "wall_shown", "cpu_shown", "cpu_preview")}
        for line in child.stdout:
            words = line.split()
            if words[:1] == ["SHOWN"]:
                result["wall_shown"] = time.perf_counter() - started
                result["shown"], result["cpu_shown"] = float(words[1]), float(words[2])
            elif words[:1] == ["PREVIEW"]:
                result["preview"], result["cpu_preview"] = float(words[1]), float(words[3])
        child.wait(timeout=60)
        result["wall_total"] = time.perf_counter() - started
        return result


def _p95(values: list[float]) -> float:
    """The 95th percentile, nearest rank: with fewer than 20 runs, the slowest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold starts to time (default 5)")
    parser.add_argument("--cold-bytecode", action="store_true",
                        help="write no bytecode, as this machine's setting does (stale modules compile every run)")
    parser.add_argument("--root", help="the checkout to time (default: this one)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
