"""The main window: a thin frame that wires the outline, the editor and the preview together.

Files (file_commands), structure edits (structure_commands), menus (menus), the saved
layout (window_state) and features (features) live in their own modules. The public
service features use:

- ``replace_document``, ``may_discard``, ``insert_after_selection``, ``last_folder``,
  ``new_issue_template``, ``issue_to_save``, ``set_title_note``, and ``document_replaced``;
- ``add_action(spec)``, ``place(action, menu, group)``, ``menu(title)``: actions by menu and group;
- ``actions_by_name``, ``toolbar``, ``add_block_menu``, ``add_section_menu``, ``recent_menu``;
- ``paste_handlers``, ``save_preparers`` and ``closing``: a feature's turn before a paste, a save, and
  the window closing (to stop its background work first).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QSplitter

from composer.model import Issue

from . import look, safety_ui as safety
from . import window_state
from .actions import ActionSpec
from .document import IssueDocument
from .editors.panel import EditorPanel
from .features import install_features
from .file_commands import FileCommands, blank_issue
from .menus import WindowMenus
from .outline import BLOCK, OutlineModel, OutlineView
from .preview import DESKTOP, MOBILE, SIDE_BY_SIDE, PreviewPanel
from .screen_fit import keep_on_screen
from .structure_commands import StructureCommands

__all__ = ["MainWindow", "blank_issue"]


class MainWindow(QMainWindow):
    # Emitted whenever a new document replaces the current one (New, Open, recovery…).
    document_replaced = Signal(object)

    def __init__(self, issue: Issue, path: Path | None = None, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.resize(1280, 800)
        # Features (export, checks, library…) may claim a paste before the default block paste.
        self.paste_handlers: list[Callable[[QMimeData], bool]] = []
        # Features may bring the issue up to date before it is written (e.g. linked blocks' snapshots).
        self.save_preparers: list[Callable[[Issue], Issue]] = []
        self.closing: list[Callable[[], None]] = []
        # A feature's word about the open file for the title bar, e.g. "read-only" (see set_title_note).
        self.title_note = ""
        self.files = FileCommands(self)
        self.structure = StructureCommands(self)
        self.menus = WindowMenus(self)
        self.actions_by_name: dict[str, QAction] = self.menus.actions_by_name
        self.toolbar = self.menus.toolbar
        self.recent_menu = self.menus.recent_menu
        self.add_section_menu, self.add_block_menu = self.menus.add_section_menu, self.menus.add_block_menu
        self.replace_document(IssueDocument(issue, path))
        install_features(self)
        look.apply(self)
        window_state.dock_below(self)
        window_state.restore(self)
        self._show_mode()

    # --- the public service features use ----------------------------------------------------------

    def replace_document(self, document: IssueDocument) -> None:
        """Show *document*; the panels are built once and then follow each new document."""
        first = not hasattr(self, "document")
        self.document = document
        if first:
            self._build_panels(document)
        else:
            self.outline_model.set_document(document)
            self.editor.set_document(document)
            self.preview.set_document(document)
        for signal in (document.clean_changed, document.path_changed, document.changed):
            signal.connect(lambda _: self._update_title())
        document.undo_stack.canUndoChanged.connect(self.actions_by_name["undo"].setEnabled)
        document.undo_stack.canRedoChanged.connect(self.actions_by_name["redo"].setEnabled)
        self.actions_by_name["undo"].setEnabled(False)
        self.actions_by_name["redo"].setEnabled(False)
        self.outline.setCurrentIndex(self.outline_model.index(0, 0))
        self.document_replaced.emit(document)
        self._update_title()


    def may_discard(self) -> bool:
        return self.files.may_discard()

    def last_folder(self) -> str:
        return self.files.last_folder()

    def insert_after_selection(self, blocks, description: str) -> None:
        self.structure.insert_after_selection(blocks, description)

    def new_issue_template(self) -> Issue:
        """A blank issue; features (the organisation's details) may dress it."""
        return blank_issue()

    def add_action(self, spec: ActionSpec) -> QAction:
        """Create an action from its declaration and place it in its menu group (and the toolbar)."""
        return self.menus.add_action(spec)

    def place(self, action: QAction, menu_title: str, group: str) -> None:
        """Put *action* at the end of its group in its menu (by the group's place, not by arrival)."""
        self.menus.place(action, menu_title, group)

    def menu(self, title: str) -> QMenu:
        """The menu with this title (e.g. "&File"), created in its place on the menu bar if missing."""
        return self.menus.menu(title)

    def set_title_note(self, note: str) -> None:
        """Say something about the open file in the title bar (the safety feature: "read-only", "opened anyway…")."""
        self.title_note = note
        self._update_title()

    # --- commands the action table names ----------------------------------------------------------

    def new_issue(self) -> None: self.files.new_issue()
    def new_from_sample(self) -> None: self.files.new_from_sample()
    def open_file(self, path=None) -> bool: return self.files.open_file(path)
    def save(self) -> bool: return self.files.save()
    def save_as(self, path=None) -> bool: return self.files.save_as(path)
    def render_to_folder(self) -> None: self.files.render_to_folder()
    def add_section(self, kind: str) -> None: self.structure.add_section(kind)
    def add_block(self, type_name: str) -> None: self.structure.add_block(type_name)
    def delete_selected(self) -> None: self.structure.delete_selected()
    def duplicate(self) -> None: self.structure.duplicate()
    def move_up(self) -> None: self.structure.move(-1)
    def move_down(self) -> None: self.structure.move(+1)
    def rename_section(self) -> None: self.structure.rename_section()
    def copy_blocks(self) -> bool: return self.structure.copy_blocks()
    def cut_blocks(self) -> None: self.structure.cut_blocks()
    def paste_blocks(self) -> None: self.structure.paste_blocks()
    def preview_desktop(self) -> None: self._set_mode(DESKTOP)
    def preview_mobile(self) -> None: self._set_mode(MOBILE)
    def preview_side(self) -> None: self._set_mode(SIDE_BY_SIDE)

    def toggle_dark(self) -> None:
        self.preview.set_dark(not self.preview.dark)
        self.actions_by_name["preview_dark"].setChecked(self.preview.dark)

    def undo(self) -> None:
        self.structure.step_history(self.document.undo_stack.undo)

    def redo(self) -> None:
        self.structure.step_history(self.document.undo_stack.redo)

    def bring_in_typing(self) -> None:
        """What was typed just now, in a form (waiting for a pause) or in the email (on its way from
        the page), goes into the document: before a save, and before asking whether to save."""
        self.editor.flush()
        self.preview.bring_in_typing()

    def issue_to_save(self) -> Issue:
        """The current issue as it should be written to its file."""
        issue = self.document.issue
        for prepare in self.save_preparers:
            issue = prepare(issue)
        return issue

    # --- building -------------------------------------------------------------------------------

    def _build_panels(self, document: IssueDocument) -> None:
        self.outline_model = OutlineModel(document)
        self.outline = OutlineView(self.outline_model)
        self.editor = EditorPanel(document)
        self.preview = PreviewPanel(document)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        for pane in (self.outline, self.editor, self.preview):
            self.splitter.addWidget(pane)
        self.splitter.setSizes([230, 400, 650])
        self.splitter.setChildrenCollapsible(False)
        # Small enough that outline, form and both previews fit 1280×720 at 125 % (1024 px across).
        self.outline.setMinimumWidth(150)
        self.editor.setMinimumWidth(250)
        self.setCentralWidget(self.splitter)
        self.outline.current_item_changed.connect(self._on_outline_selection)
        self.outline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.outline.customContextMenuRequested.connect(self._outline_context_menu)
        self.preview.block_clicked.connect(lambda block_id: self.outline.select_item(BLOCK, block_id))

    # --- reactions ------------------------------------------------------------------------------

    def _on_outline_selection(self, kind: str, item_id: str | None) -> None:
        self.editor.show_item(kind, item_id)
        if kind == BLOCK and item_id:
            self.preview.highlight_block(item_id)

    def _outline_context_menu(self, position: QPoint) -> None:
        index = self.outline.indexAt(position)
        if index.isValid():
            self.outline.setCurrentIndex(index)
        kind, _ = self.outline.current_item()
        menu = self.structure.context_menu(kind)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.outline.viewport().mapToGlobal(position))

    def _set_mode(self, mode: str) -> None:
        self.preview.set_mode(mode)
        self._show_mode()

    def _show_mode(self, *_args) -> None:
        for name, mode in (("preview_desktop", DESKTOP), ("preview_mobile", MOBILE), ("preview_side", SIDE_BY_SIDE)):
            self.actions_by_name[name].setChecked(self.preview.mode == mode)
        self.actions_by_name["preview_dark"].setChecked(self.preview.dark)

    def _update_title(self) -> None:
        marker = " •" if self.document.is_modified() else ""
        note = f" ({self.title_note})" if self.title_note else ""
        self.setWindowTitle(f"{self.document.display_name()}{marker}{note} — Newsletter Composer")

    # --- geometry and closing ---------------------------------------------------------------------

    def childEvent(self, event) -> None:
        super().childEvent(event)
        if (event.added() or event.polished()) and isinstance(event.child(), QDialog):
            keep_on_screen(event.child())  # every dialog opens inside the screen, scrolling inside if it must

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_splitter_restored", False):
            self._splitter_restored = True
            window_state.restore_panes(self)
            self.outline.setFocus()  # the keyboard starts in the outline, not on the first toolbar button

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_discard():
            event.ignore()
            return
        window_state.save(self)
        self.preview.shutdown()
        for stop in self.closing:
            stop()
        safety.close_cleanly(self)
        event.accept()

