"""Ctrl+K: the small dialog that adds, changes or removes a link on the selected words."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from composer.model.values import completed_address, url_problem


class LinkDialog(QDialog):
    """Asks for a web or e-mail address; an address that would not work is explained, not accepted."""

    REMOVE = 2  # result code: take the link off the words

    def __init__(self, parent: QWidget | None, address: str = "", words: str = ""):
        super().__init__(parent)
        self.setWindowTitle("Edit link" if address else "Add link")
        self.address = QLineEdit(address or "https://")
        self.address.setAccessibleName("Web or e-mail address")
        self.address.selectAll()
        self.words = QLineEdit(words)
        self.words.setAccessibleName("Words to show")
        self.words.setPlaceholderText("The address itself")
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#b91c1c;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Add link" if not address else "&Save link")
        if address:
            remove = buttons.addButton("&Remove link", QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.clicked.connect(lambda: self.done(self.REMOVE))
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Address:", self.address)
        if not words:
            form.addRow("&Words to show:", self.words)
        form.addRow(self.problem)
        form.addRow(buttons)
        self.setMinimumWidth(380)

    def url(self) -> str:
        return completed_address(self.address.text())  # "www.example.org" or an e-mail address as typed

    def _accept_if_valid(self) -> None:
        url = self.url()
        problem = "type a web address such as https://www.example.org" if url in ("", "https://") else url_problem(url)
        if problem:
            self.problem.setText(problem[0].upper() + problem[1:] + ".")
            self.problem.show()
            self.address.setFocus()
            return
        self.accept()
