"""File → New from previous…: the next issue made from an earlier one, and what changed on the way."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QTextBrowser, QVBoxLayout

from composer.model.carry_forward import CarryForwardReport, new_issue_from
from composer.storage import IssueFileError, load_issue

from .document import IssueDocument

FILE_FILTER = "Newsletter issues (*.newsletter)"


def install(window) -> None:
    action = QAction("New from &previous…", window)
    action.setStatusTip("Start the next issue from an earlier one: same sections, dates moved on, past events left out")
    action.triggered.connect(lambda: new_from_previous(window))
    window.menu("&File").addAction(action)
    window.new_from_previous_action = action


def new_from_previous(window, path: str | None = None, today: date | None = None) -> bool:
    """Ask for the earlier issue, show what was dropped or flagged, and open the new unsaved issue."""
    if not window._may_discard():
        return False
    if not path:
        path, _ = QFileDialog.getOpenFileName(window, "New from a previous issue", "", FILE_FILTER)
        if not path:
            return False
    try:
        previous = load_issue(path)
    except IssueFileError as error:
        QMessageBox.critical(window, "Cannot open the previous issue", str(error))
        return False
    issue, report = new_issue_from(previous, today or date.today())
    dialog = CarryForwardDialog(report, issue.edition or issue.title, window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    window._set_document(IssueDocument(issue, None))
    return True


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
