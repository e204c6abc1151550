"""A coordinator never loses work: autosave, crash recovery, one writer per file, backups, logs."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QFileDialog, QMessageBox

from composer.logs import log_file, log_folder
from composer.model import edits
from composer.storage import load_issue, save_issue
from composer.storage.backups import backup_path
from composer.storage.locks import FileInUse, live_holders, lock_path, read_lock, this_host
from composer.storage.recovery import RecoveryStore, Session
from composer.ui import safety_ui
from composer.ui.app import create_window
from composer.ui.recovery_dialog import RecoveryDialog

from dialog_answers import answers, click_choice, click_text  # noqa: F401 (answers is a fixture)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def issue_file(tmp_path, small_issue):
    path = tmp_path / "spring.newsletter"
    save_issue(small_issue, path)
    return path


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def plant_lock(path, pid, user="alex"):
    lock_path(path).write_text(json.dumps({
        "pid": pid, "host": this_host(), "user": user,
        "since": datetime(2025, 3, 3, 9, 30, tzinfo=timezone.utc).isoformat(), "token": "theirs",
    }), encoding="utf-8")


def crashed_copy(issue, original_path):
    """A recovery copy as a crashed earlier run would have left it."""
    pid = dead_pid()
    store = RecoveryStore(session=Session(pid=pid, host=this_host(), id=f"crashed{pid}"))
    return store.write("doc-1", issue, original_path)


# --- autosave ------------------------------------------------------------------------------------


def test_unsaved_changes_are_autosaved_to_a_recovery_copy_not_the_users_file(make_window, qtbot, issue_file):
    window = make_window(load_issue(issue_file), issue_file)
    window.safety.set_autosave_interval(50)
    before = issue_file.read_bytes()
    store = RecoveryStore()
    qtbot.wait(150)
    assert store.list() == []  # nothing unsaved, nothing written

    window.document.update_issue(title="Spring – draft two")
    qtbot.waitUntil(lambda: len(store.list()) == 1, timeout=3000)
    entry = store.list()[0]
    assert store.load(entry) == window.document.issue
    assert entry.original_path == issue_file.absolute() and entry.title == "Spring – draft two"
    assert issue_file.read_bytes() == before

    assert window.save()
    assert store.list() == []  # the file holds the work now
    assert load_issue(issue_file) == window.document.issue


def test_losing_focus_writes_a_recovery_copy_at_once(make_window, issue_file):
    window = make_window(load_issue(issue_file), issue_file)
    text = next(block for _, block in window.document.issue.all_blocks() if block.type == "text")
    window.document.update_block(text.id, markdown="Right-to-left: שלום, emoji 🎉, zero\u200bwidth")
    store = RecoveryStore()
    assert store.list() == []
    QGuiApplication.instance().applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    [entry] = store.list()
    assert store.load(entry) == window.document.issue


def test_closing_cleanly_removes_the_recovery_copy_and_the_lock(make_window, issue_file, answers):
    window = make_window(load_issue(issue_file), issue_file)
    assert window.open_file(issue_file)
    window.document.update_issue(title="Changed")
    window.safety.autosave()
    assert len(RecoveryStore().list()) == 1 and read_lock(issue_file).pid == os.getpid()
    answers.next(QMessageBox, click_text("&Don't save"))
    assert window.close()
    assert RecoveryStore().list() == []
    assert not lock_path(issue_file).exists()


# --- crash recovery ------------------------------------------------------------------------------

DRIVER = textwrap.dedent("""
    import sys
    from composer.model import edits
    from composer.ui import app

    real_create_window = app.create_window

    def create_window_and_edit(argv):
        window = real_create_window(argv)
        window.safety.set_autosave_interval(100)
        issue = window.document.issue
        text = next(block for _, block in issue.all_blocks() if block.type == "text")
        window.document.update_block(text.id, markdown=sys.argv[2])
        window.document.update_issue(title=sys.argv[3])
        return window

    app.create_window = create_window_and_edit
    sys.exit(app.run_app(sys.argv[1:2]))
