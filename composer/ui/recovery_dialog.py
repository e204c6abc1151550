"""The "restore your work?" dialog shown at start when a crash left recovery copies.

Each copy is listed with its title, its original file and when it was saved.
Restore opens the selected one; Discard deletes it (after the dialog is told to);
Later closes the dialog and keeps every copy for the next start.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from composer.storage.recovery import RecoveryEntry


class RecoveryDialog(QDialog):
    # The coordinator chose to throw this copy away; the owner deletes it.
    discard_requested = Signal(object)

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restore unsaved work")
        self.chosen: RecoveryEntry | None = None
        self._entries = list(entries)

        intro = QLabel(
            "Newsletter Composer closed unexpectedly. These issues had changes that were not saved. "
            "Restore one to carry on where you left off; Later keeps the copies for next time."
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setHeaderLabels(["Issue", "Original file", "Saved"])
        self.list.setRootIsDecorated(False)
        self.list.setAccessibleName("Recovered issues")
        for entry in self._entries:
            self.list.addTopLevelItem(QTreeWidgetItem([entry.title or "Untitled", describe_file(entry), describe_time(entry)]))
        for column in range(3):
            self.list.resizeColumnToContents(column)
        self.list.setCurrentItem(self.list.topLevelItem(0))
        self.list.itemDoubleClicked.connect(lambda *_: self._restore())

        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("&Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = buttons.addButton("&Discard", QDialogButtonBox.ButtonRole.DestructiveRole)
        self.later_button = buttons.addButton("&Later", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self._restore)
        self.discard_button.clicked.connect(self._discard)
        self.later_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(720, 300)

    def entries(self) -> list[RecoveryEntry]:
        """The copies still listed (discarded ones are gone)."""
        return list(self._entries)

    def select(self, entry: RecoveryEntry) -> None:
        self.list.setCurrentItem(self.list.topLevelItem(self._entries.index(entry)))

    def _current(self) -> RecoveryEntry | None:
        row = self.list.indexOfTopLevelItem(self.list.currentItem()) if self.list.currentItem() else -1
        return self._entries[row] if row >= 0 else None

    def _restore(self) -> None:
        self.chosen = self._current()
        if self.chosen is not None:
            self.accept()

    def _discard(self) -> None:
        entry = self._current()
        if entry is None:
            return
        row = self._entries.index(entry)
        del self._entries[row]
        self.list.takeTopLevelItem(row)
        self.discard_requested.emit(entry)
        if not self._entries:
            self.reject()


def describe_file(entry: RecoveryEntry) -> str:
    return str(entry.original_path) if entry.original_path else "never saved"


def describe_time(entry: RecoveryEntry) -> str:
    return entry.saved_at.astimezone().strftime("%d %b %Y at %H:%M:%S")

