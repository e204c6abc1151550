"""The coordinator's last step, in the window: export for the provider, copy the HTML, send a test."""

from __future__ import annotations

import email
import shutil
import threading
import zipfile
from email import policy

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtGui import QDesktopServices, QGuiApplication

from smtp_inbox import free_port

from composer.export import bundle
from composer.export.passwords import SERVICE
from composer.model import ImageBlock
from composer.resources import SAMPLE_ISSUE
from composer.ui.export_dialog import ExportDialog
from composer.ui.preferences import PreferencesDialog
from composer.ui.send_test_dialog import SendTestDialog



class MemoryKeyring(KeyringBackend):
    """A system keyring stand-in, so the test sees what would be stored in it."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.passwords = {}

    def set_password(self, service, username, password):
        self.passwords[service, username] = password

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)




@pytest.fixture(autouse=True)
def no_keyring(monkeypatch):
    """Like this machine: no system keyring, whatever backends the test modules define."""
    monkeypatch.setattr(keyring, "get_keyring", fail.Keyring)





def _shown(window, dialog_class):
    """The dialog of that kind now on screen (closed ones linger until Qt deletes them)."""
    return next(dialog for dialog in window.findChildren(dialog_class) if dialog.isVisible())


def _settings_file(window) -> str:
    window.settings.sync()
    return open(window.settings.fileName(), encoding="utf-8").read()


def _set_server(window, port, user=""):
    """Fill in Preferences as the coordinator would, and save."""
    window.actions_by_name["preferences"].trigger()
    preferences = _shown(window, PreferencesDialog)
    preferences.host.setText("127.0.0.1")
    preferences.security.setCurrentIndex(preferences.security.findData("none"))
    preferences.port.setValue(port)
    preferences.user.setText(user)
    preferences.sender.setText("Zoë Harper <zoe@example.org>")
    preferences.accept()


def _open_send_dialog(window) -> SendTestDialog:
    window.actions_by_name["send_test"].trigger()
    return _shown(window, SendTestDialog)


def _received(handler):
    envelope = handler.envelopes[0]
    return envelope, email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)



@pytest.fixture
def sample_copy(tmp_path):
    """The sample issue as a file of the test's own: a window holds a lock beside the file it has open."""
    copy = tmp_path / "sample.newsletter"
    shutil.copy(SAMPLE_ISSUE, copy)
    return copy


def test_coordinator_exports_for_mailchimp_and_opens_the_folder(make_window, sample_issue, qtbot, tmp_path,
                                                                monkeypatch, sample_copy):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window = make_window(sample_issue, sample_copy)
    window.actions_by_name["export"].trigger()
    dialog = _shown(window, ExportDialog)
    assert dialog.isVisible() and dialog.provider.currentData() == "mailchimp"
    assert not dialog.generic.isVisible()
    qtbot.waitUntil(lambda: dialog.errors is not None, timeout=10000)

    out = tmp_path / "for mailchimp"
    dialog.folder.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)

    slug = sample_issue.slug()
    with zipfile.ZipFile(out / f"{slug}.zip") as archive:
        names = archive.namelist()
        page = archive.read(f"{slug}.html").decode("utf-8")
    assert names[0] == f"{slug}.html"
    assert "*|UNSUB|*" in page
    assert (out / f"{slug}.txt").read_text(encoding="utf-8").strip()
    assert "*|UNSUB|*" not in (out / f"{slug}-web.html").read_text(encoding="utf-8")
    listed = [dialog.files.item(row).text() for row in range(dialog.files.count())]
    assert any(line.startswith(f"{slug}.zip") for line in listed) and len(listed) == len(dialog.result.files)
    html_size = (out / f"{slug}.html").stat().st_size
    assert dialog.size_gauge.value() == min(html_size, dialog.size_gauge.maximum())
    assert "of 102 KB" in dialog.size_gauge.text()

    assert opened == [str(out)]  # "Open the folder when done" is on by default
    assert dialog.open_button.isEnabled()
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened == [str(out), str(out)]
    dialog.reject()
    assert not dialog.isVisible()


def _slow_zip(monkeypatch):
    """Packing the zip waits until the test lets it go, so Cancel can be pressed mid-export."""
    reached, release = threading.Event(), threading.Event()
    real_zip = bundle._zip

    def slow_zip(*args):
        reached.set()
        release.wait(30)
        return real_zip(*args)

    monkeypatch.setattr(bundle, "_zip", slow_zip)
    return reached, release


