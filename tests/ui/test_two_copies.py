"""Two copies of the app on one issue file never overwrite each other's work silently, and a copy killed
while the coordinator types loses at most the last few seconds.

Some tests use two windows in this process, others a second, real copy of the app in its own process
(tests/ui/app_driver.py) answering the same questions and pressing the same keys a person would.
"""

import json
import os
import queue
import signal
import string
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from composer.storage import load_issue, save_issue
from composer.storage.backups import backup_path
from composer.storage.locks import live_holders, lock_path, read_lock
from composer.storage.recovery import RecoveryStore
from composer.ui import safety_ui
from composer.ui.changed_on_disk_dialog import ChangedOnDiskDialog
from composer.ui.main_window import blank_issue
from composer.ui.outline import BLOCK

from dialog_answers import answers, click_choice, click_text  # noqa: F401 (answers is a fixture)

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("app_driver.py")


@pytest.fixture
def issue_file(tmp_path, small_issue):
    path = tmp_path / "spring.newsletter"
    save_issue(small_issue, path)
    return path


def first_text(issue):
    return next(block for _, block in issue.all_blocks() if block.type == "text")


def type_at_start_of_first_text(qtbot, window, words):
    """Choose the first text block in the outline, click into its text, go to the start and type."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    window.outline.select_item(BLOCK, first_text(window.document.issue).id)
    field = window.editor.form.fields["markdown"].editor
    QTest.mouseClick(field.text.viewport(), Qt.MouseButton.LeftButton)
    QTest.keyClick(field.text, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field.text, words)
    assert first_text(window.document.issue).markdown.startswith(words)


def press_save(qtbot, window):
    """Ctrl+S in the window, as she would press it after working in it (it comes to the front first)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=3000)
    QTest.keyClick(window.focusWidget() or window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def show_differences_then(then_text, seen):
    """Open the differences as she would, keep what they say, then click *then_text*."""
    def act(dialog):
        dialog.show_button.click()
        seen.append(dialog.differences.toPlainText())
        click_text(then_text)(dialog)
    return act


def two_windows_on(make_window, issue_file, answers):
    first = make_window(blank_issue())
    assert first.open_file(issue_file)
    second = make_window(blank_issue())
    answers.next(QMessageBox, click_choice(safety_ui.OPEN_ANYWAY))
    assert second.open_file(issue_file)
    return first, second


# --- two windows in this process -------------------------------------------------------------------


def test_the_second_save_asks_and_save_mine_as_keeps_both_versions(make_window, qtbot, issue_file, answers,
                                                                   monkeypatch, tmp_path):
    first, second = two_windows_on(make_window, issue_file, answers)
    assert "opened anyway — also open by" in second.windowTitle() and "opened anyway" not in first.windowTitle()

    type_at_start_of_first_text(qtbot, second, "SECOND ")
    press_save(qtbot, second)  # nobody changed the file since it opened: saved without a question
    assert first_text(load_issue(issue_file)).markdown.startswith("SECOND ")

    type_at_start_of_first_text(qtbot, first, "FIRST ")
    mine = tmp_path / "spring-first.newsletter"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(mine), ""))
    differences = []
    answers.next(ChangedOnDiskDialog, show_differences_then("Save mine &as…", differences))
    press_save(qtbot, first)

    assert "“spring.newsletter” was changed since you opened it" in answers.seen[-1].findChildren(
        type(answers.seen[-1].summary))[0].text()
    [text] = differences
    assert "Introduction section › Text" in text and "theirs “[SECOND] Welcome" in text and "yours “[FIRST] Welcome" in text
    assert first_text(load_issue(issue_file)).markdown.startswith("SECOND ")  # theirs untouched
    assert first_text(load_issue(mine)).markdown.startswith("FIRST ")         # mine kept too
    assert first.document.path == mine and not first.document.is_modified()
    assert read_lock(mine).pid == os.getpid()


def test_keep_theirs_shows_their_version_and_undo_brings_mine_back(make_window, qtbot, issue_file, answers):
    first, second = two_windows_on(make_window, issue_file, answers)
    type_at_start_of_first_text(qtbot, second, "SECOND ")
    press_save(qtbot, second)
    type_at_start_of_first_text(qtbot, first, "FIRST ")
    answers.next(ChangedOnDiskDialog, click_text("Keep &theirs"))
    press_save(qtbot, first)
    assert first_text(first.document.issue).markdown.startswith("SECOND ") and not first.document.is_modified()
    assert first_text(load_issue(issue_file)).markdown.startswith("SECOND ")
    first.actions_by_name["undo"].trigger()
    assert first_text(first.document.issue).markdown.startswith("FIRST ") and first.document.is_modified()
    press_save(qtbot, first)  # their version is now the one this window knows: saving mine again asks nothing
    assert first_text(load_issue(issue_file)).markdown.startswith("FIRST ")


