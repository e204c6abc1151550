"""The question asked when Save finds the issue file changed on disk since it was opened or last saved.

Another copy of the app (or a colleague on a shared drive) saved it in the
meantime. Saving now would silently replace their work, so the coordinator
chooses: keep mine (theirs goes to the .bak), keep theirs (mine stays one Undo
away), or save mine under another name (both kept) — and can read, block by
block, what differs before choosing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from composer.model import Issue
from composer.storage.issue_diff import describe, differences

from .editors.forms import BLOCK_FIELDS, SECTION_FIELDS, issue_fields

KEEP_MINE, KEEP_THEIRS, SAVE_MINE_AS, CANCEL = "keep_mine", "keep_theirs", "save_mine_as", "cancel"


class ChangedOnDiskDialog(QDialog):
    """Keep mine, keep theirs, save mine as… or cancel; ``choice`` holds the answer."""

    def __init__(self, path: Path, mine: Issue, theirs: Issue | None, their_problem: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("The issue changed on disk")
        self.choice = CANCEL
        name = Path(path).name
        found = differences(theirs, mine, label=field_label) if theirs is not None else []
        intro = QLabel(
            f"<b>“{name}” was changed since you opened it or last saved it</b> — by another copy of "
            "Newsletter Composer, or by someone else on a shared drive. Saving now would replace their changes."
        )
        intro.setWordWrap(True)
        if theirs is None:
            summary = f"Their version cannot be read ({their_problem}), so it cannot be shown or kept here."
        elif not found:
            summary = "Their version holds the same content as yours."
        else:
            summary = f"{len(found)} difference{'s' if len(found) != 1 else ''} between their version and yours."
        self.summary = QLabel(summary)
        self.summary.setWordWrap(True)
        self.differences = QPlainTextEdit(describe(found) if theirs is not None else their_problem)
        self.differences.setReadOnly(True)
        self.differences.setAccessibleName("Differences between their version and yours")
        self.differences.setMinimumHeight(160)
        self.differences.setVisible(False)
        self.show_button = QPushButton("Show &differences")
        self.show_button.setCheckable(True)
        self.show_button.setEnabled(theirs is not None and bool(found))
        self.show_button.toggled.connect(self._show_differences)
        advice = QLabel(
            "<b>Keep mine</b> saves your version; theirs is kept beside it as "
            f"“{name}.bak”.<br><b>Keep theirs</b> shows their version here; Undo brings yours back.<br>"
            "<b>Save mine as…</b> keeps both: yours goes to a new file."
        )
        advice.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.keep_mine_button = buttons.addButton("Keep &mine", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.keep_theirs_button = buttons.addButton("Keep &theirs", QDialogButtonBox.ButtonRole.ActionRole)
        self.save_as_button = buttons.addButton("Save mine &as…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.keep_theirs_button.setEnabled(theirs is not None)
        self.save_as_button.setDefault(True)  # Enter loses nothing
        for button, choice in ((self.keep_mine_button, KEEP_MINE), (self.keep_theirs_button, KEEP_THEIRS),
                               (self.save_as_button, SAVE_MINE_AS)):
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addWidget(self.show_button)
        layout.addWidget(self.differences, 1)
        layout.addWidget(advice)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _show_differences(self, shown: bool) -> None:
        self.differences.setVisible(shown)
        self.show_button.setText("Hide &differences" if shown else "Show &differences")
        self.adjustSize()

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def field_label(kind: str, name: str) -> str:
    """The label the form shows for a field, so the differences use the words on screen."""
    if kind == "issue":
        fields = issue_fields()
    elif kind == "section":
        fields = SECTION_FIELDS
    else:
        fields = BLOCK_FIELDS.get(kind, ())
    for field in fields:
        if field.name == name:
            return field.label
    return name.replace(".", " ").replace("_", " ").capitalize()
