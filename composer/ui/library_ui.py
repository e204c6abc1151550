"""The block library in the window: a dock to find and insert entries, and linked blocks.

Every window shares one LibraryHub per library folder, so saving an entry in
one window re-renders every open preview that links it. The folder on disk is
the truth: the hub watches it, so entries saved by another copy of the app (or
another computer sharing the folder) show up at once, and saving an entry that
changed since it was opened merges the two edits or asks. The preview and the
form resolve linked blocks to their entry's content; the issue itself keeps
each block's snapshot, which is what renders when an entry cannot be found.
A linked block's form is read-only: its words belong to the library entry, so
the coordinator edits the entry or detaches the block to edit it here.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QFileSystemWatcher, QMimeData, QModelIndex, QObject, QSize, Qt, QTimer, \
    Signal
from PySide6.QtGui import QAction, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton, QAbstractItemView, QApplication, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDockWidget,
    QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMessageBox, QPushButton,
    QSplitter, QVBoxLayout, QWidget,
)

from composer.model import ComposerError, Issue, Section
from composer.model import edits
from composer.model.blocks import new_id
from composer.model.library import (
    ENTRY_KIND_TITLES, LibraryEntry, detach, entry_from_blocks, entry_from_section, merge_entries, resolve_linked,
)
from composer.storage.library_store import UNCHECKED, LibraryStore, StaleEntry, library_dir
from composer.storage.library_usage import files_linking

from .document import IssueDocument
from .editors.panel import EditorPanel
from .icons import icon_for
from .link_badge import linked_mark
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
_RELOAD_DELAY_MS = 150  # let a save in another window finish before reading the folder
REPLACE, KEEP_THEIRS, SAVE_AS_NEW, CANCEL = "replace", "keep_theirs", "save_as_new", "cancel"
EDIT_ENTRY, DETACH = "edit_entry", "detach"
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
    """The library as the UI sees it: the store, kept in step with the folder on disk, and a signal when it changes."""

    changed = Signal()

    def __init__(self, store: LibraryStore):
        super().__init__()
        self.store = store
        self._library = store.entries()
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(_RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self.reload)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _: self._reload_timer.start())
        self.watcher.fileChanged.connect(lambda _: self._reload_timer.start())
        self._watch_files()

    @property
    def library(self) -> dict[str, LibraryEntry]:
        """A snapshot never changed in place, so the preview thread can read it safely."""
        return self._library

    def version(self, entry_id: str) -> str | None:
        return self.store.version(entry_id)

    def save(self, entry: LibraryEntry, base_version: str | None | object = UNCHECKED) -> None:
        """Write *entry*; with *base_version*, raises StaleEntry if another window changed it since."""
        self.store.save(entry, base_version)
        self._library = self.store.entries()
        self.changed.emit()

    def reload(self) -> None:
        """Read the folder again; tell every window only if an entry (or a problem) really changed."""
        problems = list(self.store.problems)
        changed = self.store.reload()
        self._watch_files()
        if changed or problems != self.store.problems:
            self._library = self.store.entries()
            self.changed.emit()

    def _watch_files(self) -> None:
        folder = self.store.folder
        if folder.is_dir() and str(folder) not in self.watcher.directories():
            self.watcher.addPath(str(folder))
        files = [str(path) for path in folder.glob("*.json")] if folder.is_dir() else []
        missing = [path for path in files if path not in self.watcher.files()]
        if missing:
            self.watcher.addPaths(missing)


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
        self._add_action(edit_menu, "library_edit_entry", "Edit library &entry…", self.edit_selected_entry,
                         "Edit the library entry this block follows; every issue that links it changes")
        insert_menu = window.menu("&Insert")
        insert_menu.addSeparator()
        self._add_action(insert_menu, "library_insert", "From library (&copy)", lambda: self.insert_entry(self.dock.current_entry_id()),
                         "Insert a copy of the entry chosen in the library")
        self._add_action(insert_menu, "library_insert_linked", "From library (&linked)",
                         lambda: self.insert_linked(self.dock.current_entry_id()),
                         "Insert a block that follows the library entry")
        window.menu("&View").addAction(self.dock.toggleViewAction())

        window.outline_model.drop_handlers[ENTRY_MIME] = self._insert_dropped
        self.linked_forms = LinkedBlockForms(self)
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
            default, what = section.title or "Section", "section"
        else:
            blocks = [edits.find_block(issue, block_id) for _, block_id in items]
            default, what = blocks[0].summary(), "block" if len(blocks) == 1 else "blocks"
        dialog = SaveToLibraryDialog(default, what, self.window)
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
        if dialog.link_block.isChecked() and what == "block":
            linked = blocks[0].model_copy(update={"library_entry": entry.id})
            self.window.document.edit(f"Link to “{entry.name}”", edits.replace_block, blocks[0].id, linked)
            self._say(f"Saved “{entry.name}” to the library; the block here now follows it.")
        else:
            self._say(f"Saved “{entry.name}” to the library; the {what} here stays as it is, not linked.")
        return entry

    def edit_selected_entry(self) -> EntryEditor | None:
        block = self._selected_linked_block()
        if block is None:
            return None
        editor = self.edit_entry(block.library_entry)
        if editor is None:
            self._say("This block's library entry could not be found: it shows the copy saved in the issue.")
        return editor

    def edit_entry(self, entry_id: str | None) -> EntryEditor | None:
        """Open the entry in a small window of its own; saving it updates every linked block."""
        entry = self.hub.library.get(entry_id or "")
        if entry is None:
            return None
        editor = EntryEditor(entry, self, self.window)
        editor.show()
        return editor

    def save_entry(self, parent: QWidget, entry: LibraryEntry, base: LibraryEntry | None,
                   base_version: str | None) -> bool:
        """Save an edited entry without losing another window's change to it since *base* was read.

        Edits to different fields are merged; edits to the same field ask whose to keep.
        """
        try:
            self.hub.save(entry, base_version)
            return True
        except StaleEntry as stale:
            theirs = stale.theirs
            merged = merge_entries(base, entry, theirs) if base is not None and theirs is not None else None
            if merged is not None:
                try:
                    self.hub.save(merged, stale.version)
                except ComposerError as error:
                    QMessageBox.warning(parent, "Library", str(error))
                    return False
                self._say(f"Saved “{merged.name}” together with the changes made to it in another window.")
                return True
            choice = ask_stale_entry(parent, entry, theirs)
        except ComposerError as error:
            QMessageBox.warning(parent, "Library", str(error))
            return False
        if choice == KEEP_THEIRS:
            self.hub.reload()
            return True
        if choice == SAVE_AS_NEW:
            entry = entry.model_copy(update={"id": new_id(), "name": f"{entry.name} (my version)"})
        elif choice != REPLACE:
            return False
        return self._save(entry)

    def issues_using(self, entry_id: str) -> list[str]:
        """Names of the open and recent issues that link *entry_id*, for the entry editor."""
        names, open_paths = [], set()
        for widget in QApplication.topLevelWidgets():
            document = getattr(widget, "document", None) if hasattr(widget, "library_feature") else None
            if document is None:
                continue
            if document.path:
                open_paths.add(str(document.path.absolute()))
            if any(block.library_entry == entry_id for _, block in document.issue.all_blocks()):
                names.append(f"{document.display_name()} (open)")
        recent = [path for path in self.window.settings.value("files/recent", []) or []
                  if str(Path(path).absolute()) not in open_paths]
        names += [path.name for path in files_linking(entry_id, recent)]
        return names

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
        document.changed.connect(self.linked_forms.update)
        self.window.outline.current_item_changed.connect(self._update_state)
        self._update_state()

    def _on_library_changed(self) -> None:
        if any(block.library_entry for _, block in self.window.document.issue.all_blocks()):
            self.window.preview.render_now()
        self.linked_forms.library_changed()
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
        self.actions["library_edit_entry"].setEnabled(linked)
        self.actions["library_save"].setEnabled(kind != ISSUE)

    def _selected_linked_block(self):
        kind, item_id = self.window.outline.current_item()
        if kind != BLOCK or not _is_linked(self.window.document.issue, item_id):
            self._say("Select a linked block (its icon carries a chain in the outline) first.")
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
        """Write *entry* over whatever is on disk (a new entry, or the coordinator chose to replace theirs)."""
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
    """Asks for a name and tags for a new library entry, and says whether the selection will follow it."""

    def __init__(self, default_name: str, what: str = "block", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Save to library")
        self.setMinimumWidth(440)  # the title and the note stay whole
        self.what = what
        self.name = QLineEdit(default_name)
        self.name.setAccessibleName("Entry name")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("e.g. footer, contact")
        self.tags.setAccessibleName("Tags, separated by commas")
        self.link_block = QCheckBox("&Link the block here to the new entry")
        self.link_block.setToolTip("Then it shows the entry's content, and changes when the entry is edited")
        self.link_block.setVisible(what == "block")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#52606d;")
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Tags", self.tags)
        form.addRow("", self.link_block)
        form.addRow(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name.textChanged.connect(self._update_ok)
        self.link_block.toggled.connect(self._update_note)
        self._update_ok()
        self._update_note()

    def values(self) -> tuple[str, tuple[str, ...]]:
        tags = tuple(dict.fromkeys(tag.strip() for tag in self.tags.text().split(",") if tag.strip()))
        return self.name.text().strip(), tags

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.name.text().strip()))

    def _update_note(self) -> None:
        if self.link_block.isChecked():
            text = ("The block here will be linked: it shows the entry's content, and editing the entry "
                    "changes it here and in every issue that links it.")
        elif self.what == "block":
            text = ("The block here stays as it is, not linked: later changes to the entry will not change it. "
                    "Tick the box to link it.")
        else:
            text = f"The {self.what} here stay{'s' if self.what == 'section' else ''} as {'it is' if self.what == 'section' else 'they are'}, not linked; inserting the entry later makes a copy."
        self.note.setText(text)


def ask_stale_entry(parent: QWidget | None, mine: LibraryEntry, theirs: LibraryEntry | None) -> str:
    """REPLACE, KEEP_THEIRS, SAVE_AS_NEW or CANCEL, when another window changed the same part of the entry."""
    box = stale_entry_box(parent, mine, theirs)
    box.exec()
    clicked = box.clickedButton()
    return (clicked.property("choice") if clicked is not None else None) or CANCEL


def stale_entry_box(parent: QWidget | None, mine: LibraryEntry, theirs: LibraryEntry | None) -> QMessageBox:
    if theirs is None:
        text = f"The library entry “{mine.name}” was removed in another window since you opened it."
        choices = (("&Save it again", REPLACE, QMessageBox.ButtonRole.AcceptRole),
                   ("Cancel", CANCEL, QMessageBox.ButtonRole.RejectRole))
        detail = "Save it again to put your version back in the library."
    else:
        text = (f"The library entry “{theirs.name}” was changed in another window since you opened it, "
                "in the same place you changed.")
        choices = (("Keep &theirs", KEEP_THEIRS, QMessageBox.ButtonRole.RejectRole),
                   ("&Replace with mine", REPLACE, QMessageBox.ButtonRole.DestructiveRole),
                   ("Save mine as a &new entry", SAVE_AS_NEW, QMessageBox.ButtonRole.AcceptRole),
                   ("Cancel", CANCEL, QMessageBox.ButtonRole.RejectRole))
        detail = (f"Theirs: {_describe_entry(theirs)}\nYours: {_describe_entry(mine)}\n\n"
                  "Replacing changes every issue that links the entry.")
    box = QMessageBox(QMessageBox.Icon.Warning, "Library entry changed elsewhere", text, parent=parent)
    box.setInformativeText(detail)
    for label, choice, role in choices:
        button = box.addButton(label, role)
        button.setProperty("choice", choice)
        if choice == CANCEL:
            box.setEscapeButton(button)
        if choice in (SAVE_AS_NEW,) or (theirs is None and choice == REPLACE):
            box.setDefaultButton(button)
    return box


def _describe_entry(entry: LibraryEntry) -> str:
    tags = ", ".join(entry.tags) or "no tags"
    return f"“{entry.name}” ({tags}) — {entry.summary()}"


class LinkedBlockForms(QObject):
    """A linked block's form is read-only, with a banner to edit the library entry or detach the block.

    Its words belong to the library entry: typing there used to be silently thrown
    away. The form shows the entry's current content and follows it when the entry
    changes; a keystroke in it asks which of the two she means.
    """

    def __init__(self, feature: "LibraryFeature"):
        super().__init__(feature)
        self.feature = feature
        self.panel = feature.window.editor
        hub = feature.hub
        self.panel.shown_issue_filters.append(lambda issue: resolve_linked(issue, hub.library)[0])
        self.panel.form_shown.connect(self.update)
        self._asking = False

    def library_changed(self) -> None:
        """An entry changed (here, in another window or on disk): the form shows its new content at once."""
        self.panel.refresh()
        self.update()

    def update(self, *_) -> None:
        """Bring the shown form in line with the block: read-only with the banner while linked, editable once not."""
        form = self.panel.form
        if form is None:
            return
        kind, item_id = self.panel.current_item
        document = self.feature.window.document
        linked = kind == BLOCK and _is_linked(document.issue, item_id)
        banner = getattr(form, "link_banner", None)
        if linked and banner is None:
            banner = form.link_banner = LinkBanner(form)
            banner.edit_button.clicked.connect(lambda: self.choose(EDIT_ENTRY))
            banner.detach_button.clicked.connect(lambda: self.choose(DETACH))
            form.layout().insertWidget(1, banner)
        if banner is not None:
            banner.setVisible(linked)
            if linked:
                block = edits.find_block(document.issue, item_id)
                entry = self.feature.hub.library.get(block.library_entry)
                banner.show_entry(entry.name if entry else None)
        for bound in form.fields.values():
            _set_read_only(bound, linked)
            if linked and not bound.editor.property("linkWatched"):
                bound.editor.setProperty("linkWatched", True)
                for widget in _typing_targets(bound.editor):
                    widget.installEventFilter(self)

    def choose(self, choice: str, field: str | None = None) -> QWidget | None:
        """Detach the block, or open its entry; returns the widget now editing *field*, if any."""
        kind, block_id = self.panel.current_item
        if kind != BLOCK or not _is_linked(self.feature.window.document.issue, block_id):
            return None
        fields = None
        if choice == DETACH:
            self.feature.detach_selected()
            fields = self.panel.form.fields if self.panel.form else None
        elif choice == EDIT_ENTRY:
            block = edits.find_block(self.feature.window.document.issue, block_id)
            editor = self.feature.edit_entry(block.library_entry)
            fields = editor.editor.form.fields if editor is not None and editor.editor.form else None
        if not fields or field not in fields:
            return None
        fields[field].editor.setFocus()
        target = _typing_targets(fields[field].editor)[-1]
        if choice == EDIT_ENTRY and isinstance(target, QLineEdit):
            target.end(False)  # in the entry's own field the key she typed follows its text
        return target

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and not self._asking and _is_typing(event) \
                and self.panel.current_item[0] == BLOCK \
                and _is_linked(self.feature.window.document.issue, self.panel.current_item[1]):
            field = next((name for name, bound in self.panel.form.fields.items()
                          if watched is bound.editor or watched in _typing_targets(bound.editor)), None)
            self._asking = True
            try:
                choice = ask_linked_edit(self.feature.window, self._entry_name())
            finally:
                self._asking = False
            if choice == CANCEL:
                return True
            target = self.choose(choice, field)
            if target is not None:  # what she typed goes into the field she now edits
                QApplication.sendEvent(target, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text()))
            return True
        return super().eventFilter(watched, event)

    def _entry_name(self) -> str:
        block = edits.find_block(self.feature.window.document.issue, self.panel.current_item[1])
        entry = self.feature.hub.library.get(block.library_entry)
        return entry.name if entry else "a library entry that cannot be found"


class LinkBanner(QFrame):
    """Says the block belongs to a library entry, with the two ways to change it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("linkBanner")
        self.setStyleSheet("#linkBanner{background:#ecfdf5;border:1px solid #0f766e;border-radius:4px;}")
        icon = QLabel()
        icon.setPixmap(linked_mark().pixmap(24, 24))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.edit_button = QPushButton("Edit the library &entry…")
        self.detach_button = QPushButton("De&tach to edit here")
        self.edit_button.setToolTip("Change the entry: this block and every issue linking it follow")
        self.detach_button.setToolTip("Make this block an ordinary copy you can edit; it stops following the entry")
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.detach_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.text, 1)
        layout.addLayout(top)
        layout.addLayout(buttons)

    def show_entry(self, name: str | None) -> None:
        if name is None:
            self.text.setText("This block is linked to a library entry that cannot be found, so it shows the "
                              "copy saved in the issue. Detach it to edit it here.")
            self.edit_button.setEnabled(False)
        else:
            self.text.setText(f"This block shows the library entry <b>“{name}”</b>, so its fields cannot be "
                              "changed here. Edit the entry to change it in every issue that links it, or "
                              "detach this block to change it in this issue only.")
            self.edit_button.setEnabled(True)
        self.setAccessibleName(self.text.text())


