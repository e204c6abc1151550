"""Changing the issue's shape from the outline: add, duplicate, delete, move, rename, cut, copy and paste.

After each change the outline selects what a coordinator expects to work on next: the new
block (with the keyboard in its first field), the neighbour of what was deleted, what moved.
"""

from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QMimeData, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox

from composer.model import BLOCK_TITLES, BLOCK_TYPES, SECTION_KIND_TITLES, Section
from composer.model import edits

from .new_blocks import new_block
from .outline import BLOCK, ISSUE, SECTION

BLOCKS_MIME = "application/x-newsletter-blocks"


class StructureCommands:
    def __init__(self, window):
        self.window = window

    @property
    def document(self):
        return self.window.document

    @property
    def outline(self):
        return self.window.outline

    # --- adding ---------------------------------------------------------------------------------

    def add_section(self, kind: str) -> None:
        current_kind, item_id = self.outline.current_item()
        issue = self.document.issue
        index = len(issue.sections)
        if current_kind == SECTION:
            index = edits.locate_section(issue, item_id) + 1
        elif current_kind == BLOCK:
            index = edits.locate_block(issue, item_id)[0] + 1
        section = Section(kind=kind, title="" if kind == "custom" else SECTION_KIND_TITLES[kind])
        self.document.insert_section(index, section, f"Add {SECTION_KIND_TITLES[kind]} section")
        self.outline.select_item(SECTION, section.id)
        self.window.editor.focus_first_field()
        QTimer.singleShot(0, self.window.editor.focus_first_field)

    def add_block(self, type_name: str) -> None:
        issue = self.document.issue
        block = new_block(type_name, issue.send_date or issue.issue_date)
        self.insert_after_selection([block], f"Add {BLOCK_TITLES[type_name].lower()}")
        self.outline.select_item(BLOCK, block.id)
        # What she types next goes into the new block (after the menu that asked has closed and
        # handed the keyboard back to where it was).
        self.window.editor.focus_first_field()
        QTimer.singleShot(0, self.window.editor.focus_first_field)

    def insert_after_selection(self, blocks, description: str) -> None:
        kind, item_id = self.outline.current_item()
        issue = self.document.issue
        if kind == BLOCK:
            s_index, b_index = edits.locate_block(issue, item_id)
            self.document.insert_blocks(issue.sections[s_index].id, b_index + 1, blocks, description)
        elif kind == SECTION:
            self.document.insert_blocks(item_id, len(edits.find_section(issue, item_id).blocks), blocks, description)
        else:
            if not issue.sections:
                section = Section(kind="custom", title="")
                self.document.insert_section(0, section)
                issue = self.document.issue
            last = issue.sections[-1]
            self.document.insert_blocks(last.id, len(last.blocks), blocks, description)

    def step_history(self, step) -> None:
        """Undo or redo, then select what came back or changed so she sees it; when a step only took
        blocks away (a redone Delete), the neighbour of the selected one, as Delete itself does."""
        issue = self.document.issue
        before = {block.id: block for _, block in issue.all_blocks()}
        selected = self.outline.current_item()
        step()
        after = {block.id: block for _, block in self.document.issue.all_blocks()}
        touched = [i for i, block in after.items() if before.get(i) != block]
        if QApplication.focusWidget() not in (self.outline, None):
            return
        if touched:
            self.outline.select_item(BLOCK, touched[0])
        elif selected[0] == BLOCK and selected[1] in before and selected[1] not in after:
            self.outline.select_item(*_neighbour_after_delete(issue, [selected]))

    # --- removing, copying, moving --------------------------------------------------------------

    def delete_selected(self) -> None:
        window = self.window
        if not self.outline.hasFocus() and window.focusWidget() is not None and window.focusWidget() is not self.outline:
            return  # Delete in a text field deletes text, not blocks
        issue = self.document.issue
        items = [item for item in self.outline.selected_items() if item[0] != ISSUE]
        if not items:
            return
        neighbour = _neighbour_after_delete(issue, items)
        for kind, item_id in items:
            try:
                issue = edits.remove_section(issue, item_id) if kind == SECTION else edits.remove_block(issue, item_id)
            except edits.NotFound:
                continue  # a block inside a section removed just before
        self.document.apply("Delete" if len(items) > 1 else f"Delete {items[0][0]}", issue)
        self.outline.select_item(*neighbour)

    def duplicate(self) -> None:
        kind, item_id = self.outline.current_item()
        issue = self.document.issue
        if kind == BLOCK:
            s_index, b_index = edits.locate_block(issue, item_id)
            copy = edits.copy_with_new_ids(issue.sections[s_index].blocks[b_index])
            self.document.insert_blocks(issue.sections[s_index].id, b_index + 1, [copy], "Duplicate block")
            self.outline.select_item(BLOCK, copy.id)
        elif kind == SECTION:
            index = edits.locate_section(issue, item_id)
            copy = edits.copy_section_with_new_ids(issue.sections[index])
            self.document.insert_section(index + 1, copy, "Duplicate section")
            self.outline.select_item(SECTION, copy.id)

    def move(self, step: int) -> None:
        kind, item_id = self.outline.current_item()
        issue = self.document.issue
        if kind == SECTION:
            target = edits.locate_section(issue, item_id) + step
            if not 0 <= target < len(issue.sections):
                return
            self.document.edit("Move section", edits.move_section, item_id, target + (1 if step > 0 else 0))
        elif kind == BLOCK:
            place = _block_target(issue, item_id, step)
            if place is None:
                return
            self.document.edit("Move block", edits.move_block, item_id, *place)
        else:
            return
        self.outline.select_item(kind, item_id)

    def rename_section(self) -> None:
        kind, item_id = self.outline.current_item()
        if kind == BLOCK:
            kind, item_id = SECTION, edits.section_of_block(self.document.issue, item_id).id
        if kind != SECTION:
            return
        section = edits.find_section(self.document.issue, item_id)
        title, ok = QInputDialog.getText(self.window, "Rename section", "Section title:", text=section.title)
        if ok:
            self.document.edit("Rename section", edits.update_section, item_id, title=title.strip())

    # --- clipboard ------------------------------------------------------------------------------

    def copy_blocks(self) -> bool:
        if not self.outline.hasFocus():
            widget = self.window.focusWidget()
            if widget is not None and hasattr(widget, "copy"):
                widget.copy()
            return False
        blocks = [edits.find_block(self.document.issue, i) for k, i in self.outline.selected_items() if k == BLOCK]
        if not blocks:
            return False
        data = QMimeData()
        data.setData(BLOCKS_MIME, QByteArray(json.dumps([b.model_dump(mode="json") for b in blocks]).encode()))
        data.setText("\n\n".join(b.summary() for b in blocks))
        QGuiApplication.clipboard().setMimeData(data)
        return True

    def cut_blocks(self) -> None:
        if self.copy_blocks():
            self.delete_selected()

    def paste_blocks(self) -> None:
        window = self.window
        data = QGuiApplication.clipboard().mimeData()
        if data is not None and any(handler(data) for handler in window.paste_handlers):
            return
        if not self.outline.hasFocus() or data is None or not data.hasFormat(BLOCKS_MIME):
            widget = window.focusWidget()
            if widget is not None and widget is not self.outline and hasattr(widget, "paste"):
                widget.paste()
            return
        try:
            raw = json.loads(bytes(data.data(BLOCKS_MIME)).decode())
            blocks = [edits.copy_with_new_ids(BLOCK_TYPES[item["type"]].model_validate(item)) for item in raw]
        except (ValueError, KeyError, TypeError):
            QMessageBox.warning(window, "Paste", "The clipboard holds blocks this version cannot read.")
            return
        self.insert_after_selection(blocks, "Paste blocks")
        self.outline.select_item(BLOCK, blocks[-1].id)

    # --- the outline's right-click menu ---------------------------------------------------------

    def context_menu(self, kind: str) -> QMenu:
        """The commands that apply to the item under the mouse, the same actions as the menus."""
        window = self.window
        menu = QMenu(window)
        menu.addMenu(window.add_block_menu)
        menu.addMenu(window.add_section_menu)
        if kind in (BLOCK, SECTION):
            menu.addSeparator()
            for name in ("duplicate", "move_up", "move_down", "delete"):
                menu.addAction(window.actions_by_name[name])
            if kind == SECTION:
                menu.addAction(window.actions_by_name["rename_section"])
            if "library_save" in window.actions_by_name:
                menu.addSeparator()
                menu.addAction(window.actions_by_name["library_save"])
        return menu


