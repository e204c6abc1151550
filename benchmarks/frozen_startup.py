"""How long the desktop bundle takes from launch until its window is on screen.

Run (after packaging/build.py, on Linux with Xvfb and xwininfo from x11-utils):
    python3 benchmarks/frozen_startup.py [--runs N] [--program PATH] [--compare-checkout]

Each run starts the frozen program on a fresh Xvfb screen with a throw-away settings
home (organisation details already kept, so no welcome screen) and polls the X server
until a window titled "… — Newsletter Composer" is mapped. --version is timed too,
as the cost of starting the frozen Python alone. --compare-checkout also times
`.venv/bin/python main.py` the same way.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = ROOT / "build" / "dist" / "newsletter-composer" / "newsletter-composer"
TITLE = "— Newsletter Composer"
TIMEOUT_SECONDS = 60.0


def main() -> None:
    options = _arguments()
    if not shutil.which("Xvfb") or not shutil.which("xwininfo"):
        sys.exit("needs Xvfb and xwininfo: apt-get install xvfb x11-utils")
    commands = {"frozen bundle": [str(options.program)]}
    if options.compare_checkout:
        commands["checkout (.venv, main.py)"] = [str(ROOT / ".venv" / "bin" / "python"), str(ROOT / "main.py")]
    version_times = [_timed([str(options.program), "--version"]) for _ in range(options.runs)]
    print(f"frozen --version: median {statistics.median(version_times):.3f} s, max {max(version_times):.3f} s")
    with _virtual_screen() as display:
        for label, command in commands.items():
            times = [window_time(command, display) for _ in range(options.runs)]
            print(f"{label}: window on screen median {statistics.median(times):.3f} s, "
                  f"min {min(times):.3f} s, max {max(times):.3f} s over {len(times)} runs")


def window_time(command: list[str], display: str) -> float:
    """Seconds from launch until the main window is mapped on *display*."""
    with tempfile.TemporaryDirectory() as home:
        config = Path(home) / "config"
        config.mkdir()
        (config / "organisation.json").write_text(json.dumps({"asked": True, "organisation": {}}))
        environment = {**os.environ, "DISPLAY": display, "NEWSLETTER_COMPOSER_HOME": home}
        environment.pop("QT_QPA_PLATFORM", None)
        started = time.perf_counter()
        process = subprocess.Popen(command, env=environment, cwd=home,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while time.perf_counter() - started < TIMEOUT_SECONDS:
                if process.poll() is not None:
                    raise SystemExit(f"{command[0]} exited with {process.returncode} before its window showed")
                tree = subprocess.run(["xwininfo", "-root", "-tree"], env=environment,
                                      capture_output=True, text=True).stdout
                if TITLE in tree:
                    return time.perf_counter() - started
                time.sleep(0.02)
            raise SystemExit(f"no window within {TIMEOUT_SECONDS} s")
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class _virtual_screen:
    def __enter__(self) -> str:
        self.display = ":97"
        self.server = subprocess.Popen(["Xvfb", self.display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(1.0)
        return self.display

    def __exit__(self, *exc) -> None:
        self.server.terminate()
        self.server.wait(10)


def _timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - started


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--program", type=Path, default=PROGRAM)
    parser.add_argument("--compare-checkout", action="store_true")
    return parser.parse_args()


if __name__ == "__main__":
    main()
