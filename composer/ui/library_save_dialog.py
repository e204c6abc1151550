"""Save to library: the name and tags of a new entry, and whether the selection will follow it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget


class SaveToLibraryDialog(QDialog):
    """Asks for a name and tags for a new library entry, and says whether the selection will follow it."""

    def __init__(self, default_name: str, what: str = "block", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Save to library")
        self.setMinimumWidth(440)  # the title and the note stay whole
        self.what = what
        self.name = QLineEdit(default_name)
        self.name.setAccessibleName("Entry name")
        self.tags = QLineEdit()
        self.tags.setPlaceholderText("e.g. footer, contact")
        self.tags.setAccessibleName("Tags, separated by commas")
        self.link_block = QCheckBox("&Link the block here to the new entry")
        self.link_block.setToolTip("Then it shows the entry's content, and changes when the entry is edited")
        self.link_block.setVisible(what == "block")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color:#52606d;")
        form = QFormLayout(self)
        form.addRow("&Name", self.name)
        form.addRow("&Tags", self.tags)
        form.addRow("", self.link_block)
        form.addRow(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.name.textChanged.connect(self._update_ok)
        self.link_block.toggled.connect(self._update_note)
        self._update_ok()
        self._update_note()

    def values(self) -> tuple[str, tuple[str, ...]]:
        tags = tuple(dict.fromkeys(tag.strip() for tag in self.tags.text().split(",") if tag.strip()))
        return self.name.text().strip(), tags

    def _update_ok(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(bool(self.name.text().strip()))

    def _update_note(self) -> None:
        if self.link_block.isChecked():
            text = ("The block here will be linked: it shows the entry's content, and editing the entry "
                    "changes it here and in every issue that links it.")
        elif self.what == "block":
            text = ("The block here stays as it is, not linked: later changes to the entry will not change it. "
                    "Tick the box to link it.")
        else:
            text = f"The {self.what} here stay{'s' if self.what == 'section' else ''} as {'it is' if self.what == 'section' else 'they are'}, not linked; inserting the entry later makes a copy."
        self.note.setText(text)
