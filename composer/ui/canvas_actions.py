"""The block controls and the "+" in the preview do what the outline and the menus do.

A control in the page selects its block in the outline, then runs the same
window command as the Edit menu (move, duplicate, save to library) or Add
block, so a block handled in the canvas behaves exactly like one handled in
the outline, with one undo step each.
"""

from __future__ import annotations

from composer.model import edits

from .outline import BLOCK


def install(window) -> None:
    window.preview.block_action.connect(lambda block_id, action: _act(window, block_id, action))
    window.preview.block_add_requested.connect(lambda after_id, type_name: _add(window, after_id, type_name))


def _act(window, block_id: str, action: str) -> None:
    try:
        edits.locate_block(window.document.issue, block_id)
    except edits.NotFound:
        return
    window.outline.select_item(BLOCK, block_id)
    if action == "up":
        window.move_up()
    elif action == "down":
        window.move_down()
    elif action == "duplicate":
        window.duplicate()
    elif action == "delete":
        # Not window.delete_selected: that one leaves text fields' Delete key alone, and focus is in the page.
        s_index, b_index = edits.locate_block(window.document.issue, block_id)
        blocks = window.document.issue.sections[s_index].blocks
        window.document.edit("Delete block", edits.remove_block, block_id)
        neighbour = blocks[b_index + 1] if b_index + 1 < len(blocks) else (blocks[b_index - 1] if b_index else None)
        if neighbour is not None:
            window.outline.select_item(BLOCK, neighbour.id)
    elif action == "library":
        window.actions_by_name["library_save"].trigger()


def _add(window, after_id: str, type_name: str) -> None:
    try:
        edits.locate_block(window.document.issue, after_id)
    except edits.NotFound:
        return
    window.outline.select_item(BLOCK, after_id)
    window.add_block(type_name)
