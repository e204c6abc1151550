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

This module wires the feature into a window; the hub (library_hub), the dock
(library_dock), Save to library (library_save_dialog), the entry editor
(library_entry_editor) and linked blocks' forms (library_linked_blocks) each
live in a module of their own.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox, QWidget

from composer.model import ComposerError, Section
from composer.model import edits
from composer.model.blocks import new_id
from composer.model.library import LibraryEntry, detach, entry_from_blocks, entry_from_section, merge_entries, \
    resolve_linked
from composer.storage.library_store import StaleEntry
from composer.storage.library_usage import files_linking

from .document import IssueDocument
from .library_dock import ENTRY_MIME, LibraryDock
from .library_entry_editor import KEEP_THEIRS, REPLACE, SAVE_AS_NEW, EntryEditor, ask_stale_entry
from .library_hub import hub_for
from .library_linked_blocks import LinkedBlockForms, is_linked
from .library_save_dialog import SaveToLibraryDialog
from .outline import BLOCK, ISSUE, SECTION
from .render_worker import set_preview_preparer

_STATUS_MS = 5000


def install(window) -> None:
    window.library_feature = LibraryFeature(window)


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
        linked = kind == BLOCK and is_linked(self.window.document.issue, item_id)
        self.actions["library_detach"].setEnabled(linked)
        self.actions["library_edit_entry"].setEnabled(linked)
        self.actions["library_save"].setEnabled(kind != ISSUE)

    def _selected_linked_block(self):
        kind, item_id = self.window.outline.current_item()
        if kind != BLOCK or not is_linked(self.window.document.issue, item_id):
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
