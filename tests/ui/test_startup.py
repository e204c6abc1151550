"""Starting the window: it shows first; the render, the checks and the dictionary come behind it, losing nothing.

How fast is measured by benchmarks/startup.py; these tests check the order and that
what waits still arrives: the email, the underlines, the menu item's name.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings

from composer.checks import spelling
from composer.ui import spelling_ui
from composer.ui.app import FIRST_PAINT_LATEST_MS
from composer.ui.main_window import MainWindow
from composer.ui.render_worker import render_preview

ROOT = Path(__file__).resolve().parents[2]
# Modules a coordinator only needs once she exports, imports, sends, checks or picks a picture.
NOT_BEFORE_THE_WINDOW = (
    "premailer", "cssutils", "requests", "urllib3", "PIL", "lxml", "mammoth", "markdown_it", "jinja2", "mjml",
    "icalendar", "hunspell", "enchant", "keyring", "composer.export", "composer.importers",
    "composer.render.pipeline", "composer.checks.engine",
)

# A fresh interpreter, as when she starts the app: which of them are loaded when the window first paints.
CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from PySide6.QtCore import QEvent, QObject
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from composer.ui.app import create_window, prepare_environment
prepare_environment()
app = QApplication(sys.argv[:1])
window = create_window([])
loaded = []
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not loaded:
            loaded.append(sorted(name for name in sys.argv[2].split(",")
                                 if name in sys.modules))
        return False
first_paint = FirstPaint()
window.outline.viewport().installEventFilter(first_paint)
window.show()
QTest.qWaitForWindowExposed(window, 10000)
for _ in range(2000):
    if window.preview.email is not None:
        break
    QTest.qWait(10)
print("painted=" + ("yes" if loaded else "no"))
print("loaded=" + ",".join(loaded[0] if loaded else []))
print("email=" + ("rendered" if window.preview.email is not None else "missing"))
window.preview.shutdown()
"""


def test_the_window_paints_before_exporting_importing_or_checking_code_is_loaded(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NEWSLETTER_COMPOSER_HOME=str(tmp_path))
    child = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), ",".join(NOT_BEFORE_THE_WINDOW)],
                           capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert child.returncode == 0, child.stderr[-2000:]
    said = dict(line.partition("=")[::2] for line in child.stdout.splitlines() if "=" in line)
    assert said["painted"] == "yes"
    assert said["loaded"] == ""  # none of them by the first paint
    assert said["email"] == "rendered"  # and the preview's render still came


@pytest.fixture
def unshown_window(qtbot, tmp_path):
    """A main window built but not shown yet, closed without questions at the end."""
    windows = []

    def make(issue):
        window = MainWindow(issue, None, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.document.mark_saved()
        window.close()
        window.deleteLater()
    qtbot.wait(10)


def test_the_first_render_waits_for_the_window_and_still_comes_if_it_is_never_shown(unshown_window, small_issue, qtbot):
    render_preview(small_issue)  # templates compiled: unheld, the render would be back well within the wait below
    window = unshown_window(small_issue)
    qtbot.wait(FIRST_PAINT_LATEST_MS // 3)
    assert window.preview.email is None  # held: nothing competes with building and painting the window
    qtbot.waitUntil(lambda: window.preview.email is not None, timeout=15_000)
    assert small_issue.title in window.preview.email.html


def test_a_typo_in_the_title_is_underlined_once_the_dictionary_opens_behind_the_window(
        unshown_window, small_issue, qtbot, monkeypatch):
    if not spelling.spelling_available():
        pytest.skip("no en_GB dictionary on this machine")
    spelling.shared_checker.cache_clear()  # as at start-up: not opened yet
    monkeypatch.setattr(spelling_ui, "_unavailable", False)
    window = unshown_window(small_issue.model_copy(update={"title": "Newsletterr for spring"}))
    window.outline.select_item("issue", None)
    title = window.editor.form.fields["title"].editor
    assert not spelling_ui.dictionary_open()  # building the window did not open it
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: [word for _, _, word in title.misspelt] == ["Newsletterr"], timeout=15_000)
    assert spelling_ui.dictionary_open()


def test_the_file_menu_names_send_to_provider_even_before_the_window_is_up(unshown_window, small_issue, qtbot):
    window = unshown_window(small_issue.model_copy(update={"provider": "brevo"}))
    action = window.actions_by_name["send_to_provider"]
    window.show()
    menu = window.menu("&File")
    menu.popup(window.mapToGlobal(QPoint(0, 0)))  # straight away: no event has run since the window was built
    qtbot.waitExposed(menu)
    assert action.text().replace("&", "") == "Send to Brevo…" and action.isEnabled()
    menu.close()
    window.document.update_issue(provider="campaign_monitor")
    assert action.text().replace("&", "") == "Send to mailing provider…" and not action.isEnabled()