""")


def test_work_killed_mid_edit_is_offered_at_next_start_and_restored_exactly(
        qtbot, tmp_path, issue_file, private_home, monkeypatch):
    markdown, title = "Typed just before the crash: “quotes”, عربى, 👩‍👩‍👧 and {{ 7*7 }}", "Spring – unsaved"
    original = load_issue(issue_file)
    text = next(block for _, block in original.all_blocks() if block.type == "text")
    expected = edits.update_issue(edits.update_block(original, text.id, markdown=markdown), title=title)
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "NEWSLETTER_COMPOSER_HOME": str(private_home),
           "PYTHONPATH": str(ROOT)}
    app = subprocess.Popen([sys.executable, str(driver), str(issue_file), markdown, title], cwd=ROOT, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    store = RecoveryStore()
    try:
        deadline = time.monotonic() + 60
        while not store.list() and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.1)
        assert store.list(), f"no recovery copy; app said: {app.stderr.read1().decode() if app.poll() else ''}"
        assert read_lock(issue_file).pid == app.pid
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait()
    assert load_issue(issue_file) == original  # the user's file was never touched
    assert log_file().read_text(encoding="utf-8").count("starting") == 1  # run_app set up the log

    offered = []

    def restore_first(dialog):
        offered.extend(dialog.entries())
        dialog.restore_button.click()
        return 1

    monkeypatch.setattr(RecoveryDialog, "exec", restore_first)
    window = create_window([])
    qtbot.addWidget(window)
    try:
        assert [(e.title, e.original_path) for e in offered] == [(title, issue_file.absolute())]
        assert window.document.issue == expected
        assert window.document.path == issue_file.absolute() and window.document.is_modified()
        assert read_lock(issue_file).pid == os.getpid()  # the dead app's lock was cleared
        [copy] = store.list()  # carried over to this session, so a second crash loses nothing
        assert copy.session.id == store.session.id and not copy.from_crash

        assert window.save()
        assert load_issue(issue_file) == expected
        assert store.list() == []
    finally:
        window.document.mark_saved()
        window.close()


def test_later_keeps_the_copies_and_discard_deletes_only_the_chosen_one(qtbot, small_issue, issue_file):
    first = crashed_copy(small_issue, issue_file)
    second = crashed_copy(small_issue.model_copy(update={"title": "Summer"}), None)
    store = RecoveryStore()
    dialog = RecoveryDialog(store.crashed())
    qtbot.addWidget(dialog)
    rows = [[dialog.list.topLevelItem(r).text(c) for c in range(3)] for r in range(2)]
    assert sorted(row[:2] for row in rows) == sorted([[small_issue.title, str(issue_file.absolute())],
                                                      ["Summer", "never saved"]])
    assert all(row[2].startswith(first.saved_at.astimezone().strftime("%d %b %Y")) for row in rows)

    dialog.later_button.click()
    assert dialog.result() == RecoveryDialog.DialogCode.Rejected and dialog.chosen is None
    assert len(store.crashed()) == 2

    dialog = RecoveryDialog(store.crashed())
    qtbot.addWidget(dialog)
    dialog.discard_requested.connect(store.discard)
    dialog.select(next(e for e in dialog.entries() if e.title == "Summer"))
    dialog.discard_button.click()
    assert [e.path for e in store.crashed()] == [first.path]
    assert not second.path.exists()
    assert dialog.list.topLevelItemCount() == 1 and dialog.chosen is None


def test_recovery_dialog_looks_right(qtbot, small_issue, issue_file, tmp_path):
    crashed_copy(small_issue, issue_file)
    dialog = RecoveryDialog(RecoveryStore().crashed())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.grab().save(str(tmp_path / "recovery_dialog.png"))
    assert dialog.restore_button.isDefault()


# --- one writer per file -------------------------------------------------------------------------


def test_opening_a_file_held_by_another_copy_shows_who_and_can_open_read_only(
        make_window, small_issue, issue_file, tmp_path, monkeypatch, answers):
    plant_lock(issue_file, os.getppid(), user="alex")
    window = make_window(small_issue)
    answers.next(QMessageBox, click_choice(safety_ui.READ_ONLY))
    assert window.open_file(issue_file)
    assert "alex" in answers.seen[0].text() and "since" in answers.seen[0].text()
    assert window.safety.read_only_label.isVisible()
    assert "(read-only)" in window.windowTitle()
    assert "open for editing by alex on this computer" in window.safety.read_only_label.toolTip()
    assert read_lock(issue_file).token == "theirs"

    window.document.update_issue(title="My copy")
    before = issue_file.read_bytes()
    elsewhere = tmp_path / "my-copy.newsletter"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(elsewhere), ""))
    answers.next(QMessageBox, click_text("Choose a &new name…"))
    assert window.save()  # Save says why, then asks for a new name instead of writing over their file
    assert "is open read-only: it is open for editing by alex on this computer" in answers.seen[1].text()
    assert issue_file.read_bytes() == before
    assert load_issue(elsewhere).title == "My copy"
    assert not window.safety.read_only_label.isVisible() and read_lock(elsewhere).pid == os.getpid()
    assert "read-only" not in window.windowTitle()
    assert read_lock(issue_file).token == "theirs"


def test_an_issue_on_a_read_only_drive_says_so_on_open_and_save_explains_save_as(
        make_window, small_issue, issue_file, monkeypatch, answers):
    # Tests run as root, where permissions do not stop writes, so the read-only drive is simulated.
    monkeypatch.setattr(safety_ui, "why_not_writable", lambda path: "the drive it is on is read-only")
    window = make_window(small_issue)
    assert window.open_file(issue_file)
    assert window.safety.read_only_label.isVisible() and "(read-only)" in window.windowTitle()
    assert not lock_path(issue_file).exists()
    window.document.update_issue(title="Changed on a CD")
    answers.next(QMessageBox, click_text("Cancel"))
    assert not window.save()  # no silent jump to Save As: she is told why, and can cancel
    assert answers.seen[0].text() == ("“spring.newsletter” is open read-only: the drive it is on is read-only, "
                                      "so it can be read but not saved there.")
    assert window.document.is_modified()


def test_open_anyway_leaves_their_lock_says_so_in_the_title_and_cancel_keeps_the_current_issue(
        make_window, small_issue, issue_file, answers):
    plant_lock(issue_file, os.getppid(), user="alex")
    window = make_window(small_issue)
    answers.next(QMessageBox, click_choice(safety_ui.CANCEL))
    assert not window.open_file(issue_file)
    assert window.document.path is None and read_lock(issue_file).token == "theirs"

    answers.next(QMessageBox, click_choice(safety_ui.OPEN_ANYWAY))
    assert window.open_file(issue_file)
    assert read_lock(issue_file).token == "theirs"  # their lock is never taken over
    assert window.windowTitle() == ("spring.newsletter (opened anyway — also open by alex on this computer)"
                                    " — Newsletter Composer")
    assert not window.safety.read_only_label.isVisible()
    window.close()
    assert read_lock(issue_file).token == "theirs"  # quitting removes only this copy's own lock
    assert live_holders(issue_file) == [read_lock(issue_file)]


def test_the_in_use_question_names_the_holder_and_offers_three_answers(qtbot, issue_file, tmp_path):
    plant_lock(issue_file, os.getppid(), user="alex")
    with pytest.raises(FileInUse) as error:
        safety_ui.acquire_lock(issue_file)
    box = safety_ui.file_in_use_box(None, error.value)
    qtbot.addWidget(box)
    assert "alex" in box.text() and "2025" in box.text()
    assert [b.property("choice") for b in box.buttons()].count(safety_ui.READ_ONLY) == 1
    assert {b.property("choice") for b in box.buttons()} == {safety_ui.READ_ONLY, safety_ui.OPEN_ANYWAY,
                                                            safety_ui.CANCEL}
    box.show()
    qtbot.waitExposed(box)
    assert box.grab().save(str(tmp_path / "file_in_use.png"))


def test_a_stale_lock_from_a_crash_is_cleared_without_asking(make_window, small_issue, issue_file):
    plant_lock(issue_file, dead_pid())
    window = make_window(small_issue)
    assert window.open_file(issue_file)
    assert read_lock(issue_file).pid == os.getpid()


def test_opening_another_file_releases_the_first_lock(make_window, small_issue, issue_file, tmp_path):
    other = tmp_path / "summer.newsletter"
    save_issue(small_issue, other)
    window = make_window(small_issue)
    assert window.open_file(issue_file)
    assert window.open_file(issue_file)  # opening it again is not "in use by someone else"
    assert read_lock(issue_file).pid == os.getpid()
    assert window.open_file(other)
    assert not lock_path(issue_file).exists() and read_lock(other).pid == os.getpid()


def test_starting_with_a_file_locks_it(qtbot, issue_file):
    window = create_window([str(issue_file)])
    qtbot.addWidget(window)
    try:
        assert window.document.path == issue_file and read_lock(issue_file).pid == os.getpid()
    finally:
        window.close()
    assert not lock_path(issue_file).exists()


# --- backups and logs ----------------------------------------------------------------------------


def test_saving_keeps_the_previous_version_as_bak_unless_turned_off(make_window, issue_file):
    previous = issue_file.read_bytes()
    window = make_window(load_issue(issue_file), issue_file)
    assert window.actions_by_name["keep_backup"].isChecked()
    window.document.update_issue(title="Second version")
    assert window.save()
    assert backup_path(issue_file).read_bytes() == previous

    window.actions_by_name["keep_backup"].trigger()
    assert window.settings.value("files/keep_backup", type=bool) is False
    backup_path(issue_file).unlink()
    window.document.update_issue(title="Third version")
    assert window.save()
    assert not backup_path(issue_file).exists()
    assert load_issue(issue_file).title == "Third version"


def test_help_opens_the_log_folder(make_window, small_issue, monkeypatch):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    window = make_window(small_issue)
    action = window.actions_by_name["open_log_folder"]
    assert action in window.menu("&Help").actions()
    action.trigger()
    assert opened == [QUrl.fromLocalFile(str(log_folder()))]


def test_a_save_that_fails_says_why_once_and_the_work_stays(make_window, issue_file, monkeypatch):
    import errno

    from composer.storage import atomic

    window = make_window(load_issue(issue_file), issue_file)
    window.document.update_issue(title="Unsaved words")
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    before = issue_file.read_bytes()
    assert not window.save()
    assert shown == ["spring.newsletter could not be saved: the disk is full. The previous version on disk is unchanged."]
    assert issue_file.read_bytes() == before and window.document.is_modified()
    assert window.document.issue.title == "Unsaved words"


def test_restored_work_still_notices_a_file_changed_since_the_crash(make_window, small_issue, issue_file, answers):
    """The crashed copy knew the file's version; a colleague saved it since: Save asks instead of overwriting."""
    from composer.storage.disk_version import current_version
    from composer.ui.changed_on_disk_dialog import ChangedOnDiskDialog

    pid = dead_pid()
    store = RecoveryStore(session=Session(pid=pid, host=this_host(), id=f"crashed{pid}"))
    mine = small_issue.model_copy(update={"title": "Typed before the crash"})
    entry = store.write("doc-1", mine, issue_file, current_version(issue_file))
    save_issue(small_issue.model_copy(update={"title": "Saved by a colleague since"}), issue_file)

    window = make_window(small_issue)
    [offered] = [e for e in RecoveryStore().crashed() if e.path == entry.path]
    assert offered.disk_version == entry.disk_version
    assert window.safety.restore(offered)
    answers.next(ChangedOnDiskDialog, click_text("Cancel"))
    assert not window.save()
    assert load_issue(issue_file).title == "Saved by a colleague since"
    assert window.document.issue.title == "Typed before the crash" and window.document.is_modified()
