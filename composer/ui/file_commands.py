"""File handling for the window: new, open, save, save as, the recent list and the last folder used.

Kept apart from the window so it reads as one story: what happens to the coordinator's file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from composer.model import ComposerError, Issue, Section
from composer.resources import SAMPLE_ISSUE
from composer.storage import IssueFileError, load_issue

from . import safety_ui as safety
from .document import IssueDocument

FILE_FILTER = "Newsletter issues (*.newsletter)"
MAX_RECENT = 8


SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_to_save(parent, name: str) -> str:
    """Save, Don't save or Cancel, each with a letter: S and D (with or without Alt), Esc cancels.

    Qt's standard question box gives its buttons no letters, so a keyboard user had to Tab to them.
    """
    box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes", f"Save the changes to {name}?", parent=parent)
    box.setInformativeText("If you don't save, the changes since the last save are lost.")
    save = box.addButton("&Save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Don't save", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    return {save: SAVE, discard: DISCARD}.get(box.clickedButton(), CANCEL)


def blank_issue() -> Issue:
    return Issue(title="Newsletter", sections=(Section(kind="introduction", title="Introduction"),))


class FileCommands:
    """New, Open, Save and Save As for one window, asking before unsaved work is lost."""

    def __init__(self, window):
        self.window = window

    @property
    def document(self) -> IssueDocument:
        return self.window.document

    def new_issue(self) -> None:
        if self.may_discard():
            self.window.replace_document(IssueDocument(self.window.new_issue_template()))

    def new_from_sample(self) -> None:
        if self.may_discard():
            self.window.replace_document(IssueDocument(load_issue(SAMPLE_ISSUE)))

    def open_file(self, path: str | Path | None = None) -> bool:
        window = self.window
        if not path:
            path, _ = QFileDialog.getOpenFileName(window, "Open issue", self.last_folder(), FILE_FILTER)
            if not path:
                return False
        if not self.may_discard():
            return False
        claim = safety.claim_file(window, path)
        if claim is None:
            return False
        try:
            issue = load_issue(path)
        except IssueFileError as error:
            claim.release()
            QMessageBox.critical(window, "Cannot open the issue", str(error))
            return False
        window.replace_document(IssueDocument(issue, Path(path)))
        safety.hold(window, claim)
        self.remember_recent(Path(path))
        return True

    def save(self) -> bool:
        self.window.bring_in_typing()  # words typed just now, still on their way, are written too
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self, path: str | Path | None = None) -> bool:
        self.window.bring_in_typing()
        if not path:
            suggested = str(Path(self.last_folder()) / f"{self.document.issue.slug()}.newsletter")
            path, _ = QFileDialog.getSaveFileName(self.window, "Save issue as", suggested, FILE_FILTER)
            if not path:
                return False
        path = Path(path)
        if path.suffix != ".newsletter":
            path = path.with_suffix(".newsletter")
        if self._write(path):
            self.document.set_path(path)
            self.remember_recent(path)
            return True
        return False

    def _write(self, path: Path) -> bool:
        window = self.window
        try:
            handled = safety.save_issue_file(window, path)
        except (OSError, ComposerError) as error:
            QMessageBox.critical(window, "Cannot save the issue", safety.save_failure_message(path, error))
            return False
        if handled is not None:  # read-only, or changed on disk: the coordinator chose what happened instead
            return handled
        self.document.mark_saved()
        window.statusBar().showMessage(f"Saved {path.name}", 4000)
        return True

    def render_to_folder(self) -> None:
        from composer.export.email_files import write_email_files

        window = self.window
        folder = QFileDialog.getExistingDirectory(window, "Save the email as HTML into", self.last_folder())
        if not folder:
            return
        try:
            paths = write_email_files(self.document.issue, Path(folder))
        except (OSError, ComposerError) as error:
            QMessageBox.critical(window, "Cannot write the email", f"Nothing was written to {folder}: {error}")
            return
        self.remember_folder(folder)
        window.statusBar().showMessage(f"Wrote {' and '.join(p.name for p in paths)} to {folder}", 6000)

    def may_discard(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True means go ahead."""
        self.window.bring_in_typing()
        if not self.document.is_modified():
            return True
        answer = ask_to_save(self.window, self.document.display_name())
        if answer == SAVE:
            return self.save()
        return answer == DISCARD

    def last_folder(self) -> str:
        """Where file dialogs open: the open issue's folder, the last one used, or the documents folder."""
        if self.document.path:
            return str(self.document.path.parent)
        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return str(self.window.settings.value("files/last_folder", documents))

    def remember_folder(self, folder: str | Path) -> None:
        self.window.settings.setValue("files/last_folder", str(folder))

    def remember_recent(self, path: Path) -> None:
        recent = [p for p in self.recent_files() if p != str(path)]
        self.window.settings.setValue("files/recent", [str(path), *recent][:MAX_RECENT])
        self.remember_folder(path.parent)

    def recent_files(self) -> list[str]:
        value = self.window.settings.value("files/recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def fill_recent_menu(self, menu) -> None:
        menu.clear()
        for path in self.recent_files():
            menu.addAction(path, lambda p=path: self.open_file(p))
        if not menu.actions():
            menu.addAction("No recent issues").setEnabled(False)

