"""Never lose a coordinator's work: autosave, crash recovery, one writer per file, backups, logs.

A feature module: ``install(window)`` adds a ``SafetyGuard`` to the window that
writes recovery copies (every 30 s and when the app loses focus, never over the
user's file), holds the lock on the open issue file, and saves with a .bak
backup when the "files/keep_backup" setting is on. The main window calls the
few functions below from open, save and close; app.py calls
``offer_crash_recovery`` at start.
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from composer.logs import log_folder
from composer.model import ComposerError
from composer.storage import IssueFileError
from composer.storage.backups import save_with_backup
from composer.storage.locks import FileInUse, IssueLock, acquire_lock, this_host
from composer.storage.recovery import RecoveryEntry, RecoveryError, RecoveryStore

from .document import IssueDocument

log = logging.getLogger(__name__)

AUTOSAVE_SECONDS = 30
KEEP_BACKUP_KEY = "files/keep_backup"
READ_ONLY, OPEN_ANYWAY, CANCEL = "read_only", "open_anyway", "cancel"


@dataclass
class FileClaim:
    """The outcome of asking to open a file: our lock on it, or read-only without one."""

    path: Path
    lock: IssueLock | None = None
    read_only: bool = False

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()


def install(window) -> None:
    window.safety = SafetyGuard(window)


def claim_file(parent: QWidget | None, path: str | os.PathLike) -> FileClaim | None:
    """Lock *path* for this window; if another copy of the app has it, ask. None means Cancel."""
    path = Path(path).absolute()
    try:
        return FileClaim(path, acquire_lock(path))
    except FileInUse as error:
        if _held_by_this_process(error):  # re-opening our own file: take the lock over quietly
            return FileClaim(path, acquire_lock(path, force=True))
        holder, answer = error.holder, ask_file_in_use(parent, error)
    if answer == OPEN_ANYWAY:
        log.warning("opening %s anyway although %s holds it", path, holder)
        return FileClaim(path, acquire_lock(path, force=True))
    if answer == READ_ONLY:
        return FileClaim(path, None, read_only=True)
    return None


def ask_file_in_use(parent: QWidget | None, error: FileInUse) -> str:
    """READ_ONLY, OPEN_ANYWAY or CANCEL, from the coordinator."""
    box = file_in_use_box(parent, error)
    box.exec()
    return box.clickedButton().property("choice") or CANCEL


def file_in_use_box(parent: QWidget | None, error: FileInUse) -> QMessageBox:
    """The question shown when the issue is open elsewhere: who has it and since when."""
    holder = error.holder.describe() if error.holder else "another copy of Newsletter Composer"
    box = QMessageBox(QMessageBox.Icon.Warning, "Issue already open",
                      f"“{error.path.name}” is already open by {holder}.", parent=parent)
    box.setInformativeText(
        "Open it read-only to look without changing it (Save will ask for a new name), or open it "
        "anyway if you are sure nobody else is editing it — otherwise one of you will lose changes."
    )
    for text, choice, role in (
        ("Open &read-only", READ_ONLY, QMessageBox.ButtonRole.AcceptRole),
        ("Open &anyway", OPEN_ANYWAY, QMessageBox.ButtonRole.DestructiveRole),
        ("Cancel", CANCEL, QMessageBox.ButtonRole.RejectRole),
    ):
        button = box.addButton(text, role)
        button.setProperty("choice", choice)
        if choice == READ_ONLY:
            box.setDefaultButton(button)
        if choice == CANCEL:
            box.setEscapeButton(button)
    return box


def hold(window, claim: FileClaim) -> None:
    """Keep *claim* for the window's current document (after Open, start-up or restore)."""
    window.safety.hold(claim)


def needs_save_as(window, path: Path) -> bool:
    """Saving over a file opened read-only must go to another name instead."""
    return window.safety.read_only_path == Path(path).absolute()


def save_issue_file(window, path: Path) -> None:
    """Write the current issue to *path*, keeping a .bak when the setting says so. Raises on failure."""
    keep = window.settings.value(KEEP_BACKUP_KEY, True, type=bool)
    try:
        save_with_backup(window.issue_to_save(), path, keep_backup=keep)
    except (OSError, ComposerError):
        log.exception("saving %s failed", path)
        raise


def close_cleanly(window) -> None:
    """The window closes with nothing unsaved: drop its recovery copy and its lock."""
    window.safety.shut_down()


def offer_crash_recovery(window) -> None:
    """At start: if a crash left recovery copies, let the coordinator restore, discard or keep them."""
    from .recovery_dialog import RecoveryDialog

    store = window.safety.store
    entries = store.crashed()
    if not entries:
        return
    dialog = RecoveryDialog(entries, window)
    dialog.discard_requested.connect(store.discard)
    if not window.isVisible():
        window.show()
    dialog.exec()
    if dialog.chosen is not None:
        window.safety.restore(dialog.chosen)


