"""The window's commands declared as data: which menu and group they sit in, their shortcut and icon.

The window places every action by its menu and group, whether it is one of its own or a
feature's, so menu order never depends on the order features are installed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QStyle

Std = QKeySequence.StandardKey
Icon = QStyle.StandardPixmap

# Menus in menu-bar order, each with its groups in order; separators fall between groups.
MENUS: dict[str, tuple[str, ...]] = {
    "&File": ("new", "open", "save", "send", "import", "organisation", "quit"),
    "&Edit": ("history", "clipboard", "structure", "library", "settings"),
    "&Insert": ("add", "library"),
    "&View": ("preview", "panels"),
    "&Help": ("help", "about"),
}


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    menu: str
    group: str
    slot: str | Callable[[], object]   # a window method's name, or a callable of the feature's
    shortcut: QKeySequence.StandardKey | str | None = None
    toolbar: bool = False
    tip: str = ""
    icon: QStyle.StandardPixmap | None = None
    checkable: bool = False


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "&New issue", "&File", "new", "new_issue", Std.New, True, "Start a blank issue", Icon.SP_FileIcon),
    ActionSpec("new_from_sample", "New from sa&mple", "&File", "new", "new_from_sample", None, False,
               "Start from the sample issue"),
    ActionSpec("open", "&Open…", "&File", "open", "open_file", Std.Open, True, "Open an issue",
               Icon.SP_DialogOpenButton),
    ActionSpec("save", "&Save", "&File", "save", "save", Std.Save, True, "Save the issue", Icon.SP_DialogSaveButton),
    ActionSpec("save_as", "Save &as…", "&File", "save", "save_as", Std.SaveAs),
    ActionSpec("render", "Save email as &HTML…", "&File", "send", "render_to_folder", None, False,
               "Write the email as HTML and plain text into a folder"),
    ActionSpec("quit", "&Quit", "&File", "quit", "close", Std.Quit),
    ActionSpec("undo", "&Undo", "&Edit", "history", "undo", Std.Undo, True, "Undo", Icon.SP_ArrowBack),
    ActionSpec("redo", "&Redo", "&Edit", "history", "redo", Std.Redo, True, "Redo", Icon.SP_ArrowForward),
    ActionSpec("cut", "Cu&t blocks", "&Edit", "clipboard", "cut_blocks", Std.Cut),
    ActionSpec("copy", "&Copy blocks", "&Edit", "clipboard", "copy_blocks", Std.Copy),
    ActionSpec("paste", "&Paste blocks", "&Edit", "clipboard", "paste_blocks", Std.Paste),
    ActionSpec("duplicate", "Dupl&icate", "&Edit", "structure", "duplicate", "Ctrl+D"),
    ActionSpec("delete", "&Delete", "&Edit", "structure", "delete_selected", Std.Delete),
    ActionSpec("move_up", "M&ove up", "&Edit", "structure", "move_up", "Alt+Up", False, "Move the selection up"),
    ActionSpec("move_down", "Move do&wn", "&Edit", "structure", "move_down", "Alt+Down", False,
               "Move the selection down"),
    ActionSpec("rename_section", "Re&name section", "&Edit", "structure", "rename_section", "F2"),
    ActionSpec("preview_desktop", "&Desktop", "&View", "preview", "preview_desktop", "Ctrl+1", checkable=True),
    ActionSpec("preview_mobile", "&Mobile", "&View", "preview", "preview_mobile", "Ctrl+2", checkable=True),
    ActionSpec("preview_side", "&Side by side", "&View", "preview", "preview_side", "Ctrl+3", checkable=True),
    ActionSpec("preview_dark", "D&ark mode", "&View", "preview", "toggle_dark", "Ctrl+Shift+D", checkable=True),
)
