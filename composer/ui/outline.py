"""The outline: the issue, its sections and their blocks, with drag and drop.

A Qt model over the immutable Issue. Drops do not move rows themselves: they
ask the document for a move edit, and the model follows the new issue like
every other view, so a drag is one undo step like any other change.
"""

from __future__ import annotations

import json
from typing import Callable

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from composer.model import BLOCK_TITLES, SECTION_KIND_TITLES, Issue
from composer.model import edits

from .document import IssueDocument
from .icons import icon_for
from .link_badge import linked_icon_for

MIME_TYPE = "application/x-newsletter-outline"
ISSUE, SECTION, BLOCK = "issue", "section", "block"
ItemRole = Qt.ItemDataRole.UserRole + 1

_TOP = 0  # internal id of top-level rows; blocks carry their section's index + 1
_ROOT_FLAGS = Qt.ItemFlag.ItemIsDropEnabled
_ISSUE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_MOVABLE_FLAGS = _ISSUE_FLAGS | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled


class OutlineModel(QAbstractItemModel):
    """Row 0 is the issue itself (its settings); rows 1… are sections; blocks sit under them."""

    def __init__(self, document: IssueDocument):
        super().__init__()
        self._document = document
        self._issue = document.issue
        # Other panels (the library) can be dragged from: mime type → handler(data, section id, index).
        self.drop_handlers: dict[str, Callable[[QMimeData, str, int], None]] = {}
        # What the rows show may differ from the saved issue: a linked block shows its library entry's words.
        self.shown_issue_filters: list[Callable[[Issue], Issue]] = []
        document.changed.connect(self.set_issue)

    def set_document(self, document: IssueDocument) -> None:
        """Follow another document (New, Open): the view and its selection handling stay."""
        self._document.changed.disconnect(self.set_issue)
        self._document = document
        document.changed.connect(self.set_issue)
        self.beginResetModel()
        self._issue = self._shown(document.issue)
        self.endResetModel()

    def refresh(self) -> None:
        """Show the document again through the filters (a library entry changed)."""
        self.set_issue(self._document.issue)

    def _shown(self, issue: Issue) -> Issue:
        for shown in self.shown_issue_filters:
            issue = shown(issue)
        return issue

    def set_issue(self, issue: Issue) -> None:
        issue = self._shown(issue)
        if _shape(issue) != _shape(self._issue):
            self.beginResetModel()
            self._issue = issue
            self.endResetModel()
            return
        # Same rows: tell the view only about rows whose content changed. Edits share every
        # untouched block and section with the old issue, so identity finds them cheaply.
        previous, self._issue = self._issue, issue
        if issue.title != previous.title:
            self.dataChanged.emit(self.index(0, 0), self.index(0, 0))
        for number, (old, new) in enumerate(zip(previous.sections, issue.sections)):
            if old is new:
                continue
            section_index = self.index(number + 1, 0)
            if (old.title, old.kind) != (new.title, new.kind):
                self.dataChanged.emit(section_index, section_index)
            for row, (old_block, new_block) in enumerate(zip(old.blocks, new.blocks)):
                if old_block is not new_block:
                    block_index = self.index(row, 0, section_index)
                    self.dataChanged.emit(block_index, block_index)

    # --- structure ---------------------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _TOP) if row <= len(self._issue.sections) else QModelIndex()
        if parent.internalId() == _TOP and parent.row() >= 1:
            section_index = parent.row() - 1
            if row < len(self._issue.sections[section_index].blocks):
                return self.createIndex(row, 0, section_index + 1)
        return QModelIndex()

    def parent(self, index: QModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _TOP:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _TOP)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._issue.sections) + 1
        if parent.internalId() == _TOP and parent.row() >= 1:
            return len(self._issue.sections[parent.row() - 1].blocks)
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 1

    # --- what each row shows --------------------------------------------------------------------

    def item(self, index: QModelIndex) -> tuple[str, str | None]:
        """(kind, id) of the row: ("issue", None), ("section", id) or ("block", id)."""
        if not index.isValid():
            return ISSUE, None
        if index.internalId() == _TOP:
            if index.row() == 0:
                return ISSUE, None
            return SECTION, self._issue.sections[index.row() - 1].id
        return BLOCK, self._issue.sections[index.internalId() - 1].blocks[index.row()].id

    def index_of(self, kind: str, item_id: str | None) -> QModelIndex:
        if kind == ISSUE or item_id is None:
            return self.index(0, 0)
        try:
            if kind == SECTION:
                return self.index(edits.locate_section(self._issue, item_id) + 1, 0)
            s_index, b_index = edits.locate_block(self._issue, item_id)
        except edits.NotFound:
            return QModelIndex()
        return self.index(b_index, 0, self.index(s_index + 1, 0))

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        kind, item_id = self.item(index)
        if role == ItemRole:
            return (kind, item_id)
        if kind == ISSUE:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._issue.title or "Untitled issue"
            if role == Qt.ItemDataRole.DecorationRole:
                return icon_for("issue")
            if role == Qt.ItemDataRole.ToolTipRole:
                return "Issue settings: title, dates, preheader, brand"
            return None
        if kind == SECTION:
            section = self._issue.sections[index.row() - 1]
            if role == Qt.ItemDataRole.DisplayRole:
                return section.title or SECTION_KIND_TITLES[section.kind]
            if role == Qt.ItemDataRole.DecorationRole:
                return icon_for("section")
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"{SECTION_KIND_TITLES[section.kind]} section, {len(section.blocks)} blocks"
            return None
        block = self._issue.sections[index.internalId() - 1].blocks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return block.summary()
        if role == Qt.ItemDataRole.DecorationRole:  # a linked block's icon carries the library's chain
            return linked_icon_for(block.type) if block.library_entry else icon_for(block.type)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return block.summary() + (", linked to the library" if block.library_entry else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            linked = " (linked to the library)" if block.library_entry else ""
            return BLOCK_TITLES.get(block.type, block.type) + linked
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        # Called for every row on every repaint: no enum arithmetic here (it is slow in Python).
        if not index.isValid():
            return _ROOT_FLAGS
        if index.internalId() == _TOP and index.row() == 0:
            return _ISSUE_FLAGS
        return _MOVABLE_FLAGS

    # --- drag and drop --------------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE, *self.drop_handlers]

    def mimeData(self, indexes) -> QMimeData:
        items = [self.item(index) for index in indexes if index.isValid()]
        data = QMimeData()
        data.setData(MIME_TYPE, json.dumps([item for item in items if item[0] != ISSUE]).encode())
        return data

    def canDropMimeData(self, data, action, row, column, parent) -> bool:
        return any(data.hasFormat(mime) for mime in self.mimeTypes())

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: QModelIndex) -> bool:
        """Turn a drop into one move edit. Returns False so Qt removes no rows itself."""
        for mime, handler in self.drop_handlers.items():
            if data.hasFormat(mime):
                target = self._block_target(row, parent)
                if target is not None:
                    handler(data, *target)
                return False
        if not data.hasFormat(MIME_TYPE):
            return False
        items = [tuple(item) for item in json.loads(bytes(data.data(MIME_TYPE)).decode())]
        if not items:
            return False
        kind, item_id = items[0]
        if kind == SECTION:
            self._drop_section(item_id, row, parent)
        elif kind == BLOCK:
            self._drop_blocks([i for k, i in items if k == BLOCK], row, parent)
        return False

    def _drop_section(self, section_id: str, row: int, parent: QModelIndex) -> None:
        if parent.isValid():  # dropped onto a row: go before its section
            kind, target = self.item(parent if parent.internalId() == _TOP else parent.parent())
            index = edits.locate_section(self._issue, target) if kind == SECTION else 0
        else:
            index = max(0, row - 1) if row >= 0 else len(self._issue.sections)
        self._document.edit("Move section", edits.move_section, section_id, index)

    def _block_target(self, row: int, parent: QModelIndex) -> tuple[str, int] | None:
        """Where dropped blocks go: (section id, index), or None when the issue has no section."""
        kind, target = self.item(parent)
        if kind == BLOCK:  # dropped onto a block: after it
            s_index, b_index = edits.locate_block(self._issue, target)
            return self._issue.sections[s_index].id, b_index + 1
        if kind == SECTION:
            return target, row if row >= 0 else len(edits.find_section(self._issue, target).blocks)
        if not self._issue.sections:  # between top-level rows: the end of the section above
            return None
        above = max(0, (row if row >= 0 else self.rowCount()) - 2)
        section = self._issue.sections[min(above, len(self._issue.sections) - 1)]
        return section.id, len(section.blocks)

    def _drop_blocks(self, block_ids: list[str], row: int, parent: QModelIndex) -> None:
        place = self._block_target(row, parent)
        if place is None:
            return
        section_id, index = place
        target = self.item(parent)[1]
        issue = self._issue
        for block_id in block_ids:
            if block_id == target:
                continue
            issue = edits.move_block(issue, block_id, section_id, index)
            index = edits.locate_block(issue, block_id)[1] + 1  # the next one goes after it
        self._document.apply("Move block" if len(block_ids) == 1 else "Move blocks", issue)


