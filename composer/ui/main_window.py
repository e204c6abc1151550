"""The main window: a thin frame that wires the outline, the editor and the preview together.

Files, structure edits and features live in their own modules; the window offers them a small
public service: replace the document, ask before discarding, insert after the selection, the
last folder used, and a place for their actions by menu and group.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMimeData, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication, QDialog, QDockWidget, QMainWindow, QMenu, QSplitter, QToolBar, QToolButton, QWidget,
)

from composer.model import BLOCK_TITLES, BLOCK_TYPES, SECTION_KIND_TITLES, Issue

from . import safety_ui as safety
from .actions import ACTIONS, MENUS, ActionSpec
from .document import IssueDocument
from .editors.panel import EditorPanel
from .features import install_features
from .file_commands import FileCommands, blank_issue
from .icons import icon_for
from .outline import BLOCK, OutlineModel, OutlineView
from .preview import DESKTOP, MOBILE, SIDE_BY_SIDE, PreviewPanel
from .screen_fit import available_area, fit_to_screen, keep_on_screen
from .structure_commands import StructureCommands

__all__ = ["MainWindow", "blank_issue"]


class MainWindow(QMainWindow):
    # Emitted whenever a new document replaces the current one (New, Open, recovery…).
    document_replaced = Signal(object)

    def __init__(self, issue: Issue, path: Path | None = None, settings: QSettings | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.resize(1280, 800)
        self.actions_by_name: dict[str, QAction] = {}
        # Features (export, checks, library…) may claim a paste before the default block paste.
        self.paste_handlers: list[Callable[[QMimeData], bool]] = []
        # Features may bring the issue up to date before it is written (e.g. linked blocks' snapshots).
        self.save_preparers: list[Callable[[Issue], Issue]] = []
        # A feature's word about the open file for the title bar, e.g. "read-only" (see set_title_note).
        self.title_note = ""
        self.files = FileCommands(self)
        self.structure = StructureCommands(self)
        self._build_menus()
        self.replace_document(IssueDocument(issue, path))
        install_features(self)
        self._dock_below()
        self._restore_geometry()

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

    _set_document = replace_document  # the name features used before the service was public

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
        action = QAction(spec.text, self)
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setToolTip(spec.tip)
            action.setStatusTip(spec.tip)
        if spec.icon is not None:
            action.setIcon(self.style().standardIcon(spec.icon))
        action.setCheckable(spec.checkable)
        action.triggered.connect(getattr(self, spec.slot) if isinstance(spec.slot, str) else (lambda _=False, s=spec.slot: s()))
        self.place(action, spec.menu, spec.group)
        if spec.toolbar:
            self.toolbar.addAction(action)
        self.actions_by_name[spec.name] = action
        return action

    def menu(self, title: str) -> QMenu:
        """The menu with this title (e.g. "&File"), created in its place on the menu bar if missing."""
        for action in self.menuBar().actions():
            if action.menu() is not None and action.text() == title:
                return action.menu()
        order = list(MENUS)
        menu = QMenu(title, self)
        later = [a for a in self.menuBar().actions() if a.menu() is not None and a.text() in order
                 and title in order and order.index(a.text()) > order.index(title)]
        self.menuBar().insertMenu(later[0], menu) if later else self.menuBar().addMenu(menu)
        return menu

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
        self._step_history(self.document.undo_stack.undo)

    def redo(self) -> None:
        self._step_history(self.document.undo_stack.redo)

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

    def _build_menus(self) -> None:
        self.toolbar = QToolBar("Main")
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setMovable(False)
        self.addToolBar(self.toolbar)
        for title in MENUS:
            self.menu(title)
        for spec in ACTIONS:
            self.add_action(spec)
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(lambda: self.files.fill_recent_menu(self.recent_menu))
        self.place(self.recent_menu.menuAction(), "&File", "open")
        self.add_section_menu = QMenu("Add &section", self)
        for kind, title in SECTION_KIND_TITLES.items():
            self.add_section_menu.addAction(icon_for("section"), title, lambda k=kind: self.add_section(k))
        self.add_block_menu = QMenu("Add &block", self)
        for type_name in BLOCK_TYPES:
            self.add_block_menu.addAction(icon_for(type_name), BLOCK_TITLES[type_name], lambda t=type_name: self.add_block(t))
        for menu, label, shortcut in ((self.add_section_menu, "Add section", "Ctrl+Shift+N"),
                                      (self.add_block_menu, "Add block", "Ctrl+Shift+B")):
            self.place(menu.menuAction(), "&Insert", "add")
            button = QToolButton()
            button.setText(label)
            button.setIcon(icon_for("section" if menu is self.add_section_menu else "text"))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setAccessibleName(label)
            button.setToolTip(f"{label} ({shortcut})")
            self.toolbar.addWidget(button)
            opener = QAction(label, self, shortcut=QKeySequence(shortcut))
            opener.triggered.connect(lambda _=False, b=button: b.showMenu())
            self.addAction(opener)

    def place(self, action: QAction, menu_title: str, group: str) -> None:
        """Put *action* at the end of its group in its menu; groups keep their order, separators between them."""
        menu = self.menu(menu_title)
        groups = MENUS.get(menu_title, (group,))
        action.setProperty("nc_group", groups.index(group) if group in groups else len(groups) - 1)
        # Anything added to the menu by hand counts as the group before the last (Quit stays last).
        placed = [a for a in menu.actions() if not a.isSeparator()] + [action]
        ranked = sorted(enumerate(placed), key=lambda pair: (_rank(pair[1], len(groups)), pair[0]))
        for old in menu.actions():  # take them off without deleting them (clear() deletes some)
            menu.removeAction(old)
            if old.isSeparator():
                old.deleteLater()
        previous = None
        for _, item in ranked:
            rank = _rank(item, len(groups))
            if previous is not None and rank != previous:
                menu.addSeparator()
            menu.addAction(item)
            previous = rank

    # --- reactions ------------------------------------------------------------------------------

    def _on_outline_selection(self, kind: str, item_id: str | None) -> None:
        self.editor.show_item(kind, item_id)
        first = self.editor.first_field()
        if first is not None:  # Tab from the outline goes straight into the form
            QWidget.setTabOrder(self.outline, first.focusProxy() or first)
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

    def _step_history(self, step) -> None:
        """Undo or redo, then select what came back or changed so she sees it."""
        before = {block.id: block for _, block in self.document.issue.all_blocks()}
        step()
        after = {block.id: block for _, block in self.document.issue.all_blocks()}
        touched = [i for i, block in after.items() if before.get(i) != block]
        if touched and QApplication.focusWidget() in (self.outline, None):
            self.outline.select_item(BLOCK, touched[0])

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

    def _dock_below(self) -> None:
        """Panels such as Checks and the Library share one row of tabs below, so they never widen the window."""
        docks = self.findChildren(QDockWidget)
        for dock in docks:
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        for dock in docks[1:]:
            self.tabifyDockWidget(docks[0], dock)
        if docks:
            docks[0].raise_()

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")  # which docks are shown, and where
        if state is not None:
            self.restoreState(state)
            if self.minimumSizeHint().width() > available_area(self).width():
                self._dock_below()  # a layout saved on a bigger screen
        fit_to_screen(self)
        self._show_mode()

    def childEvent(self, event) -> None:
        super().childEvent(event)
        if (event.added() or event.polished()) and isinstance(event.child(), QDialog):
            keep_on_screen(event.child())  # every dialog opens inside the screen, scrolling inside if it must

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_splitter_restored", False):
            self._splitter_restored = True
            fit_to_screen(self)  # again, now that the window frame's size is known
            sizes = self.settings.value("window/splitter")  # after the window has its real size
            if sizes is not None:
                self.splitter.restoreState(sizes)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_discard():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/state", self.saveState())
        self.preview.shutdown()
        safety.close_cleanly(self)
        event.accept()


def _rank(action: QAction, group_count: int) -> float:
    rank = action.property("nc_group")
    return group_count - 1.5 if rank is None else rank