def _everything_in(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_cancel_stops_the_export_and_leaves_the_folder_as_it_was(make_window, small_issue, qtbot, tmp_path,
                                                                 monkeypatch):
    reached, release = _slow_zip(monkeypatch)
    exports = tmp_path / "exports"
    out = exports / "for mailchimp"
    out.mkdir(parents=True)
    (out / "notes.txt").write_text("my own notes")
    (out / f"{small_issue.slug()}.html").write_text("last month's email")
    before = _everything_in(out)
    window = make_window(small_issue)
    window.actions_by_name["export"].trigger()
    dialog = _shown(window, ExportDialog)
    qtbot.waitUntil(lambda: dialog.errors is not None, timeout=10000)
    dialog.folder.setText(str(out))
    assert not dialog.cancel_button.isVisible()
    try:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.cancel_button.isVisible() and dialog.cancel_button.isEnabled()
        close = dialog.buttons.button(QDialogButtonBox.StandardButton.Close)
        assert not close.isEnabled() and not dialog.export_button.isEnabled()
        assert reached.wait(20)
        qtbot.waitUntil(lambda: "Packing the zip" in dialog.status.text(), timeout=10000)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert "Cancelling" in dialog.status.text() and not dialog.cancel_button.isEnabled()
    finally:
        release.set()
    qtbot.waitUntil(lambda: "cancelled" in dialog.status.text(), timeout=20000)

    assert "nothing was written" in dialog.status.text() and dialog.status.styleSheet() == ""
    assert dialog.result is None and not dialog.results.isVisible() and not dialog.progress.isVisible()
    assert not dialog.cancel_button.isVisible() and dialog.export_button.isEnabled() and close.isEnabled()
    assert _everything_in(out) == before
    assert list(exports.iterdir()) == [out]  # no hidden half-written folder beside it
    assert dialog.isVisible()

    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)  # she changes her mind: it still works
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)
    assert (out / "notes.txt").read_text() == "my own notes"
    assert (out / f"{small_issue.slug()}.html").read_text() != "last month's email"
    dialog.reject()


def test_escape_during_an_export_cancels_it(make_window, small_issue, qtbot, tmp_path, monkeypatch):
    reached, release = _slow_zip(monkeypatch)
    exports = tmp_path / "exports"
    exports.mkdir()
    out = exports / "new folder"
    window = make_window(small_issue)
    window.actions_by_name["export"].trigger()
    dialog = _shown(window, ExportDialog)
    dialog.folder.setText(str(out))
    try:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert reached.wait(20)
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible() and "Cancelling" in dialog.status.text()
    finally:
        release.set()
    qtbot.waitUntil(lambda: "cancelled" in dialog.status.text(), timeout=20000)
    assert list(exports.iterdir()) == [] and dialog.isVisible()
    QTest.keyClick(dialog, Qt.Key.Key_Escape)  # nothing runs now: Escape closes as usual
    assert not dialog.isVisible()


