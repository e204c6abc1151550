"""Never lose a coordinator's work: autosave, crash recovery, one writer per file, backups, logs.

A feature module: ``install(window)`` adds a ``SafetyGuard`` to the window that
writes recovery copies (a moment after each pause in editing, at the latest a
few seconds into a long burst of typing, and when the app loses focus; never
over the user's file), holds the lock on the open issue file, notices when the
file was changed on disk by someone else before saving over it, and saves
with a .bak backup when the "files/keep_backup" setting is on. The main window
calls the few functions below from open, save and close; app.py calls
``offer_crash_recovery`` at start. What Save does with a read-only file, or one
changed on disk, lives in safety_save_conflicts.
"""

from __future__ import annotations

import logging
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from composer.logs import log_folder
from composer.model import ComposerError
from composer.storage import IssueFileError
from composer.storage.atomic import remove_leftover_temps
from composer.storage.backups import save_with_backup
from composer.storage.disk_version import ChangedOnDisk, current_version
from composer.storage.locks import FileInUse, IssueLock, LockHolder, acquire_lock
from composer.storage.recovery import RecoveryEntry, RecoveryError, RecoveryStore
from composer.storage.writable import why_not_writable

from .document import IssueDocument
from .safety_save_conflicts import explain_read_only, needs_save_as, resolve_change

log = logging.getLogger(__name__)

AUTOSAVE_PAUSE_MS = 1500     # a recovery copy this long after the last change…
AUTOSAVE_LONGEST_MS = 4000   # …or this long after the first unsaved one, while typing goes on (kill -9 loses < 5 s)
KEEP_BACKUP_KEY = "files/keep_backup"
READ_ONLY, OPEN_ANYWAY, CANCEL = "read_only", "open_anyway", "cancel"


@dataclass
class FileClaim:
    """The outcome of asking to open a file: our lock on it, or read-only and why.

    *disk_version* is the hash of the file taken before it is loaded, so a change
    made by someone else after that moment is always noticed at Save.
    """

    path: Path
    lock: IssueLock | None = None
    read_only: bool = False
    reason: str = ""                      # why read-only, in the coordinator's words
    disk_version: str | None = None
    others: tuple[LockHolder, ...] = ()   # who else has it open, when opened anyway
    reopen_of: "FileClaim | None" = field(default=None, repr=False)

    @property
    def opened_anyway(self) -> bool:
        return self.lock is not None and self.lock.opened_anyway

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()


def install(window) -> None:
    window.safety = SafetyGuard(window)


def claim_file(parent: QWidget | None, path: str | os.PathLike) -> FileClaim | None:
    """Lock *path* for this window; if another copy of the app has it, ask. None means Cancel."""
    path = Path(path).absolute()
    guard = getattr(parent, "safety", None)
    if guard is not None and guard.claim is not None and guard.claim.path == path:
        # Opening the window's own file again: keep its lock, read the file afresh.
        return FileClaim(path, read_only=guard.claim.read_only, reason=guard.claim.reason,
                         disk_version=_version_or_none(path), reopen_of=guard.claim)
    problem = why_not_writable(path)
    if problem is not None:
        return FileClaim(path, read_only=True, reason=f"{problem}, so it can be read but not saved there",
                         disk_version=_version_or_none(path))
    try:
        claim = FileClaim(path, acquire_lock(path))
    except FileInUse as error:
        holder, answer = error.holder, ask_file_in_use(parent, error)
        if answer == OPEN_ANYWAY:
            log.warning("opening %s anyway although %s holds it", path, holder)
            lock = acquire_lock(path, force=True)
            claim = FileClaim(path, lock, others=lock.others)
        elif answer == READ_ONLY:
            who = holder.who() if holder else "another copy of Newsletter Composer"
            claim = FileClaim(path, None, read_only=True, reason=f"it is open for editing by {who}")
        else:
            return None
    remove_leftover_temps(path)
    claim.disk_version = _version_or_none(path)
    return claim


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
        "anyway if you are sure nobody else is editing it — if both of you save, the app will ask whose "
        "changes to keep."
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


