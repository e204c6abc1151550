"""File → New from previous…: the next issue made from an earlier one, and what changed on the way."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget, QListWidgetItem, QMessageBox, QTextBrowser, QVBoxLayout,
)

from composer.model import Issue

from composer.model.carry_forward import CarryForwardReport, new_issue_from
from composer.storage import IssueFileError, load_issue

from .document import IssueDocument

FILE_FILTER = "Newsletter issues (*.newsletter)"


def install(window) -> None:
    action = QAction("New from &previous…", window)
    action.setStatusTip("Start the next issue from an earlier one: same sections, dates moved on, past events left out")
    action.triggered.connect(lambda: new_from_previous(window))
    window.place(action, "&File", "new")
    window.new_from_previous_action = action


def new_from_previous(window, path: str | None = None, today: date | None = None) -> bool:
    """Offer the open issue or a recent one, show what was dropped or flagged, and open the new unsaved issue."""
    if path:
        try:
            previous = load_issue(path)
        except IssueFileError as error:
            QMessageBox.critical(window, "Cannot open the previous issue", str(error))
            return False
    else:
        chooser = PreviousIssueChooser(window)
        if chooser.exec() != QDialog.DialogCode.Accepted or chooser.chosen is None:
            return False
        previous = chooser.chosen
    issue, report = new_issue_from(previous, today or date.today())
    dialog = CarryForwardDialog(report, issue.edition or issue.title, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    if not window.may_discard():
        return False
    document = IssueDocument(issue, None)
    window.replace_document(document)
    document.mark_unsaved()  # the new issue is in no file yet: closing asks to save it
    return True


class PreviousIssueChooser(QDialog):
    """Which issue to start from: the one open now, a recent one, or a file chosen by hand."""

    def __init__(self, window):
        super().__init__(window)
        self.setWindowTitle("New from previous issue")
        self.chosen: Issue | None = None
        self._window = window
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Start the next issue from:"))
        self.choices = QListWidget()
        self.choices.setAccessibleName("Previous issues")
        current = window.document
        if any(section.blocks for section in current.issue.sections):  # a blank issue is no model for the next
            item = QListWidgetItem(f"The issue open now — {current.issue.edition or current.issue.title or current.display_name()}")
            item.setData(Qt.ItemDataRole.UserRole, ("open", None))
            self.choices.addItem(item)
        for recent in window.files.recent_files():
            if current.path is not None and Path(recent) == current.path:
                continue
            if Path(recent).is_file():
                item = QListWidgetItem(Path(recent).name)
                item.setToolTip(recent)
                item.setData(Qt.ItemDataRole.UserRole, ("file", recent))
                self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        self.choices.itemActivated.connect(lambda _item: self._choose())
        layout.addWidget(self.choices, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Continue")
        browse = buttons.addButton("&Choose another file…", QDialogButtonBox.ButtonRole.ActionRole)
        browse.clicked.connect(self._browse)
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(460, 300)

    def _choose(self) -> None:
        item = self.choices.currentItem()
        if item is None:
            self._browse()
            return
        kind, where = item.data(Qt.ItemDataRole.UserRole)
        self._load(where) if kind == "file" else self._accept_issue(self._window.document.issue)

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "New from a previous issue", self._window.last_folder(), FILE_FILTER)
        if path:
            self._load(path)

    def _load(self, path: str) -> None:
        try:
            self._accept_issue(load_issue(path))
        except IssueFileError as error:
            QMessageBox.critical(self, "Cannot open the previous issue", str(error))

    def _accept_issue(self, issue: Issue) -> None:
        self.chosen = issue
        self.accept()


class CarryForwardDialog(QDialog):
    """What the new issue left out and what the coordinator should read again before sending."""

    def __init__(self, report: CarryForwardReport, edition: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle("New from previous issue")
        self.resize(620, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(f"<b>{_escape(edition)}</b> is ready to edit. Before you send it:")
        layout.addWidget(intro)
        self.details = QTextBrowser()
        self.details.setOpenLinks(False)
        self.details.setHtml(report_html(report))
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Open the new issue")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def report_html(report: CarryForwardReport) -> str:
    """The report as short lists: left out, to check, and notes on the settings."""
    parts = []
    for heading, lines in (("Left out", report.dropped), ("Check before sending", report.flagged)):
        if lines:
            items = "".join(f"<li><i>{_escape(line.section)}</i>: {_escape(line.what)}</li>" for line in lines)
            parts.append(f"<h3>{heading} ({len(lines)})</h3><ul>{items}</ul>")
    if report.notes:
        parts.append("<h3>Issue settings</h3><ul>" + "".join(f"<li>{_escape(note)}</li>" for note in report.notes) + "</ul>")
    return "".join(parts) or "<p>Nothing was left out and nothing needs checking.</p>"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