def ask_linked_edit(parent: QWidget | None, entry_name: str) -> str:
    """EDIT_ENTRY, DETACH or CANCEL: asked when she types into a linked block."""
    box = QMessageBox(QMessageBox.Icon.Question, "Linked block",
                      f"This block shows the library entry “{entry_name}”. What would you like to change?",
                      parent=parent)
    box.setInformativeText("Editing the entry changes it in every issue that links it. Detaching makes this "
                           "block an ordinary copy you can edit here.")
    for label, choice, role in (("&Edit the library entry…", EDIT_ENTRY, QMessageBox.ButtonRole.AcceptRole),
                                ("&Detach to edit here", DETACH, QMessageBox.ButtonRole.ActionRole),
                                ("Cancel", CANCEL, QMessageBox.ButtonRole.RejectRole)):
        button = box.addButton(label, role)
        button.setProperty("choice", choice)
        if choice == CANCEL:
            box.setEscapeButton(button)
            box.setDefaultButton(button)
    box.exec()
    clicked = box.clickedButton()
    return (clicked.property("choice") if clicked is not None else None) or CANCEL


def _typing_targets(editor: QWidget) -> list[QWidget]:
    """The widgets that receive keys for a field (a rich text field types into its inner text box)."""
    inner = getattr(editor, "text", None)
    return [editor, inner] if isinstance(inner, QWidget) else [editor]