def _shape(issue: Issue) -> tuple:
    return tuple((section.id, tuple(block.id for block in section.blocks)) for section in issue.sections)


class OutlineView(QTreeView):
    """The tree, with drag and drop and a selection that survives model resets."""

    current_item_changed = Signal(str, object)  # kind, id

    def __init__(self, model: OutlineModel):
        super().__init__()
        self.setModel(model)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAccessibleName("Issue outline")
        self.setIndentation(18)
        self._remembered: tuple[str, str | None] = (ISSUE, None)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)
        self.selectionModel().currentChanged.connect(self._on_current_changed)
        self.expandAll()

    def current_item(self) -> tuple[str, str | None]:
        return self.model().item(self.currentIndex())

    def selected_items(self) -> list[tuple[str, str | None]]:
        rows = sorted(self.selectionModel().selectedIndexes(), key=lambda i: (i.parent().row(), i.row()))
        return [self.model().item(index) for index in rows] or [self.current_item()]

    def select_item(self, kind: str, item_id: str | None) -> None:
        index = self.model().index_of(kind, item_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def _remember_selection(self) -> None:
        self._remembered = self.current_item()

    def _restore_selection(self) -> None:
        self.expandAll()
        kind, item_id = self._remembered
        index = self.model().index_of(kind, item_id)
        if not index.isValid():
            index = self.model().index(0, 0)
        self.setCurrentIndex(index)

    def _on_current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        kind, item_id = self.model().item(current)
        self.current_item_changed.emit(kind, item_id)
