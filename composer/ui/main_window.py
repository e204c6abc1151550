"""The main window: a thin frame that wires the outline, the editor and the preview together."""

from __future__ import annotations

import json
from pathlib import Path

from typing import Callable

from PySide6.QtCore import QByteArray, QMimeData, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog, QInputDialog, QMainWindow, QMenu, QMessageBox, QSplitter, QToolBar, QToolButton,
)

from composer.model import BLOCK_TITLES, BLOCK_TYPES, SECTION_KIND_TITLES, ComposerError, Issue, Section
from composer.model import edits
from composer.resources import SAMPLE_ISSUE
from composer.storage import IssueFileError, load_issue

from . import safety_ui as safety
from .actions import ACTIONS
from .document import IssueDocument
from .editors.panel import EditorPanel
from .features import install_features
from .outline import BLOCK, ISSUE, SECTION, OutlineModel, OutlineView
from .preview import DESKTOP, MOBILE, SIDE_BY_SIDE, PreviewPanel
from .new_blocks import new_block

BLOCKS_MIME = "application/x-newsletter-blocks"
FILE_FILTER = "Newsletter issues (*.newsletter)"
MAX_RECENT = 8


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
        self._build_actions()
        self._set_document(IssueDocument(issue, path))
        install_features(self)
        self._restore_geometry()

    def menu(self, title: str) -> QMenu:
        """The menu with this title (e.g. "&File"), created at the end of the menu bar if missing."""
        for action in self.menuBar().actions():
            if action.menu() is not None and action.text() == title:
                return action.menu()
        return self.menuBar().addMenu(title)

    # --- wiring ----------------------------------------------------------------------------------

    def _set_document(self, document: IssueDocument) -> None:
        """Show *document*; the panels are built once and then follow each new document."""
        first = not hasattr(self, "document")
        self.document = document
        if first:
            self._build_panels(document)
        else:
            self.outline_model.set_document(document)
            self.editor.set_document(document)
            self.preview.set_document(document)
        document.clean_changed.connect(lambda _: self._update_title())
        document.path_changed.connect(lambda _: self._update_title())
        document.changed.connect(lambda _: self._update_title())
        document.undo_stack.canUndoChanged.connect(self.actions_by_name["undo"].setEnabled)
        document.undo_stack.canRedoChanged.connect(self.actions_by_name["redo"].setEnabled)
        self.actions_by_name["undo"].setEnabled(False)
        self.actions_by_name["redo"].setEnabled(False)
        self.outline.setCurrentIndex(self.outline_model.index(0, 0))
        self.document_replaced.emit(document)
        self._update_title()

    def _build_panels(self, document: IssueDocument) -> None:
        self.outline_model = OutlineModel(document)
        self.outline = OutlineView(self.outline_model)
        self.editor = EditorPanel(document)
        self.preview = PreviewPanel(document)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.outline)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([230, 400, 650])
        self.splitter.setChildrenCollapsible(False)
        self.outline.setMinimumWidth(200)
        self.editor.setMinimumWidth(340)
        self.setCentralWidget(self.splitter)
        self.outline.current_item_changed.connect(self._on_outline_selection)
        self.preview.block_clicked.connect(lambda block_id: self.outline.select_item(BLOCK, block_id))

    def _build_actions(self) -> None:
        menus: dict[str, QMenu] = {}
        toolbar = QToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.setMovable(False)
        self.addToolBar(toolbar)
        for spec in ACTIONS:
            menu = menus.get(spec.menu) or menus.setdefault(spec.menu, self.menuBar().addMenu(spec.menu))
            action = QAction(spec.text, self)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            if spec.tip:
                action.setToolTip(spec.tip)
            action.triggered.connect(getattr(self, spec.slot))
            menu.addAction(action)
            self.actions_by_name[spec.name] = action
            if spec.toolbar:
                toolbar.addAction(action)
            if spec.name == "open":
                self.recent_menu = menu.addMenu("Open &recent")
                self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
            if spec.name == "render" or spec.name == "save_as":
                menu.addSeparator()
        edit_menu = menus["&Edit"]
        undo = QAction("&Undo", self, shortcut=QKeySequence.StandardKey.Undo)
        redo = QAction("&Redo", self, shortcut=QKeySequence.StandardKey.Redo)
        undo.triggered.connect(lambda: self.document.undo_stack.undo())
        redo.triggered.connect(lambda: self.document.undo_stack.redo())
        first = edit_menu.actions()[0]
        edit_menu.insertAction(first, undo)
        edit_menu.insertAction(first, redo)
        edit_menu.insertSeparator(first)
        self.actions_by_name["undo"] = undo
        self.actions_by_name["redo"] = redo
        toolbar.addSeparator()
        toolbar.addAction(undo)
        toolbar.addAction(redo)
        toolbar.addSeparator()
        self.add_section_menu = QMenu("Add &section", self)
        for kind, title in SECTION_KIND_TITLES.items():
            self.add_section_menu.addAction(title, lambda k=kind: self.add_section(k))
        self.add_block_menu = QMenu("Add &block", self)
        for type_name in BLOCK_TYPES:
            self.add_block_menu.addAction(BLOCK_TITLES[type_name], lambda t=type_name: self.add_block(t))
        insert_menu = self.menuBar().addMenu("&Insert")
        insert_menu.addMenu(self.add_section_menu)
        insert_menu.addMenu(self.add_block_menu)
        for menu, label in ((self.add_section_menu, "Add section"), (self.add_block_menu, "Add block")):
            button = QToolButton()
            button.setText(label)
            button.setMenu(menu)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            button.setAccessibleName(label)
            toolbar.addWidget(button)

    # --- selection ------------------------------------------------------------------------------

    def _on_outline_selection(self, kind: str, item_id: str | None) -> None:
        self.editor.show_item(kind, item_id)
        if kind == BLOCK and item_id:
            self.preview.highlight_block(item_id)

    def _update_title(self) -> None:
        marker = " •" if self.document.is_modified() else ""
        note = f" ({self.title_note})" if self.title_note else ""
        self.setWindowTitle(f"{self.document.display_name()}{marker}{note} — Newsletter Composer")

    def set_title_note(self, note: str) -> None:
        """Say something about the open file in the title bar (the safety feature: "read-only", "opened anyway…")."""
        self.title_note = note
        self._update_title()

    # --- adding, removing, moving ---------------------------------------------------------------

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

    def add_block(self, type_name: str) -> None:
        issue = self.document.issue
        block = new_block(type_name, issue.send_date or issue.issue_date)
        self._insert_after_selection([block], f"Add {BLOCK_TITLES[type_name].lower()}")
        self.outline.select_item(BLOCK, block.id)

    def _insert_after_selection(self, blocks, description: str) -> None:
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

    def delete_selected(self) -> None:
        if not self.outline.hasFocus() and self.focusWidget() is not None and self.focusWidget() is not self.outline:
            return  # Delete in a text field deletes text, not blocks
        issue = self.document.issue
        items = [item for item in self.outline.selected_items() if item[0] != ISSUE]
        if not items:
            return
        for kind, item_id in items:
            try:
                issue = edits.remove_section(issue, item_id) if kind == SECTION else edits.remove_block(issue, item_id)
            except edits.NotFound:
                continue  # a block inside a section removed just before
        self.document.apply("Delete" if len(items) > 1 else f"Delete {items[0][0]}", issue)

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

    def move_up(self) -> None:
        self._move(-1)

    def move_down(self) -> None:
        self._move(+1)

    def _move(self, step: int) -> None:
        kind, item_id = self.outline.current_item()
        issue = self.document.issue
        if kind == SECTION:
            index = edits.locate_section(issue, item_id)
            target = index + step
            if 0 <= target < len(issue.sections):
                self.document.edit("Move section", edits.move_section, item_id, target + (1 if step > 0 else 0))
        elif kind == BLOCK:
            s_index, b_index = edits.locate_block(issue, item_id)
            blocks = issue.sections[s_index].blocks
            if 0 <= b_index + step < len(blocks):
                target_section, target = issue.sections[s_index].id, b_index + step + (1 if step > 0 else 0)
            elif step < 0 and s_index > 0:  # past the top: end of the section above
                target_section = issue.sections[s_index - 1].id
                target = len(issue.sections[s_index - 1].blocks)
            elif step > 0 and s_index + 1 < len(issue.sections):  # past the bottom: start of the next
                target_section, target = issue.sections[s_index + 1].id, 0
            else:
                return
            self.document.edit("Move block", edits.move_block, item_id, target_section, target)
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
        title, ok = QInputDialog.getText(self, "Rename section", "Section title:", text=section.title)
        if ok:
            self.document.edit("Rename section", edits.update_section, item_id, title=title.strip())

    # --- clipboard ------------------------------------------------------------------------------

    def copy_blocks(self) -> bool:
        if not self.outline.hasFocus():
            widget = self.focusWidget()
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
        data = QGuiApplication.clipboard().mimeData()
        if data is not None and any(handler(data) for handler in self.paste_handlers):
            return
        if not self.outline.hasFocus() or data is None or not data.hasFormat(BLOCKS_MIME):
            widget = self.focusWidget()
            if widget is not None and widget is not self.outline and hasattr(widget, "paste"):
                widget.paste()
            return
        try:
            raw = json.loads(bytes(data.data(BLOCKS_MIME)).decode())
            blocks = [edits.copy_with_new_ids(BLOCK_TYPES[item["type"]].model_validate(item)) for item in raw]
        except (ValueError, KeyError, TypeError):
            QMessageBox.warning(self, "Paste", "The clipboard holds blocks this version cannot read.")
            return
        self._insert_after_selection(blocks, "Paste blocks")
        self.outline.select_item(BLOCK, blocks[-1].id)

    # --- files ----------------------------------------------------------------------------------

    def new_issue(self) -> None:
        if self._may_discard():
            self._set_document(IssueDocument(blank_issue()))

    def new_from_sample(self) -> None:
        if self._may_discard():
            self._set_document(IssueDocument(load_issue(SAMPLE_ISSUE)))

    def open_file(self, path: str | Path | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Open issue", self._last_folder(), FILE_FILTER)
            if not path:
                return False
        if not self._may_discard():
            return False
        claim = safety.claim_file(self, path)
        if claim is None:
            return False
        try:
            issue = load_issue(path)
        except IssueFileError as error:
            claim.release()
            QMessageBox.critical(self, "Cannot open the issue", str(error))
            return False
        self._set_document(IssueDocument(issue, Path(path)))
        safety.hold(self, claim)
        self._remember_recent(Path(path))
        return True

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self, path: str | Path | None = None) -> bool:
        if not path:
            suggested = str(Path(self._last_folder()) / f"{self.document.issue.slug()}.newsletter")
            path, _ = QFileDialog.getSaveFileName(self, "Save issue as", suggested, FILE_FILTER)
            if not path:
                return False
        path = Path(path)
        if path.suffix != ".newsletter":
            path = path.with_suffix(".newsletter")
        if self._write(path):
            self.document.set_path(path)
            self._remember_recent(path)
            return True
        return False

    def _write(self, path: Path) -> bool:
        try:
            handled = safety.save_issue_file(self, path)
        except (OSError, ComposerError) as error:
            QMessageBox.critical(self, "Cannot save the issue", safety.save_failure_message(path, error))
            return False
        if handled is not None:  # read-only, or changed on disk: the coordinator chose what happened instead
            return handled
        self.document.mark_saved()
        self.statusBar().showMessage(f"Saved {path.name}", 4000)
        return True

    def issue_to_save(self) -> Issue:
        """The current issue as it should be written to its file."""
        issue = self.document.issue
        for prepare in self.save_preparers:
            issue = prepare(issue)
        return issue

    def render_to_folder(self) -> None:
        from composer.export.email_files import write_email_files

        folder = QFileDialog.getExistingDirectory(self, "Render the email into", self._last_folder())
        if not folder:
            return
        try:
            paths = write_email_files(self.document.issue, Path(folder))
        except (OSError, ComposerError) as error:
            QMessageBox.critical(self, "Cannot write the email", f"Nothing was written to {folder}: {error}")
            return
        self.statusBar().showMessage(f"Wrote {' and '.join(p.name for p in paths)} to {folder}", 6000)

    def _may_discard(self) -> bool:
        """Ask Save / Discard / Cancel when there are unsaved changes; True means go ahead."""
        if not self.document.is_modified():
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", f"Save the changes to {self.document.display_name()}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def _last_folder(self) -> str:
        if self.document.path:
            return str(self.document.path.parent)
        return str(self.settings.value("files/last_folder", str(Path.home())))

    def _remember_recent(self, path: Path) -> None:
        recent = [p for p in self._recent_files() if p != str(path)]
        self.settings.setValue("files/recent", [str(path), *recent][:MAX_RECENT])
        self.settings.setValue("files/last_folder", str(path.parent))

    def _recent_files(self) -> list[str]:
        value = self.settings.value("files/recent", [])
        return [value] if isinstance(value, str) else list(value or [])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in self._recent_files():
            self.recent_menu.addAction(path, lambda p=path: self.open_file(p))
        if not self.recent_menu.actions():
            self.recent_menu.addAction("No recent issues").setEnabled(False)

    # --- view -----------------------------------------------------------------------------------

    def preview_desktop(self) -> None:
        self.preview.set_mode(DESKTOP)

    def preview_mobile(self) -> None:
        self.preview.set_mode(MOBILE)

    def preview_side(self) -> None:
        self.preview.set_mode(SIDE_BY_SIDE)
        outline, editor, preview = self.splitter.sizes()
        wanted = 1080  # a 640 px email beside a 375 px phone
        if preview < wanted:
            from_editor = min(wanted - preview, max(0, editor - self.editor.minimumWidth()))
            from_outline = min(wanted - preview - from_editor, max(0, outline - self.outline.minimumWidth()))
            self.splitter.setSizes([outline - from_outline, editor - from_editor, preview + from_editor + from_outline])

    def toggle_dark(self) -> None:
        self.preview.set_dark(not self.preview.dark)

    # --- geometry and closing ---------------------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")  # which docks are shown, and where
        if state is not None:
            self.restoreState(state)

    def _restore_splitter(self) -> None:
        sizes = self.settings.value("window/splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_splitter_restored", False):
            self._splitter_restored = True
            self._restore_splitter()  # after the window has its real size, or the panes are rescaled

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._may_discard():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/state", self.saveState())
        self.preview.shutdown()
        safety.close_cleanly(self)
        event.accept()


def blank_issue() -> Issue:
    return Issue(title="Newsletter", sections=(Section(kind="introduction", title="Introduction"),))