def _set_read_only(bound, read_only: bool) -> None:
    for widget in _typing_targets(bound.editor):
        if hasattr(widget, "setReadOnly"):
            if widget.isReadOnly() != read_only:
                widget.setReadOnly(read_only)
                palette = widget.palette()  # a read-only field looks it: the window's grey, not white
                role = QPalette.ColorRole.Window if read_only else QPalette.ColorRole.Base
                palette.setColor(QPalette.ColorRole.Base, QApplication.palette().color(role))
                widget.setPalette(palette)
        elif widget is bound.editor:
            widget.setEnabled(not read_only)
    for button in bound.widget.findChildren(QAbstractButton):  # Choose…, colour swatches, formatting buttons
        button.setEnabled(not read_only)
    toolbar = getattr(bound.editor, "toolbar", None)
    if toolbar is not None:
        toolbar.setEnabled(not read_only)


def _is_typing(event: QKeyEvent) -> bool:
    """A key that would change the text: a character, Backspace, Delete, Enter — not moving or copying."""
    if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier):
        return event.key() in (Qt.Key.Key_V, Qt.Key.Key_X)  # paste and cut change the text too
    if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return True
    return bool(event.text()) and event.text().isprintable()


class EntryEditor(QDialog):
    """A small window editing one entry with the same outline and forms as an issue.

    The entry's content lives in a scratch IssueDocument while it is edited, so
    undo and the block editors work as they do in the main window. It says
    which issues use the entry, and warns when another window changes the entry
    while it is open (Save then merges, or asks).
    """

    def __init__(self, entry: LibraryEntry, feature: "LibraryFeature", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Library entry — {entry.name}")
        self.setModal(False)
        self.resize(720, 480)
        self.entry = entry
        self.feature = feature
        self.base_version = feature.hub.version(entry.id)  # what Save expects to find on disk
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
        used = feature.issues_using(entry.id)
        self.used_in = QLabel(("Used in: " + ", ".join(used) + ". Saving changes the linked blocks there.")
                              if used else "Not linked in any open or recent issue.")
        self.used_in.setWordWrap(True)
        self.used_in.setAccessibleName("Issues that use this entry")
        form.addRow(self.used_in)
        self.changed_elsewhere = QLabel(
            "⚠ This entry was changed in another window since you opened it. Save keeps their changes "
            "where you changed something else, and asks if you both changed the same thing.")
        self.changed_elsewhere.setWordWrap(True)
        self.changed_elsewhere.setStyleSheet("color:#92400e;")
        self.changed_elsewhere.hide()
        form.addRow(self.changed_elsewhere)
        feature.hub.changed.connect(self._on_library_changed)
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
        if self.feature.save_entry(self, self.edited_entry(), self.entry, self.base_version):
            super().accept()

    def _on_library_changed(self) -> None:
        self.changed_elsewhere.setVisible(self.feature.hub.version(self.entry.id) != self.base_version)
