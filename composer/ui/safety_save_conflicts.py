"""When Save must not simply write over the issue file: it is open read-only, or someone else changed it.

A read-only issue is saved under a new name instead, after saying why. A file
changed on disk since this window read or wrote it (by another copy of the app,
or a colleague on a shared drive) is never silently replaced: the coordinator
chooses whose version to keep in ChangedOnDiskDialog, and this module does it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from composer.storage import IssueFileError, loads_issue
from composer.storage.backups import save_with_backup
from composer.storage.disk_version import ChangedOnDisk, content_hash

if TYPE_CHECKING:
    from .safety_ui import SafetyGuard

log = logging.getLogger(__name__)


def needs_save_as(window, path: Path) -> bool:
    """Saving over a file opened read-only must go to another name instead."""
    return window.safety.read_only_path == Path(path).absolute()


def explain_read_only(window) -> bool:
    """Say why Save goes to Save As for a read-only issue; False when the coordinator cancels."""
    claim = window.safety.claim
    box = QMessageBox(QMessageBox.Icon.Information, "Save under a new name",
                      f"“{claim.path.name}” is open read-only: {claim.reason}.", parent=window)
    box.setInformativeText("Your changes can be saved under a new name; the original file is left as it is.")
    choose = box.addButton("Choose a &new name…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(choose)
    box.exec()
    return box.clickedButton() is choose


def resolve_change(guard: SafetyGuard, change: ChangedOnDisk) -> bool:
    """Ask whose version to keep and do it; True when the window's issue is now safely on disk."""
    from .changed_on_disk_dialog import CANCEL as DIALOG_CANCEL, KEEP_MINE, KEEP_THEIRS, SAVE_MINE_AS, \
        ChangedOnDiskDialog

    window = guard.window
    mine = window.issue_to_save()
    try:
        theirs, problem = loads_issue(change.theirs, change.path), ""
    except IssueFileError as error:
        theirs, problem = None, error.problem
    dialog = ChangedOnDiskDialog(change.path, mine, theirs, problem, window)
    dialog.exec()
    choice = dialog.choice if dialog.result() else DIALOG_CANCEL
    log.info("changed on disk: the coordinator chose %s", choice)
    if choice == KEEP_MINE:
        saved = save_with_backup(mine, change.path, keep_backup=True)  # theirs goes to the .bak
        guard.saved(change.path, saved.version)
        window.document.mark_saved()
        window.statusBar().showMessage(f"Saved your version; theirs is kept as {saved.backup.name}"
                                       if saved.backup else "Saved your version", 8000)
        return True
    if choice == KEEP_THEIRS and theirs is not None:
        document = window.document
        document.apply("Take their version", theirs)
        document.mark_saved()
        guard.disk_version = content_hash(change.theirs)
        window.statusBar().showMessage("Now showing their version. Undo brings yours back.", 8000)
        return True
    if choice == SAVE_MINE_AS:
        return window.save_as()
    return False
