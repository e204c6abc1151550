"""The Library dock: search the entries, filter them by type, and pick one to insert, insert linked or edit.

Entries can also be dragged from its list into the outline, where they are
inserted as copies (the outline hands drops of ENTRY_MIME to the library feature).
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDockWidget, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QPushButton, QVBoxLayout, QWidget,
)

from composer.model.library import ENTRY_KIND_TITLES

from .icons import icon_for
from .library_hub import LibraryHub

EntryRole = Qt.ItemDataRole.UserRole + 1
ENTRY_MIME = "application/x-newsletter-library-entry"
_SUMMARY_CHARS = 36


class _EntryList(QListWidget):
    """The dock's list; entries can be dragged into the outline, where they are inserted as copies."""

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        ids = [item.data(EntryRole) for item in items]
        data.setData(ENTRY_MIME, QByteArray(json.dumps(ids).encode()))
        return data

    def mimeTypes(self) -> list[str]:
        return [ENTRY_MIME]


class LibraryDock(QDockWidget):
    """Search, filter by type, and pick an entry to insert, insert linked or edit."""

    insert_requested = Signal(str)
    insert_linked_requested = Signal(str)
    edit_requested = Signal(str)

    FILTERS = (("All entries", None), ("Blocks", "blocks"), ("Section templates", "section"))

    def __init__(self, hub: LibraryHub):
        super().__init__("Library")
        self.setObjectName("libraryDock")
        self.hub = hub
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names, tags and content")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search the library")
        self.type_filter = QComboBox()
        self.type_filter.setAccessibleName("Show entries of type")
        for label, kind in self.FILTERS:
            self.type_filter.addItem(label, kind)
        self.list = _EntryList()
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setAccessibleName("Library entries")
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setAlternatingRowColors(True)
        self.list.setSpacing(2)
        self.list.setIconSize(QSize(20, 20))
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color:#92400e;")
        self.insert_button = QPushButton("Insert")
        self.linked_button = QPushButton("Insert linked")
        self.edit_button = QPushButton("Edit entry…")
        self.insert_button.setToolTip("Insert a copy after the selection (or double-click the entry)")
        self.linked_button.setToolTip("Insert a block that follows this entry when it is edited")

        buttons = QHBoxLayout()
        for button in (self.insert_button, self.linked_button, self.edit_button):
            buttons.addWidget(button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.type_filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        self.setWidget(body)

        self.search.textChanged.connect(self.refresh)
        self.type_filter.currentIndexChanged.connect(self.refresh)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.list.itemDoubleClicked.connect(lambda item: self.insert_requested.emit(item.data(EntryRole)))
        self.insert_button.clicked.connect(lambda: self._emit(self.insert_requested))
        self.linked_button.clicked.connect(lambda: self._emit(self.insert_linked_requested))
        self.edit_button.clicked.connect(lambda: self._emit(self.edit_requested))
        hub.changed.connect(self.refresh)
        self.refresh()

    def current_entry_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(EntryRole) if item is not None else None

    def select_entry(self, entry_id: str) -> None:
        for row in range(self.list.count()):
            if self.list.item(row).data(EntryRole) == entry_id:
                self.list.setCurrentRow(row)
                return

    def refresh(self) -> None:
        current = self.current_entry_id()
        kind = self.type_filter.currentData()
        text = self.search.text()
        entries = sorted(self.hub.library.values(), key=lambda entry: (entry.kind != "blocks", entry.name.lower()))
        self.list.clear()
        for entry in entries:
            if (kind and entry.kind != kind) or not entry.matches(text):
                continue
            summary = entry.summary()
            short = summary if len(summary) <= _SUMMARY_CHARS else summary[: _SUMMARY_CHARS - 1].rstrip() + "…"
            item = QListWidgetItem(f"{entry.name}\n{short}")
            item.setData(EntryRole, entry.id)
            item.setIcon(icon_for("section" if entry.kind == "section" else entry.blocks[0].type))
            tags = ", ".join(entry.tags) or "no tags"
            item.setToolTip(f"{summary}\n{ENTRY_KIND_TITLES[entry.kind]} · {tags}")
            self.list.addItem(item)
        if current:
            self.select_entry(current)
        problems = self.hub.store.problems
        self.problems.setText(f"⚠ {len(problems)} library file(s) could not be read and were skipped."
                              if problems else "")
        self.problems.setToolTip("\n".join(problems))
        self.problems.setVisible(bool(problems))
        self._update_buttons()

    def _update_buttons(self) -> None:
        entry = self.hub.library.get(self.current_entry_id() or "")
        self.insert_button.setEnabled(entry is not None)
        self.edit_button.setEnabled(entry is not None)
        self.linked_button.setEnabled(entry is not None and entry.can_link())

    def _emit(self, signal) -> None:
        entry_id = self.current_entry_id()
        if entry_id:
            signal.emit(entry_id)
