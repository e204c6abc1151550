"""Linked blocks in the form: read-only, with a banner to edit the library entry or detach the block.

A linked block's words belong to its library entry, so the form shows the
entry's current content and follows it; a keystroke in it asks whether she
means to edit the entry or to detach the block and edit it here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QFrame, QHBoxLayout, QLabel, QLineEdit, QMessageBox, \
    QPushButton, QVBoxLayout, QWidget

from composer.model import Issue
from composer.model import edits
from composer.model.library import resolve_linked

from .link_badge import linked_mark
from .outline import BLOCK

if TYPE_CHECKING:
    from .library_ui import LibraryFeature

EDIT_ENTRY, DETACH, CANCEL = "edit_entry", "detach", "cancel"


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
        self.outline = feature.window.outline.model()
        self.outline.shown_issue_filters.append(lambda issue: resolve_linked(issue, hub.library)[0])
        self.outline.refresh()
        self.panel.form_shown.connect(self.update)
        self._asking = False

    def library_changed(self) -> None:
        """An entry changed (here, in another window or on disk): the form shows its new content at once."""
        self.panel.refresh()
        self.outline.refresh()
        self.update()

    def update(self, *_) -> None:
        """Bring the shown form in line with the block: read-only with the banner while linked, editable once not."""
        form = self.panel.form
        if form is None:
            return
        kind, item_id = self.panel.current_item
        document = self.feature.window.document
        linked = kind == BLOCK and is_linked(document.issue, item_id)
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
        if kind != BLOCK or not is_linked(self.feature.window.document.issue, block_id):
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
                and is_linked(self.feature.window.document.issue, self.panel.current_item[1]):
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


def is_linked(issue: Issue, block_id: str | None) -> bool:
    """Whether the block follows a library entry (False for no block, or one that is gone)."""
    try:
        return bool(block_id) and bool(edits.find_block(issue, block_id).library_entry)
    except edits.NotFound:
        return False


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