def save_issue_file(window, path: Path) -> bool | None:
    """Write the current issue to *path*, keeping a .bak when the setting says so.

    Returns None when it was written as asked (the caller says "Saved"), or
    True/False when the coordinator chose something else on the way — the file
    is read-only (Save As instead) or someone else changed it on disk (keep
    mine, keep theirs, save mine as…, cancel). Raises on failure.
    """
    guard = window.safety
    path = Path(path)
    if needs_save_as(window, path):
        return explain_read_only(window) and window.save_as()
    keep = window.settings.value(KEEP_BACKUP_KEY, True, type=bool)
    try:
        saved = save_with_backup(window.issue_to_save(), path, keep_backup=keep,
                                 expected_version=guard.expected_version(path))
    except ChangedOnDisk as change:
        log.warning("%s changed on disk since it was opened or saved here", path)
        return resolve_change(guard, change)
    except (OSError, ComposerError):
        log.exception("saving %s failed", path)
        raise
    guard.saved(path, saved.version)
    return None


def save_failure_message(path: Path, error: Exception) -> str:
    """One message saying what failed and that the file on disk is safe, each said once."""
    if isinstance(error, IssueFileError):
        text = f"{path.name} {error.problem}" if error.path and error.path.name == path.name else str(error)
    else:
        reason = getattr(error, "strerror", None) or str(error) or "the system refused to write it"
        text = f"{path.name} could not be saved: {reason}"
    if "unchanged" not in text:
        text += ". The previous version on disk is unchanged"
    return text.rstrip(".") + "."


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
    """Per-window autosave, file lock, changed-on-disk check and backup setting."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.store = RecoveryStore()
        self.claim: FileClaim | None = None
        self.disk_path: Path | None = None      # the file whose version below this window last read or wrote
        self.disk_version: str | None = None
        self._doc_key = ""
        self._unsaved_since_autosave = False
        self.pause_timer = _single_shot(self, AUTOSAVE_PAUSE_MS, self.autosave)
        self.longest_wait_timer = _single_shot(self, AUTOSAVE_LONGEST_MS, self.autosave)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_application_state)
        self.read_only_label = QLabel("Read-only")
        self.read_only_label.setAccessibleName("This issue is read-only")
        window.statusBar().addPermanentWidget(self.read_only_label)
        self.read_only_label.hide()
        self._add_menu_items()
        window.document_replaced.connect(self._watch)
        self._watch(window.document)

    @property
    def read_only_path(self) -> Path | None:
        return self.claim.path if self.claim is not None and self.claim.read_only else None

    def set_autosave_interval(self, milliseconds: int) -> None:
        """How long after the last change a recovery copy is written (tests and benchmarks shorten it)."""
        self.pause_timer.setInterval(milliseconds)
        self.longest_wait_timer.setInterval(max(milliseconds, min(AUTOSAVE_LONGEST_MS, 4 * milliseconds)))

    def autosave(self) -> RecoveryEntry | None:
        """Write a recovery copy if there are changes since the last one (never the user's file)."""
        self.pause_timer.stop()
        self.longest_wait_timer.stop()
        document = self.window.document
        if not (document.is_modified() and self._unsaved_since_autosave):
            return None
        try:
            entry = self.store.write(self._doc_key, document.issue, document.path, self.disk_version)
        except RecoveryError as error:
            log.error("autosave failed: %s", error)
            self.window.statusBar().showMessage(str(error), 8000)
            return None
        self._unsaved_since_autosave = False
        return entry

    def hold(self, claim: FileClaim) -> None:
        if claim.reopen_of is not None and claim.reopen_of is self.claim:
            self.claim.disk_version = claim.disk_version  # the same file read afresh; its lock stays
        else:
            if self.claim is not None and self.claim is not claim:
                self.claim.release()
            self.claim = claim
        self.disk_path, self.disk_version = self.claim.path, self.claim.disk_version
        self._show_claim()

    def expected_version(self, path: Path) -> str | None:
        """What *path* should hold if nobody else saved it; None for a file this window has not read."""
        return self.disk_version if self.disk_path == Path(path).absolute() else None

    def saved(self, path: Path, version: str) -> None:
        """This window just wrote *path*: that is now the version a later Save expects to find."""
        self.disk_path, self.disk_version = Path(path).absolute(), version

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
        self.window.replace_document(document)
        if claim is not None:
            if entry.disk_version:  # the file as the crashed session knew it: a change since is noticed on Save
                claim.disk_version = entry.disk_version
            self.hold(claim)
        self._unsaved_since_autosave = True
        if self.autosave() is not None:
            self.store.discard(entry)  # now safe under this session's own copy
        return True

    def shut_down(self) -> None:
        self.pause_timer.stop()
        self.longest_wait_timer.stop()
        self.store.discard_document(self._doc_key)
        if self.claim is not None:
            self.claim.release()
            self.claim = None

    # --- wiring ------------------------------------------------------------------------------

    def _watch(self, document: IssueDocument) -> None:
        if self._doc_key:
            self.store.discard_document(self._doc_key)  # the old issue was saved or discarded
        reopened = self.claim is not None and document.path is not None and \
            self.claim.path == Path(document.path).absolute()
        if self.claim is not None and not reopened:
            self.claim.release()
            self.claim = None
        self.disk_path = Path(document.path).absolute() if document.path else None
        self.disk_version = _version_or_none(document.path) if document.path else None
        self._show_claim()
        self._doc_key = uuid.uuid4().hex
        self._unsaved_since_autosave = False
        self.pause_timer.stop()
        self.longest_wait_timer.stop()
        document.changed.connect(self._on_changed)
        document.clean_changed.connect(self._on_clean_changed)
        document.path_changed.connect(self._on_path_changed)

    def _on_changed(self, _issue) -> None:
        self._unsaved_since_autosave = True
        self.pause_timer.start()  # restarts: a moment after the last change
        if not self.longest_wait_timer.isActive():
            self.longest_wait_timer.start()

    def _on_clean_changed(self, clean: bool) -> None:
        if clean:  # saved (or undone back to the saved state): the file holds the work
            self.store.discard_document(self._doc_key)
            self._unsaved_since_autosave = False
            self.pause_timer.stop()
            self.longest_wait_timer.stop()

    def _on_path_changed(self, path: Path | None) -> None:
        """After Save As: the new file is ours; any read-only claim on the old one ends."""
        if path is None or (self.claim is not None and self.claim.path == Path(path).absolute()):
            return
        try:
            claim = FileClaim(Path(path).absolute(), acquire_lock(path))
        except FileInUse as error:
            self.window.statusBar().showMessage(str(error), 10000)
            claim = FileClaim(Path(path).absolute())
        claim.disk_version = self.expected_version(path)  # what this window just wrote there
        self.hold(claim)

    def _show_claim(self) -> None:
        """The title bar and status bar say when this copy is not the file's only editor."""
        claim = self.claim
        note = ""
        if claim is not None and claim.read_only:
            note = "read-only"
            self.read_only_label.setToolTip(f"Read-only: {claim.reason}. Save asks for a new name.")
        elif claim is not None and claim.opened_anyway:
            others = ", ".join(holder.who() for holder in claim.others) or "another copy"
            note = f"opened anyway — also open by {others}"
        self.read_only_label.setVisible(claim is not None and claim.read_only)
        set_note = getattr(self.window, "set_title_note", None)
        if set_note is not None:
            set_note(note)

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


def _single_shot(parent: QObject, milliseconds: int, slot) -> QTimer:
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(milliseconds)
    timer.timeout.connect(slot)
    return timer


def _version_or_none(path) -> str | None:
    """The file's current hash; None when it cannot be read (opening it will say why)."""
    try:
        return current_version(path)
    except IssueFileError:
        return None
