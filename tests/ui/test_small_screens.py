"""On a charity laptop's screen the window, every dock and mode, and every dialog fit.

Each screen runs in its own process (a process has one screen for its life) through Qt's
offscreen platform with a screen of that size, scaled 125 % where Windows would scale it.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("screen_probe.py")


@pytest.mark.parametrize("width, height, scale", [(1366, 768, "1"), (1280, 720, "1.25")])
def test_window_docks_modes_and_dialogs_fit_the_screen(tmp_path, width, height, scale):
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={screen}", "QT_SCALE_FACTOR": scale,
           "NEWSLETTER_COMPOSER_HOME": str(tmp_path / "home")}
    run = subprocess.run([sys.executable, str(PROBE)], env=env, capture_output=True, text=True, timeout=240)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    ax, ay, aw, ah = result["area"]
    assert aw == round(width / float(scale)) or abs(aw - width / float(scale)) <= 1
    seen = result["seen"]
    dialogs = [name for name in seen if name.startswith("dialog ")]
    assert len(dialogs) >= 8, f"the probe opened too few dialogs: {sorted(seen)}"
    outside = {name: frame for name, frame in seen.items()
               if not (frame[0] >= ax and frame[1] >= ay and frame[0] + frame[2] <= ax + aw and frame[1] + frame[3] <= ay + ah)}
    assert not outside, f"off a {width}×{height} screen at {scale}×: {outside}"