def _block_target(issue, block_id: str, step: int) -> tuple[str, int] | None:
    """Where a block goes one step up or down: past a section's edge it joins the next section."""
    s_index, b_index = edits.locate_block(issue, block_id)
    blocks = issue.sections[s_index].blocks
    if 0 <= b_index + step < len(blocks):
        return issue.sections[s_index].id, b_index + step + (1 if step > 0 else 0)
    if step < 0 and s_index > 0:  # past the top: end of the section above
        return issue.sections[s_index - 1].id, len(issue.sections[s_index - 1].blocks)
    if step > 0 and s_index + 1 < len(issue.sections):  # past the bottom: start of the next
        return issue.sections[s_index + 1].id, 0
    return None


def _neighbour_after_delete(issue, items) -> tuple[str, str | None]:
    """The item to select once *items* are gone: the next block, else the one before, else the section."""
    gone = {item_id for _, item_id in items}
    kind, item_id = items[-1]
    if kind == BLOCK:
        s_index, b_index = edits.locate_block(issue, item_id)
        section = issue.sections[s_index]
        if section.id not in gone:
            after = [b.id for b in section.blocks[b_index + 1:] if b.id not in gone]
            before = [b.id for b in section.blocks[:b_index] if b.id not in gone]
            if after or before:
                return BLOCK, (after[0] if after else before[-1])
            return SECTION, section.id
    index = edits.locate_section(issue, item_id) if kind == SECTION else edits.locate_block(issue, item_id)[0]
    remaining = [s.id for s in issue.sections if s.id not in gone]
    later = [s.id for s in issue.sections[index + 1:] if s.id not in gone]
    if later:
        return SECTION, later[0]
    return (SECTION, remaining[-1]) if remaining else (ISSUE, None)
