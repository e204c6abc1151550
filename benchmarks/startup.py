"""How long from process start until the window shows the sample issue, and its preview.

Run: .venv/bin/python benchmarks/startup.py [--runs N]

Each run is a fresh Python process (offscreen Qt, a throw-away settings home),
so imports and QtWebEngine start-up count. The window and outline show first and the
web engine comes up behind them. Targets: window shown ≤ 1.0 s, preview painted
(the sample's page loaded in the desktop view, its editing channel up) ≤ 2.0 s.
"""

from __future__ import annotations

import argparse
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
print(f"SHOWN {shown:.4f}", flush=True)
deadline = time.perf_counter() + float(sys.argv[2])
while not loaded and time.perf_counter() < deadline:
    app.processEvents()
    time.sleep(0.002)
first_email = "none" if window.preview.email is None else f"{len(window.preview.email.html)}"
preview = loaded[0] if loaded else float("nan")
print(f"PREVIEW {preview:.4f} {first_email}", flush=True)
window.preview.shutdown()
window.close()
"""


def main() -> None:
    options = _arguments()
    shown, preview, wall_shown, wall_total = [], [], [], []
    for run in range(options.runs):
        result = run_once()
        shown.append(result["shown"])
        preview.append(result["preview"])
        wall_shown.append(result["wall_shown"])
        wall_total.append(result["wall_total"])
        print(f"run {run + 1}: shown {result['shown']:.3f} s, preview {result['preview']:.3f} s, "
              f"with interpreter: shown {result['wall_shown']:.3f} s, process {result['wall_total']:.3f} s")

    print()
    header = f"{'measure':<46} {'median s':>9} {'max s':>7}"
    print(header)
    print("-" * len(header))
    for label, values in (
        ("window shown: outline painted (from first line)", shown),
        ("preview painted (same origin)", preview),
        ("window shown incl. interpreter + imports", wall_shown),
        ("whole child process (incl. Qt teardown)", wall_total),
    ):
        print(f"{label:<46} {statistics.median(values):>9.3f} {max(values):>7.3f}")
    print()
    median = statistics.median(shown)
    verdict = "met" if median <= TARGET_SHOWN_SECONDS else "MISSED"
    print(f"target: window shown ≤ {TARGET_SHOWN_SECONDS} s -> median {median:.3f} s, {verdict}")
    median = statistics.median(preview)
    verdict = "met" if median <= TARGET_PREVIEW_SECONDS else "MISSED"
    print(f"target: preview painted ≤ {TARGET_PREVIEW_SECONDS} s -> median {median:.3f} s, {verdict}")


def run_once() -> dict[str, float]:
    """One cold start in a child process; wall times measured from here, the rest reported by the child."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NEWSLETTER_COMPOSER_HOME=home)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
            if "--no-sandbox" not in flags:
                env["QTWEBENGINE_CHROMIUM_FLAGS"] = (flags + " --no-sandbox").strip()
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(ROOT), str(PREVIEW_TIMEOUT_SECONDS)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=home,
        )
        result = {"shown": float("nan"), "preview": float("nan"), "wall_shown": float("nan")}
        for line in child.stdout:
            words = line.split()
            if words[:1] == ["SHOWN"]:
                result["wall_shown"] = time.perf_counter() - started
                result["shown"] = float(words[1])
            elif words[:1] == ["PREVIEW"]:
                result["preview"] = float(words[1])
        child.wait(timeout=60)
        result["wall_total"] = time.perf_counter() - started
        return result


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="cold starts to time (default 5)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
