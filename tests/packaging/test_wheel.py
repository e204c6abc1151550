"""The wheel pip or pipx installs works on its own: built here, installed into a fresh
virtual environment outside the checkout, it prints its version, finds its own templates
and sample, renders, checks British spelling and opens its window (offscreen).

Takes about half a minute with a warm pip cache (PySide6 is most of it); pip's cache is
reused between runs. The checkout is never on the installed app's path: every command runs
in a temporary folder with the fresh environment's Python.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import venv
from pathlib import Path

import pytest

import composer
from composer.resources import ROOT

VERSION_LINE = f"Newsletter Composer {composer.__version__}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(python, scripts folder, work folder) of a fresh venv with the built wheel installed."""
    base = tmp_path_factory.mktemp("wheel")
    wheels = base / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(ROOT)], cwd=base)
    [wheel] = wheels.glob("newsletter_composer-*.whl")
    environment = base / "venv"
    venv.create(environment, with_pip=True)
    scripts = environment / ("Scripts" if os.name == "nt" else "bin")
    python = scripts / ("python.exe" if os.name == "nt" else "python")
    _run([str(python), "-m", "pip", "install", "--quiet", str(wheel)], cwd=base)
    work = base / "work"
    work.mkdir()
    return python, scripts, work


def test_installed_commands_print_the_version(installed):
    python, scripts, work = installed
    assert _run([str(scripts / "newsletter-composer"), "--version"], cwd=work).strip() == VERSION_LINE
    assert _run([str(python), "-m", "composer", "--version"], cwd=work).strip() == VERSION_LINE
    assert (scripts / "newsletter-composer-gui").exists()


def test_installed_app_uses_its_own_templates_not_the_checkout(installed):
    python, _, work = installed
    paths = json.loads(_run([str(python), "-c", (
        "import json, composer.resources as r; print(json.dumps({k: str(getattr(r, k)) for k in "
        "('PACKAGE_DIR', 'TEMPLATES_DIR', 'RESOURCES_DIR', 'SAMPLE_ISSUE', 'HUNSPELL_DIR', 'GUIDE_DIR')}))"
    )], cwd=work))
    package = Path(paths["PACKAGE_DIR"])
    assert "site-packages" in package.parts and ROOT not in package.parents
    assert Path(paths["TEMPLATES_DIR"]) == package / "_templates"
    assert Path(paths["RESOURCES_DIR"]) == package / "_resources"
    for name in ("SAMPLE_ISSUE",):
        assert Path(paths[name]).is_file()
    assert (Path(paths["HUNSPELL_DIR"]) / "en_GB.dic").is_file()
    assert (Path(paths["GUIDE_DIR"]) / "getting-started.html").is_file()
    assert (Path(paths["TEMPLATES_DIR"]) / "themes" / "classic" / "theme.json").is_file()


def test_installed_app_renders_the_sample_and_checks_spelling(installed):
    python, scripts, work = installed
    sample = _run([str(python), "-c", "from composer.resources import SAMPLE_ISSUE; print(SAMPLE_ISSUE)"], cwd=work).strip()
    _run([str(scripts / "newsletter-composer"), "render", sample, "-o", "out"], cwd=work)
    html = (work / "out" / "newsletter-autumn-2023.html").read_text(encoding="utf-8")
    text = (work / "out" / "newsletter-autumn-2023.txt").read_text(encoding="utf-8")
    assert "<html" in html.lower() and "Autumn 2023" in text

    (work / "typo.txt").write_text("Spelling\n\nPlease read the relavant guidance.\n", encoding="utf-8")
    _run([str(scripts / "newsletter-composer"), "import", "typo.txt", "-o", "typo.newsletter"], cwd=work)
    report = subprocess.run([str(scripts / "newsletter-composer"), "check", "typo.newsletter", "--json"],
                            cwd=work, capture_output=True, text=True, env=_environment(work))
    findings = json.loads(report.stdout)["findings"]
    spelling = {f.get("word"): f.get("suggestions") for f in findings if f["rule"] == "spelling"}
    assert spelling["relavant"][0] == "relevant"


def test_installed_window_opens_offscreen_with_the_welcome_screen(installed):
    python, _, work = installed
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication
        from composer.ui import app

        def exec_for_a_moment(self=None):
            def report():
                print(sorted(w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()))
                QApplication.instance().closeAllWindows()
                QApplication.quit()
            QTimer.singleShot(3000, report)
            return QApplication.instance().__class__.__base__.exec()

        QApplication.exec = exec_for_a_moment
        sys.exit(app.run_app([]))
    """)
    result = subprocess.run([str(python), "-c", script], cwd=work, capture_output=True, text=True,
                            env={**_environment(work), "QT_QPA_PLATFORM": "offscreen"}, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    titles = result.stdout.strip().splitlines()[-1]
    assert ".newsletter — Newsletter Composer" in titles  # the main window, with the sample issue
    assert "Welcome to Newsletter Composer" in titles  # first run in this fresh home


def _environment(work: Path) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    environment["NEWSLETTER_COMPOSER_HOME"] = str(work / "home")
    return environment


def _run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=_environment(cwd), timeout=900)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout
