"""The editor for a list of links: a small table of label, address and blurb."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget, QHeaderView

from composer.model import LinkItem
from composer.model.values import url_problem

from .fields import BoundField, Field

_COLUMNS = ("label", "url", "blurb")


class LinkItemsField(BoundField):
    def __init__(self, spec: Field, commit):
        super().__init__(spec, commit, QTableWidget(0, 3))
        table: QTableWidget = self.editor
        table.setHorizontalHeaderLabels(["Label", "Address", "One-line blurb"])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setMinimumHeight(150)
        table.itemChanged.connect(self._edited)
        add = QPushButton("Add link")
        remove = QPushButton("Remove link")
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(table)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        column.addLayout(row)
        self.widget = box

    def show_value(self, items: tuple[LinkItem, ...]) -> None:
        if self._items() == list(items):
            return
        table: QTableWidget = self.editor
        table.blockSignals(True)
        table.setRowCount(len(items))
        for row, item in enumerate(items):
            for column, name in enumerate(_COLUMNS):
                table.setItem(row, column, QTableWidgetItem(getattr(item, name)))
        table.blockSignals(False)

    def _items(self) -> list[LinkItem] | None:
        table: QTableWidget = self.editor
        items = []
        for row in range(table.rowCount()):
            values = {name: (table.item(row, col).text().strip() if table.item(row, col) else "")
                      for col, name in enumerate(_COLUMNS)}
            if url_problem(values["url"]):
                return None
            items.append(LinkItem(**values))
        return items

    def _edited(self, *_) -> None:
        items = self._items()
        if items is None:
            bad = next(p for r in range(self.editor.rowCount())
                       if (p := url_problem(self.editor.item(r, 1).text() if self.editor.item(r, 1) else "")))
            self._changed(None, bad)
        else:
            self._changed(tuple(items))

    def _add(self) -> None:
        table: QTableWidget = self.editor
        table.insertRow(table.rowCount())
        self._edited()

    def _remove(self) -> None:
        table: QTableWidget = self.editor
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())
            self._edited()
