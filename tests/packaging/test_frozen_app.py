"""The Linux desktop bundle builds from this checkout with one command and passes its smoke test.

packaging/build.py (a clean venv with the app installed, then PyInstaller) took 114–140 s
from a fresh clone on this project's 2-core machine with a warm pip cache, and the smoke test
about 15 s: well inside CI's 90 minutes, so CI runs it. It is skipped, saying why, where it cannot run:
not on Linux, no Xvfb for the window, or NEWSLETTER_COMPOSER_SKIP_BUNDLE=1 set by someone
who wants a quick local run. The Windows and macOS bundles are built by
.github/workflows/desktop-bundles.yml, not here.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile

import pytest

import composer
from composer.resources import ROOT

pytestmark = [
    pytest.mark.timeout(2400),  # the build and smoke test have their own time limits (30 + 5 minutes)
    pytest.mark.skipif(not sys.platform.startswith("linux"),
                       reason="the Linux bundle is built here; Windows and macOS bundles are built by the GitHub workflow"),
    pytest.mark.skipif(os.environ.get("NEWSLETTER_COMPOSER_SKIP_BUNDLE") == "1",
                       reason="NEWSLETTER_COMPOSER_SKIP_BUNDLE=1: the PyInstaller build (about 1.5 minutes) was skipped"),
    pytest.mark.skipif(not (shutil.which("xvfb-run") or os.environ.get("DISPLAY")),
                       reason="no display and no xvfb-run to open the frozen window (apt-get install xvfb)"),
]


def test_the_bundle_builds_with_one_command_and_passes_its_smoke_test(tmp_path):
    log = tmp_path / "build.log"
    with log.open("w") as output:
        build = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--reuse-venv"],
                               stdout=output, stderr=subprocess.STDOUT, timeout=1800)
    assert build.returncode == 0, log.read_text()[-5000:]

    environment = {key: value for key, value in os.environ.items() if key not in ("QT_QPA_PLATFORM", "DISPLAY")}
    smoke = subprocess.run(["bash", str(ROOT / "packaging" / "smoke_test.sh")], capture_output=True, text=True,
                           timeout=300, env=environment)
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert f"PASS: Newsletter Composer {composer.__version__}" in smoke.stdout
    assert "on screen: main window and welcome screen" in smoke.stdout or not shutil.which("xwininfo")

    [archive] = (ROOT / "build" / "release").glob(f"newsletter-composer-{composer.__version__}-linux-*.tar.gz")
    with tarfile.open(archive) as tar:
        names = {name.split("/", 1)[1] for name in tar.getnames() if "/" in name}
    assert {"newsletter-composer.desktop", "newsletter-composer.png", "install.sh", "README.txt",
            "app/newsletter-composer"} <= names
    assert not any("qtwebengine_devtools" in name or "libQt6Pdf" in name for name in names)
