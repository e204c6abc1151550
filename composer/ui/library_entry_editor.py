"""The library entry editor, and the question asked when its Save meets another window's change.

An entry is edited in a small window of its own with the same outline and
forms as an issue; saving it changes every linked block. Edits made to the
entry elsewhere meanwhile are merged, or, when both changed the same thing,
the coordinator chooses whose to keep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QMessageBox, QSplitter, \
    QVBoxLayout, QWidget

from composer.model import Issue, Section
from composer.model.library import LibraryEntry

from .document import IssueDocument
from .editors.panel import EditorPanel
from .outline import BLOCK, SECTION, OutlineModel, OutlineView

if TYPE_CHECKING:
    from .library_ui import LibraryFeature

REPLACE, KEEP_THEIRS, SAVE_AS_NEW, CANCEL = "replace", "keep_theirs", "save_as_new", "cancel"


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
