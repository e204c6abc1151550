"""The block library in the window: a dock to find and insert entries, and linked blocks.

Every window shares one LibraryHub per library folder, so saving an entry in
one window re-renders every open preview that links it. The preview resolves
linked blocks through render_worker's preparer; the issue itself keeps each
block's snapshot, which is what renders when an entry cannot be found.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QDockWidget, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QListWidget, QListWidgetItem, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from composer.model import ComposerError, Issue, Section
from composer.model import edits
from composer.model.library import (
    ENTRY_KIND_TITLES, LibraryEntry, detach, entry_from_blocks, entry_from_section, resolve_linked,
    update_entry_from_block,
)
from composer.storage.library_store import LibraryStore, library_dir

from .document import IssueDocument
from .editors.panel import EditorPanel
from .icons import icon_for
from .outline import BLOCK, ISSUE, SECTION, OutlineModel, OutlineView
from .render_worker import set_preview_preparer

EntryRole = Qt.ItemDataRole.UserRole + 1
ENTRY_MIME = "application/x-newsletter-library-entry"


class _EntryList(QListWidget):
    """The dock's list; entries can be dragged into the outline, where they are inserted as copies."""

    def mimeData(self, items) -> QMimeData:
        data = QMimeData()
        ids = [item.data(EntryRole) for item in items]
        data.setData(ENTRY_MIME, QByteArray(json.dumps(ids).encode()))
        return data

    def mimeTypes(self) -> list[str]:
        return [ENTRY_MIME]
_STATUS_MS = 5000
_SUMMARY_CHARS = 36


def install(window) -> None:
    window.library_feature = LibraryFeature(window)


def hub_for(folder: Path | None = None) -> LibraryHub:
    """The one hub for a library folder (the user's own by default), shared by all windows."""
    folder = Path(folder) if folder else library_dir()
    if folder not in _HUBS:
        _HUBS[folder] = LibraryHub(LibraryStore(folder))
    return _HUBS[folder]


class LibraryHub(QObject):
    """The library as the UI sees it: the store plus a signal when any entry changes."""

    changed = Signal()

    def __init__(self, store: LibraryStore):
        super().__init__()
        self.store = store
        self._library = store.entries()

    @property
    def library(self) -> dict[str, LibraryEntry]:
        """A snapshot never changed in place, so the preview thread can read it safely."""
        return self._library

    def save(self, entry: LibraryEntry) -> None:
        self.store.save(entry)
        self._library = self.store.entries()
        self.changed.emit()

    def reload(self) -> None:
        self.store.reload()
        self._library = self.store.entries()
        self.changed.emit()


_HUBS: dict[Path, LibraryHub] = {}


