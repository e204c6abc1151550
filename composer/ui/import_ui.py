"""Bring old newsletters in: File → Import… and splitting a pasted document into blocks.

Import runs on its own thread behind a progress bar with Cancel, then opens the
result as a new, unsaved issue and shows the import report beside it. Pictures
from a Word file go to a temporary folder first and are moved to an "images"
folder beside the Word file only when the import succeeds (image blocks refer to
them relative to where the issue is saved: saving the new issue in that same
folder keeps them; the report says so). Cancel or a refused file leaves the open
issue and the Word file's folder as they were.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from composer.model import Block, Issue, Section, TextBlock
from composer.model import edits
from composer.model import roles

from .document import IssueDocument
from .job_dialog import BackgroundJob
from .structure_commands import BLOCKS_MIME
from .outline import BLOCK, SECTION

if TYPE_CHECKING:  # the importers (mammoth, lxml, markdown-it) load on the first import or paste, not at start-up
    from composer.importers import ImportResult
    from .import_report_dialog import ImportReportDialog

IMPORT_FILTER = "Old newsletters (*.txt *.docx);;Plain text (*.txt);;Word documents (*.docx)"
SPLIT, ONE_BLOCK = "split", "one block"
PROGRESS_AFTER_MS = 300  # a quick import shows no progress window at all


def import_file(path: Path, images_folder: Path, progress):
    """Read an old newsletter (composer.importers.import_file), loading the importers on first use."""
    from composer.importers import import_file as read_newsletter

    return read_newsletter(path, images_folder, progress)


def install(window) -> None:
    """Add File → Import… and let Paste in the outline split a pasted document into blocks."""
    ImportFeature(window)


class ImportFeature(QObject):
    """The import command and the outline paste handler of one main window."""

    imported = Signal()   # a new issue came in and its report is showing
    finished = Signal()   # an import ended, whatever its outcome

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.report_dialog: ImportReportDialog | None = None
        self.job: BackgroundJob | None = None
        self.progress: QProgressDialog | None = None
        self._cancelled: set[BackgroundJob] = set()
        self._sources: dict[BackgroundJob, tuple[Path, Path]] = {}  # each running import's file and scratch folder
        window.installEventFilter(self)
        self.action = QAction("&Import…", window)
        self.action.setObjectName("import")
        self.action.setToolTip("Bring in an old newsletter from a plain-text (.txt) or Word (.docx) file")
        self.action.setStatusTip(self.action.toolTip())
        self.action.triggered.connect(lambda: self.import_newsletter())
        self.action.setShortcut("Ctrl+Shift+I")
        window.place(self.action, "&File", "import")
        window.actions_by_name["import"] = self.action
        window.paste_handlers.append(self.split_paste)

    def import_newsletter(self, path: str | Path | None = None) -> bool:
        """Import a .txt or .docx file as a new unsaved issue, off the GUI thread with a progress bar.

        Returns whether an import started. Pictures are written to a temporary folder and moved
        beside the Word file only when the import succeeds, so Cancel or a refusal leaves nothing
        behind; a bad file leaves the current issue as it was.
        """
        window = self._window
        if self.busy():
            window.statusBar().showMessage("An import is already running", 4000)
            return False
        if not path:
            path, _ = QFileDialog.getOpenFileName(window, "Import an old newsletter", window.last_folder(),
                                                  IMPORT_FILTER)
            if not path:
                return False
        if not window.may_discard():
            return False
        from composer.importers.files import IMAGES_FOLDER

        path = Path(path)
        scratch = Path(tempfile.mkdtemp(prefix="newsletter-import-"))
        job = BackgroundJob(lambda progress: import_file(path, scratch / IMAGES_FOLDER, progress), self)
        self.job = job
        self._sources[job] = (path, scratch)
        self.progress = self._progress_dialog(path)
        self.progress.canceled.connect(self._cancel)
        # Bound methods of this QObject, so each signal from the import's thread is handled on the GUI thread.
        job.progressed.connect(self._on_progress)
        job.succeeded.connect(self._imported)
        job.failed.connect(self._refused)
        job.finished.connect(self._finished)
        job.start()
        return True

    def busy(self) -> bool:
        return self.job is not None and self.job.isRunning()

    def wait(self) -> None:
        """Let a running import end (the app is closing); its result is dropped."""
        if self.job is not None:
            self._cancelled.add(self.job)
            self.job.wait()

    def _progress_dialog(self, path: Path) -> QProgressDialog:
        dialog = QProgressDialog(f"Importing {path.name}…", "Cancel", 0, 100, self._window)
        dialog.setWindowTitle("Import")
        dialog.setAccessibleName("Import progress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(PROGRESS_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setValue(0)
        return dialog

    def _on_progress(self, fraction: float, message: str) -> None:
        if self.progress is not None and not self.progress.wasCanceled():
            self.progress.setLabelText(message + "…")
            self.progress.setValue(round(fraction * 100))

    def _cancel(self) -> None:
        """The coordinator pressed Cancel: the current issue stays, and the import's result is dropped."""
        if self.job is not None:
            self._cancelled.add(self.job)
        self._close_progress()
        self._window.statusBar().showMessage("Import cancelled; your current issue is unchanged", 5000)

    def _imported(self, result: ImportResult) -> None:
        from composer.importers.files import IMAGES_FOLDER

        job = self.sender()
        if job in self._cancelled or job not in self._sources:
            return
        path, scratch = self._sources[job]
        self._close_progress()
        window = self._window
        try:
            _move_pictures(scratch / IMAGES_FOLDER, path.parent / IMAGES_FOLDER)
        except OSError as error:
            QMessageBox.critical(window, "Cannot import the newsletter",
                                 f"{path.name}: its pictures cannot be saved in {path.parent / IMAGES_FOLDER} "
                                 f"({error.strerror or error}).\n\nYour current issue is unchanged.")
            return
        window.replace_document(IssueDocument(result.issue))
        window.document.mark_unsaved()  # closing asks before losing the import
        window.settings.setValue("files/last_folder", str(path.parent))
        self._show_report(result, path)
        self.imported.emit()

    def _refused(self, message: str) -> None:
        if self.sender() in self._cancelled:
            return
        self._close_progress()
        QMessageBox.critical(self._window, "Cannot import the newsletter", f"{message}\n\nYour current issue is unchanged.")

    def _finished(self) -> None:
        job = self.sender()
        _path, scratch = self._sources.pop(job)
        shutil.rmtree(scratch, ignore_errors=True)
        self._cancelled.discard(job)
        if self.job is job:
            self.job = None
        job.deleteLater()
        self.finished.emit()

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.hide()
            self.progress.deleteLater()
            self.progress = None

    def eventFilter(self, watched, event) -> bool:
        if watched is self._window and event.type() == QEvent.Type.Close and event.isAccepted():
            self.wait()  # a thread must not outlive its window
        return False

    def split_paste(self, data: QMimeData) -> bool:
        """A paste handler: a document with headings pasted into the outline may become several blocks."""
        window = self._window
        if not window.outline.hasFocus() or data.hasFormat(BLOCKS_MIME) or not data.hasHtml():
            return False
        from composer.importers import ImportFileError, clean_pasted_html, split_pasted_html

        html = data.html()
        try:
            blocks = split_pasted_html(html)
        except ImportFileError as error:
            QMessageBox.warning(window, "Cannot paste", str(error))
            return True
        if len(blocks) < 2 or not any(roles.heading(block) for block in blocks):
            return False
        choice = ask_how_to_paste(window, len(blocks))
        if choice is None:
            return True
        if choice == ONE_BLOCK:
            blocks = [TextBlock(markdown=clean_pasted_html(html))]
        description = "Paste as one text block" if choice == ONE_BLOCK else f"Paste {len(blocks)} blocks"
        window.document.apply(description, insert_after(window.document.issue, window.outline.current_item(), blocks))
        window.outline.select_item(BLOCK, blocks[-1].id)
        return True

    def _show_report(self, result: ImportResult, path: Path) -> None:
        from .import_report_dialog import ImportReportDialog

        if self.report_dialog is not None:
            self.report_dialog.close()
        dialog = ImportReportDialog(result.report, path.name, _pictures_note(result.issue, path), self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.block_chosen.connect(self._select_block)
        dialog.finished.connect(lambda _result, shown=dialog: self._forget(shown))
        self._window.document_replaced.connect(dialog.close)  # its block ids belong to this issue only
        self.report_dialog = dialog
        dialog.show()

    def _forget(self, dialog: ImportReportDialog) -> None:
        if self.report_dialog is dialog:
            self.report_dialog = None

    def _select_block(self, block_id: str) -> None:
        window = self._window
        if not window.outline.model().index_of(BLOCK, block_id).isValid():
            window.statusBar().showMessage("That block is no longer in the issue", 4000)
            return
        window.outline.select_item(BLOCK, block_id)
        window.outline.setFocus()
        window.activateWindow()


def ask_how_to_paste(parent: QWidget, count: int) -> str | None:
    """SPLIT, ONE_BLOCK, or None when the coordinator cancels."""
    box = paste_question(parent, count)
    box.exec()
    clicked = box.clickedButton()
    return clicked.property("choice") if clicked is not None else None


def paste_question(parent: QWidget, count: int) -> QMessageBox:
    """The question asked before a pasted document becomes blocks (built, not shown)."""
    box = QMessageBox(QMessageBox.Icon.Question, "Paste a document",
                      f"The clipboard holds a document with headings. Split it into {count} blocks "
                      "(a heading block for each heading, text blocks between), or paste it as one text block?",
                      QMessageBox.StandardButton.Cancel, parent)
    split = box.addButton(f"Split into {count} blocks", QMessageBox.ButtonRole.AcceptRole)
    split.setProperty("choice", SPLIT)
    one = box.addButton("Paste as one text block", QMessageBox.ButtonRole.AcceptRole)
    one.setProperty("choice", ONE_BLOCK)
    box.setDefaultButton(split)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box


def insert_after(issue: Issue, current: tuple[str, str | None], blocks: list[Block]) -> Issue:
    """The issue with *blocks* after the selected block, at the end of the selected section, or at the very end."""
    kind, item_id = current
    if kind == BLOCK:
        s_index, b_index = edits.locate_block(issue, item_id)
        return edits.insert_blocks(issue, issue.sections[s_index].id, b_index + 1, blocks)
    if kind == SECTION:
        return edits.insert_blocks(issue, item_id, len(edits.find_section(issue, item_id).blocks), blocks)
    if not issue.sections:
        issue = edits.insert_section(issue, 0, Section(kind="custom", title=""))
    last = issue.sections[-1]
    return edits.insert_blocks(issue, last.id, len(last.blocks), blocks)


def _move_pictures(source: Path, target: Path) -> None:
    """Pictures of a finished import, from its temporary folder to their place beside the Word file."""
    if not source.is_dir():
        return
    pictures = sorted(source.iterdir())
    if pictures:
        target.mkdir(parents=True, exist_ok=True)
    for picture in pictures:
        shutil.move(str(picture), str(target / picture.name))


def _pictures_note(issue: Issue, path: Path) -> str:
    from composer.importers.files import IMAGES_FOLDER

    if not any(any(roles.pictures(block)) for _, block in issue.all_blocks()):
        return ""
    return (f"Pictures from the Word file were saved in {path.parent / IMAGES_FOLDER}. "
            f"Save the new issue in {path.parent} so they stay with it.")