class SafetyGuard(QObject):
    """Per-window autosave, file lock and backup setting."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.store = RecoveryStore()
        self.claim: FileClaim | None = None
        self._doc_key = ""
        self._unsaved_since_autosave = False
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_SECONDS * 1000)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)
        self.read_only_label = QLabel("Read-only")
        self.read_only_label.setToolTip("This issue is open in another copy of the app; Save asks for a new name")
        window.statusBar().addPermanentWidget(self.read_only_label)
        self.read_only_label.hide()
        self._add_menu_items()
        window.document_replaced.connect(self._watch)
        self._watch(window.document)

    @property
    def read_only_path(self) -> Path | None:
        return self.claim.path if self.claim is not None and self.claim.read_only else None

    def set_autosave_interval(self, milliseconds: int) -> None:
        self.autosave_timer.setInterval(milliseconds)

    def autosave(self) -> RecoveryEntry | None:
        """Write a recovery copy if there are changes since the last one (never the user's file)."""
        document = self.window.document
        if not (document.is_modified() and self._unsaved_since_autosave):
            return None
        try:
            entry = self.store.write(self._doc_key, document.issue, document.path)
        except RecoveryError as error:
            log.error("autosave failed: %s", error)
            self.window.statusBar().showMessage(str(error), 8000)
            return None
        self._unsaved_since_autosave = False
        return entry

    def hold(self, claim: FileClaim) -> None:
        if self.claim is not None and self.claim is not claim:
            self.claim.release()
        self.claim = claim
        self.read_only_label.setVisible(claim.read_only)

    def restore(self, entry: RecoveryEntry) -> bool:
        """Open a recovered issue as unsaved work, its path the original file so Save writes there."""
        try:
            issue = self.store.load(entry)
        except IssueFileError as error:
            QMessageBox.critical(self.window, "Cannot restore the issue", str(error))
            return False
        claim = claim_file(self.window, entry.original_path) if entry.original_path else None
        if entry.original_path and claim is None:
            return False  # Cancel: the copy stays for later
        document = IssueDocument(issue, claim.path if claim else None)
        document.undo_stack.resetClean()  # unsaved until the coordinator saves it
        self.window._set_document(document)
        if claim is not None:
            self.hold(claim)
        self._unsaved_since_autosave = True
        if self.autosave() is not None:
            self.store.discard(entry)  # now safe under this session's own copy
        return True

    def shut_down(self) -> None:
        self.autosave_timer.stop()
        self.store.discard_document(self._doc_key)
        if self.claim is not None:
            self.claim.release()
            self.claim = None

    # --- wiring ------------------------------------------------------------------------------

    def _watch(self, document: IssueDocument) -> None:
        if self._doc_key:
            self.store.discard_document(self._doc_key)  # the old issue was saved or discarded
        if self.claim is not None:
            self.claim.release()
            self.claim = None
            self.read_only_label.hide()
        self._doc_key = uuid.uuid4().hex
        self._unsaved_since_autosave = False
        document.changed.connect(self._on_changed)
        document.clean_changed.connect(self._on_clean_changed)
        document.path_changed.connect(self._on_path_changed)

    def _on_changed(self, _issue) -> None:
        self._unsaved_since_autosave = True

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:  # saved (or undone back to the saved state): the file holds the work
            self.store.discard_document(self._doc_key)
            self._unsaved_since_autosave = False

    def _on_path_changed(self, path: Path | None) -> None:
        """After Save As: the new file is ours; any read-only claim on the old one ends."""
        if path is None or (self.claim is not None and self.claim.path == Path(path).absolute()):
            return
        try:
            claim = FileClaim(Path(path).absolute(), acquire_lock(path))
        except FileInUse as error:
            self.window.statusBar().showMessage(str(error), 10000)
            claim = FileClaim(Path(path).absolute())
        self.hold(claim)

    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.autosave()

    def _add_menu_items(self) -> None:
        edit = self.window.menu("&Edit")
        edit.addSection("Safety")
        self.keep_backup_action = QAction("Keep a &backup (.bak) when saving", self.window, checkable=True)
        self.keep_backup_action.setChecked(self.window.settings.value(KEEP_BACKUP_KEY, True, type=bool))
        self.keep_backup_action.setToolTip("Keep the previous version of the issue file beside it as .bak")
        self.keep_backup_action.toggled.connect(lambda on: self.window.settings.setValue(KEEP_BACKUP_KEY, on))
        edit.addAction(self.keep_backup_action)
        self.window.actions_by_name["keep_backup"] = self.keep_backup_action
        self.open_logs_action = QAction("Open &log folder", self.window)
        self.open_logs_action.setToolTip("Show the app's log files, e.g. to send with a support request")
        self.open_logs_action.triggered.connect(open_log_folder)
        self.window.menu("&Help").addAction(self.open_logs_action)
        self.window.actions_by_name["open_log_folder"] = self.open_logs_action


def open_log_folder() -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_folder())))


def _held_by_this_process(error: FileInUse) -> bool:
    holder = error.holder
    return holder is not None and holder.pid == os.getpid() and holder.host == this_host()