class LibraryFeature(QObject):
    """Wires the dock, the Edit and Insert actions and the link warning into one window."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.hub = hub_for()
        hub = self.hub
        set_preview_preparer(lambda issue: resolve_linked(issue, hub.library)[0])
        # The file keeps each linked block's current content, so it renders the same without the library.
        window.save_preparers.append(lambda issue: resolve_linked(issue, hub.library)[0])

        self.dock = LibraryDock(hub)
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()  # View → Library shows it; the window remembers where it was left
        self.dock.insert_requested.connect(self.insert_entry)
        self.dock.insert_linked_requested.connect(self.insert_linked)
        self.dock.edit_requested.connect(self.edit_entry)

        self.link_warning = QLabel()
        self.link_warning.setAccessibleName("Library link warning")
        self.link_warning.setStyleSheet("color:#92400e;")
        window.statusBar().addPermanentWidget(self.link_warning)

        self.actions: dict[str, QAction] = {}
        edit_menu = window.menu("&Edit")
        edit_menu.addSeparator()
        self._add_action(edit_menu, "library_save", "Save to &library…", self.save_selection,
                         "Save the selected blocks or section to the library")
        self._add_action(edit_menu, "library_detach", "Detac&h from library", self.detach_selected,
                         "Turn the linked block into a normal copy")
        self._add_action(edit_menu, "library_update_entry", "Update library entry from this block",
                         self.update_entry_from_selection, "Make the library entry match this block everywhere")
        insert_menu = window.menu("&Insert")
        insert_menu.addSeparator()
        self._add_action(insert_menu, "library_insert", "From library (&copy)", lambda: self.insert_entry(self.dock.current_entry_id()),
                         "Insert a copy of the entry chosen in the library")
        self._add_action(insert_menu, "library_insert_linked", "From library (&linked)",
                         lambda: self.insert_linked(self.dock.current_entry_id()),
                         "Insert a block that follows the library entry")
        window.menu("&View").addAction(self.dock.toggleViewAction())

        window.outline_model.drop_handlers[ENTRY_MIME] = self._insert_dropped
        hub.changed.connect(self._on_library_changed)
        window.document_replaced.connect(self._follow)
        self._follow(window.document)

    # --- saving to the library ------------------------------------------------------------------

    def save_selection(self) -> LibraryEntry | None:
        """Ask for a name and tags, then save the selected blocks or section as a new entry."""
        issue = self.window.document.issue
        items = [item for item in self.window.outline.selected_items() if item[0] != ISSUE]
        kinds = {kind for kind, _ in items}
        if not items or len(kinds) > 1 or (kinds == {SECTION} and len(items) > 1):
            self._say("Select one section, or one or more blocks, to save to the library.")
            return None
        if kinds == {SECTION}:
            section = edits.find_section(issue, items[0][1])
            default = section.title or "Section"
        else:
            blocks = [edits.find_block(issue, block_id) for _, block_id in items]
            default = blocks[0].summary()
        dialog = SaveToLibraryDialog(default, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        name, tags = dialog.values()
        if kinds == {SECTION}:
            entry = entry_from_section(name, section, tags)
        else:
            entry = entry_from_blocks(name, blocks, tags)
        if not self._save(entry):
            return None
        self.dock.select_entry(entry.id)
        self._say(f"Saved “{entry.name}” to the library.")
        return entry

    def update_entry_from_selection(self) -> None:
        block = self._selected_linked_block()
        if block is None:
            return
        entry = self.hub.library.get(block.library_entry)
        if entry is None or not entry.can_link():
            self._say("This block's library entry could not be found, so it cannot be updated.")
            return
        if self._save(update_entry_from_block(entry, block)):
            self._say(f"Updated “{entry.name}”: every issue that links it now shows this content.")

    def edit_entry(self, entry_id: str | None) -> EntryEditor | None:
        """Open the entry in a small window of its own; saving it updates every linked block."""
        entry = self.hub.library.get(entry_id or "")
        if entry is None:
            return None
        editor = EntryEditor(entry, self._save, self.window)
        editor.show()
        return editor

    # --- inserting ------------------------------------------------------------------------------

    def insert_entry(self, entry_id: str | None) -> None:
        """Insert a copy of the entry after the selection (a section template as a new section)."""
        entry = self.hub.library.get(entry_id or "")
        if entry is None:
            self._say("Choose an entry in the library first.")
            return
        if entry.kind == "section":
            section = entry.copy_section()
            self.window.document.insert_section(self._section_index(), section, f"Insert “{entry.name}” from library")
            self.window.outline.select_item(SECTION, section.id)
        else:
            self._insert_blocks(entry.copy_blocks(), f"Insert “{entry.name}” from library")

    def _insert_dropped(self, data: QMimeData, section_id: str, index: int) -> None:
        """Entries dragged from the dock into the outline: copies where they were dropped."""
        issue = self.window.document.issue
        for entry_id in json.loads(bytes(data.data(ENTRY_MIME)).decode()):
            entry = self.hub.library.get(entry_id)
            if entry is None:
                continue
            if entry.kind == "section":
                section = entry.copy_section()
                issue = edits.insert_section(issue, edits.locate_section(issue, section_id) + 1, section)
            else:
                blocks = entry.copy_blocks()
                issue = edits.insert_blocks(issue, section_id, index, blocks)
                index += len(blocks)
        self.window.document.apply("Insert from library", issue)

    def insert_linked(self, entry_id: str | None) -> None:
        entry = self.hub.library.get(entry_id or "")
        if entry is None:
            self._say("Choose an entry in the library first.")
            return
        if not entry.can_link():
            self._say(f"“{entry.name}” holds several blocks; only a single block can be inserted linked.")
            return
        self._insert_blocks([entry.linked_block()], f"Insert linked “{entry.name}”")

    def detach_selected(self) -> None:
        block = self._selected_linked_block()
        if block is not None:
            self.window.document.edit("Detach from library", detach, block.id, self.hub.library)

    # --- helpers --------------------------------------------------------------------------------

    def _add_action(self, menu, name: str, text: str, slot, tip: str) -> None:
        action = QAction(text, self.window)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.actions[name] = action
        self.window.actions_by_name[name] = action

    def _follow(self, document: IssueDocument) -> None:
        document.changed.connect(self._update_state)
        self.window.outline.current_item_changed.connect(self._update_state)
        self._update_state()

    def _on_library_changed(self) -> None:
        if any(block.library_entry for _, block in self.window.document.issue.all_blocks()):
            self.window.preview.render_now()
        self._update_state()

    def _update_state(self, *_) -> None:
        _, unresolved = resolve_linked(self.window.document.issue, self.hub.library)
        if unresolved:
            count = len(unresolved)
            self.link_warning.setText(
                f"⚠ {count} library link{'s' if count > 1 else ''} could not be resolved — "
                "the preview shows the copy saved in the issue.")
            self.link_warning.setToolTip("Missing library entries: " + ", ".join(unresolved))
        else:
            self.link_warning.clear()
            self.link_warning.setToolTip("")
        kind, item_id = self.window.outline.current_item()
        linked = kind == BLOCK and _is_linked(self.window.document.issue, item_id)
        self.actions["library_detach"].setEnabled(linked)
        self.actions["library_update_entry"].setEnabled(linked)
        self.actions["library_save"].setEnabled(kind != ISSUE)

    def _selected_linked_block(self):
        kind, item_id = self.window.outline.current_item()
        if kind != BLOCK or not _is_linked(self.window.document.issue, item_id):
            self._say("Select a linked block (marked 🔗 in the outline) first.")
            return None
        return edits.find_block(self.window.document.issue, item_id)

    def _insert_blocks(self, blocks, description: str) -> None:
        issue = self.window.document.issue
        kind, item_id = self.window.outline.current_item()
        if kind == BLOCK:
            s_index, b_index = edits.locate_block(issue, item_id)
            section_id, index = issue.sections[s_index].id, b_index + 1
        elif kind == SECTION:
            section_id, index = item_id, len(edits.find_section(issue, item_id).blocks)
        else:
            if not issue.sections:
                issue = edits.insert_section(issue, 0, Section(kind="custom"))
            section_id, index = issue.sections[-1].id, len(issue.sections[-1].blocks)
        self.window.document.apply(description, edits.insert_blocks(issue, section_id, index, blocks))
        self.window.outline.select_item(BLOCK, blocks[0].id)

    def _section_index(self) -> int:
        issue = self.window.document.issue
        kind, item_id = self.window.outline.current_item()
        if kind == SECTION:
            return edits.locate_section(issue, item_id) + 1
        if kind == BLOCK:
            return edits.locate_block(issue, item_id)[0] + 1
        return len(issue.sections)

    def _save(self, entry: LibraryEntry) -> bool:
        try:
            self.hub.save(entry)
        except ComposerError as error:
            QMessageBox.warning(self.window, "Library", str(error))
            return False
        return True

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, _STATUS_MS)


def _is_linked(issue: Issue, block_id: str | None) -> bool:
    try:
        return bool(block_id) and bool(edits.find_block(issue, block_id).library_entry)
    except edits.NotFound:
        return False


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


class SaveToLibraryDialog(QDialog):
    """Asks for a name and tags for a new library entry."""

    def __init__(self, default_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Save to library")
        self.name = QLineEdit(default_name)
        self.name.setAccessibleName("Entry name")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("e.g. footer, contact")
        self.tags.setAccessibleName("Tags, separated by commas")
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Tags", self.tags)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name.textChanged.connect(self._update_ok)
        self._update_ok()

    def values(self) -> tuple[str, tuple[str, ...]]:
        tags = tuple(dict.fromkeys(tag.strip() for tag in self.tags.text().split(",") if tag.strip()))
        return self.name.text().strip(), tags

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.name.text().strip()))


class EntryEditor(QDialog):
    """A small window editing one entry with the same outline and forms as an issue.

    The entry's content lives in a scratch IssueDocument while it is edited, so
    undo and the block editors work as they do in the main window.
    """

    def __init__(self, entry: LibraryEntry, save, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Library entry — {entry.name}")
        self.setModal(False)
        self.resize(720, 480)
        self.entry = entry
        self._save = save
        section = entry.section if entry.kind == "section" else Section(kind="custom", title=entry.name, blocks=entry.blocks)
        self.document = IssueDocument(Issue(title=entry.name, sections=(section,)), parent=self)
        self.name = QLineEdit(entry.name)
        self.tags = QLineEdit(", ".join(entry.tags))
        self.outline = OutlineView(OutlineModel(self.document))
        self.outline.setRowHidden(0, QModelIndex(), True)  # the scratch issue's own settings row
        self.editor = EditorPanel(self.document)
        self.outline.current_item_changed.connect(self.editor.show_item)
        first = section.blocks[0].id if section.blocks else None
        if first:
            self.outline.select_item(BLOCK, first)
        elif entry.kind == "section":
            self.outline.select_item(SECTION, section.id)

        form = QFormLayout()
        form.addRow("&Name", self.name)
        form.addRow("&Tags", self.tags)
        split = QSplitter()
        split.addWidget(self.outline)
        split.addWidget(self.editor)
        split.setSizes([220, 500])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(split, 1)
        layout.addWidget(buttons)

    def edited_entry(self) -> LibraryEntry:
        """The entry as the form now describes it (validated)."""
        section = self.document.issue.sections[0]
        tags = tuple(dict.fromkeys(tag.strip() for tag in self.tags.text().split(",") if tag.strip()))
        if self.entry.kind == "section":
            content = {"section": section.model_dump()}
        else:
            content = {"blocks": [block.model_dump() for block in section.blocks]}
        name = self.name.text().strip() or self.entry.name
        data = self.entry.model_dump(exclude={"updated", "blocks", "section"}) | {"name": name, "tags": tags} | content
        return LibraryEntry.model_validate(data)

    def accept(self) -> None:
        if self._save(self.edited_entry()):
            super().accept()