def test_keep_mine_saves_mine_and_keeps_theirs_as_the_backup(make_window, qtbot, issue_file, answers):
    first, second = two_windows_on(make_window, issue_file, answers)
    first.settings.setValue("files/keep_backup", False)  # even then their work is kept
    type_at_start_of_first_text(qtbot, second, "SECOND ")
    press_save(qtbot, second)
    type_at_start_of_first_text(qtbot, first, "FIRST ")
    answers.next(ChangedOnDiskDialog, click_text("Keep &mine"))
    press_save(qtbot, first)
    assert first_text(load_issue(issue_file)).markdown.startswith("FIRST ")
    assert first_text(load_issue(backup_path(issue_file))).markdown.startswith("SECOND ")
    assert "theirs is kept as spring.newsletter.bak" in first.statusBar().currentMessage()

    answers.next(ChangedOnDiskDialog, click_text("Cancel"))
    type_at_start_of_first_text(qtbot, second, "AGAIN ")
    press_save(qtbot, second)  # now the second window is the one that is out of date
    assert second.document.is_modified()
    assert first_text(load_issue(issue_file)).markdown.startswith("FIRST ")


def test_a_file_rewritten_with_the_same_content_is_not_a_conflict(make_window, qtbot, issue_file):
    window = make_window(blank_issue())
    assert window.open_file(issue_file)
    original = issue_file.read_bytes()
    issue_file.write_bytes(original)  # touched (a sync tool, a backup program): same bytes, new time
    os.utime(issue_file, (1, 1))
    type_at_start_of_first_text(qtbot, window, "MINE ")
    press_save(qtbot, window)
    assert first_text(load_issue(issue_file)).markdown.startswith("MINE ")


# --- a second, real copy of the app ------------------------------------------------------------------


class Copy:
    """Another copy of Newsletter Composer, started the way the coordinator starts it, acting on cue."""

    def __init__(self, issue_file, steps, home):
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NEWSLETTER_COMPOSER_HOME": str(home),
               "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), str(issue_file), json.dumps(steps)], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, bufsize=1)
        self.lines: list[str] = []
        self._unread: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self._unread.put(line.rstrip("\n"))
        self._unread.put(None)

    def read_until(self, prefix, timeout=60):
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self._unread.get(timeout=left)
            except queue.Empty:
                break
            if line is None:
                break
            self.lines.append(line)
            if line.startswith(prefix):
                return line
        raise AssertionError(f"the other copy never said {prefix!r}; it said {self.lines}")

    def tell(self, word):
        self.process.stdin.write(word + "\n")
        self.process.stdin.flush()

    def wait(self):
        return self.process.wait(timeout=30)

    def kill(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()


@pytest.fixture
def copies():
    started = []
    yield lambda *args: started.append(Copy(*args)) or started[-1]
    for copy in started:
        copy.kill()


def test_a_real_second_copy_opens_anyway_saves_and_quits_without_freeing_the_first_copys_file(
        make_window, qtbot, issue_file, answers, copies, private_home):
    window = make_window(blank_issue())
    assert window.open_file(issue_file)
    my_token = read_lock(issue_file).token

    other = copies(issue_file, [{"answer": "open_anyway"}, {"select_text": 0}, {"type": "OTHER ", "every_ms": 20},
                                {"save": True}, {"title": True}, {"wait": "quit"}, {"close": True}], private_home)
    assert "is already open by" in other.read_until("asked:")
    title = other.read_until("title:")
    assert "spring.newsletter (opened anyway — also open by" in title and "on this computer)" in title
    assert first_text(load_issue(issue_file)).markdown.startswith("OTHER ")
    assert read_lock(issue_file).token == my_token and len(live_holders(issue_file)) == 2

    other.tell("quit")
    assert other.wait() == 0
    assert read_lock(issue_file).token == my_token  # the copy that opened anyway removed only its own lock
    assert [holder.token for holder in live_holders(issue_file)] == [my_token]

    third = copies(issue_file, [{"answer": "cancel"}, {"title": True}, {"close": True}], private_home)
    assert "is already open by" in third.read_until("asked:")  # a third copy is still warned
    assert third.wait() == 0
    assert read_lock(issue_file).token == my_token

    type_at_start_of_first_text(qtbot, window, "MINE ")
    differences = []
    answers.next(ChangedOnDiskDialog, show_differences_then("Keep &mine", differences))
    press_save(qtbot, window)
    assert "theirs “[OTHER] Welcome" in differences[0] and "yours “[MINE] Welcome" in differences[0]
    assert first_text(load_issue(issue_file)).markdown.startswith("MINE Welcome")
    assert first_text(load_issue(backup_path(issue_file))).markdown.startswith("OTHER ")
    window.close()
    assert not lock_path(issue_file).exists() and live_holders(issue_file) == []


def test_a_copy_killed_mid_typing_loses_at_most_the_last_five_seconds(issue_file, copies, private_home):
    """Typing at a steady 7 keys a second, with no pause for the autosave to wait for, then kill -9."""
    typed = string.ascii_letters + string.digits
    other = copies(issue_file, [{"select_text": 0}, {"type": typed, "every_ms": 140}], private_home)
    times = {}
    while len(times) < 50:
        _, count, when = other.read_until("typed").split()
        times[int(count)] = float(when)
    killed_at = time.time()
    other.kill()

    [copy] = RecoveryStore().list()
    recovered = first_text(RecoveryStore().load(copy)).markdown
    kept = next(n for n in range(len(typed), -1, -1) if recovered.startswith(typed[:n]))
    assert recovered == typed[:kept] + first_text(load_issue(issue_file)).markdown
    lost_seconds = killed_at - times[kept + 1] if kept < 50 else 0.0
    print(f"kept {kept} of 50 keys; lost the last {lost_seconds:.1f} s of typing")
    assert kept >= 1 and lost_seconds <= 5.0
    assert load_issue(issue_file) != RecoveryStore().load(copy)  # the coordinator's own file was not touched
