"""The window's commands declared as data: menu, name, shortcut and the slot they call.

The main window builds its menus and toolbar from this table, so adding a
command is one line here and one method on the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    menu: str
    slot: str
    shortcut: QKeySequence.StandardKey | str | None = None
    toolbar: bool = False
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "&New issue", "&File", "new_issue", Std.New, True, "Start a blank issue"),
    ActionSpec("new_from_sample", "New from &sample", "&File", "new_from_sample", None, False, "Start from the sample issue"),
    ActionSpec("open", "&Open…", "&File", "open_file", Std.Open, True),
    ActionSpec("save", "&Save", "&File", "save", Std.Save, True),
    ActionSpec("save_as", "Save &as…", "&File", "save_as", Std.SaveAs),
    ActionSpec("render", "&Render email to folder…", "&File", "render_to_folder", "Ctrl+E", True,
               "Write the email as HTML and plain text"),
    ActionSpec("quit", "&Quit", "&File", "close", Std.Quit),
    ActionSpec("cut", "Cu&t blocks", "&Edit", "cut_blocks", Std.Cut),
    ActionSpec("copy", "&Copy blocks", "&Edit", "copy_blocks", Std.Copy),
    ActionSpec("paste", "&Paste blocks", "&Edit", "paste_blocks", Std.Paste),
    ActionSpec("duplicate", "D&uplicate", "&Edit", "duplicate", "Ctrl+D"),
    ActionSpec("delete", "&Delete", "&Edit", "delete_selected", Std.Delete),
    ActionSpec("move_up", "Move &up", "&Edit", "move_up", "Alt+Up", False, "Move the selection up"),
    ActionSpec("move_down", "Move do&wn", "&Edit", "move_down", "Alt+Down", False, "Move the selection down"),
    ActionSpec("rename_section", "&Rename section", "&Edit", "rename_section", "F2"),
    ActionSpec("preview_desktop", "&Desktop", "&View", "preview_desktop", "Ctrl+1"),
    ActionSpec("preview_mobile", "&Mobile", "&View", "preview_mobile", "Ctrl+2"),
    ActionSpec("preview_side", "&Side by side", "&View", "preview_side", "Ctrl+3"),
    ActionSpec("preview_dark", "D&ark mode", "&View", "toggle_dark", "Ctrl+Shift+D"),
)