def test_generic_provider_export_uses_the_coordinators_placeholders(make_window, small_issue, qtbot, tmp_path):
    window = make_window(small_issue)
    window.actions_by_name["export"].trigger()
    dialog = _shown(window, ExportDialog)
    dialog.provider.setCurrentIndex(dialog.provider.findData("generic"))
    assert dialog.generic.isVisible()
    dialog.unsubscribe.setText("[[UNSUBSCRIBE_LINK]]")
    dialog.minify.setChecked(True)
    dialog.folder.setText(str(tmp_path / "generic"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=20000)

    page = (tmp_path / "generic" / f"{small_issue.slug()}.html").read_text(encoding="utf-8")
    assert "[[UNSUBSCRIBE_LINK]]" in page
    assert window.settings.value("generic/unsubscribe") == "[[UNSUBSCRIBE_LINK]]"  # remembered for next time
    dialog.reject()


def test_remaining_check_errors_are_shown_before_exporting(make_window, small_issue, qtbot):
    first = small_issue.sections[0]
    picture = ImageBlock(src="https://www.example.org/fair.jpg", alt="", width=300)  # no description: an error
    broken = small_issue.model_copy(update={"sections": (
        first.model_copy(update={"blocks": (*first.blocks, picture)}), *small_issue.sections[1:])})
    window = make_window(broken)
    window.actions_by_name["export"].trigger()
    dialog = _shown(window, ExportDialog)
    qtbot.waitUntil(lambda: dialog.errors is not None, timeout=10000)
    assert dialog.errors and dialog.error_list.count() == len(dialog.errors)
    assert "remain" in dialog.checks_label.text() and dialog.error_list.isVisible()
    dialog.reject()


def test_copy_html_puts_the_mailchimp_email_on_the_clipboard(make_window, sample_issue, qtbot, sample_copy):
    window = make_window(sample_issue, sample_copy)
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    window.actions_by_name["copy_html"].trigger()
    try:
        qtbot.waitUntil(lambda: "*|UNSUB|*" in clipboard.text(), timeout=10000)
        assert clipboard.text().lstrip().lower().startswith("<!doctype html")
        assert "Copied the HTML for Mailchimp" in window.statusBar().currentMessage()
    finally:
        clipboard.clear()


def test_coordinator_sends_a_test_to_their_own_inbox(make_window, sample_issue, qtbot, inbox, sample_copy):
    handler, port = inbox
    window = make_window(sample_issue, sample_copy)
    _set_server(window, port)
    dialog = _open_send_dialog(window)
    assert dialog.sender.text() == "Zoë Harper <zoe@example.org>"

    dialog.recipients.setText("me@example.org, not an address")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert "not an address" in dialog.status.text() and not handler.envelopes

    dialog.recipients.setText("me@example.org, chair@example.org")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Sent to"), timeout=20000)

    envelope, received = _received(handler)
    assert sorted(envelope.rcpt_tos) == ["chair@example.org", "me@example.org"]
    assert received["Subject"] == sample_issue.title
    assert received["From"].addresses[0].display_name == "Zoë Harper"
    assert received.get_content_type() == "multipart/alternative"
    dialog.reject()


def test_a_refused_connection_is_explained_in_the_dialog(make_window, small_issue, qtbot):
    window = make_window(small_issue)
    _set_server(window, free_port())  # nothing listens there
    dialog = _open_send_dialog(window)
    dialog.recipients.setText("me@example.org")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "refused the connection" in dialog.status.text(), timeout=20000)
    assert dialog.isVisible() and dialog.send_button.isEnabled()
    dialog.reject()


def test_without_a_keyring_the_password_is_asked_at_send_time(make_window, small_issue, qtbot, guarded_inbox):
    handler, port = guarded_inbox
    window = make_window(small_issue)
    window.actions_by_name["preferences"].trigger()
    preferences = _shown(window, PreferencesDialog)
    assert not preferences.password.isEnabled() and "No system keyring" in preferences.keyring_note.text()
    preferences.reject()
    _set_server(window, port, user="coordinator")

    dialog = _open_send_dialog(window)
    assert dialog.password.isVisibleTo(dialog)
    dialog.recipients.setText("me@example.org")
    dialog.password.setText("wrong horse")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "did not accept the user name" in dialog.status.text(), timeout=20000)
    assert not handler.envelopes

    dialog.password.setText("right horse")
    qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Sent to"), timeout=20000)
    assert _received(handler)[1]["Subject"] == small_issue.title
    assert "horse" not in _settings_file(window)
    dialog.reject()


def test_preferences_round_trip_and_the_password_goes_to_the_keyring(make_window, small_issue, qtbot, monkeypatch):
    store = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: store)
    monkeypatch.setattr(keyring, "set_password", store.set_password)
    monkeypatch.setattr(keyring, "get_password", store.get_password)
    window = make_window(small_issue)

    window.actions_by_name["preferences"].trigger()
    preferences = _shown(window, PreferencesDialog)
    assert preferences.password.isEnabled() and "keyring" in preferences.keyring_note.text()
    preferences.host.setText("smtp.example.org")
    preferences.security.setCurrentIndex(preferences.security.findData("ssl"))
    assert preferences.port.value() == 465  # the usual port follows the security choice
    preferences.user.setText("coordinator")
    preferences.password.setText("right horse")
    preferences.sender.setText("news@example.org")
    preferences.unsubscribe.setText("%%unsubscribe%%")
    preferences.accept()
    assert not preferences.isVisible()

    settings_text = _settings_file(window)
    assert "smtp.example.org" in settings_text and "horse" not in settings_text
    assert store.passwords == {(SERVICE, "coordinator@smtp.example.org:465"): "right horse"}

    window.actions_by_name["preferences"].trigger()
    again = _shown(window, PreferencesDialog)
    assert (again.host.text(), again.port.value(), again.security.currentData()) == ("smtp.example.org", 465, "ssl")
    assert (again.user.text(), again.sender.text(), again.unsubscribe.text()) == (
        "coordinator", "news@example.org", "%%unsubscribe%%")
    assert again.password.text() == "" and "saved in the keyring" in again.password.placeholderText()
    again.reject()

    dialog = _open_send_dialog(window)
    assert not dialog.password.isVisibleTo(dialog)  # the saved password is used
    dialog.reject()
