"""The editor for a block's list of entries (links, social profiles): a small table built from the entry's roles.

Each column is one field the entry type declares (its role's title as the header); a
field with fixed choices is a drop-down, a link is checked as it is typed. Pictures are
not columns: an entry type that has one derives it (a social profile's icon).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from composer.model.roles import Entries, Link, Picture, Plain
from composer.model.values import completed_address, url_problem

from .fields import BoundField, Commit, Field


class EntriesField(BoundField):
    def __init__(self, spec: Field, commit: Commit, declared: Entries):
        self._columns = [(name, role) for name, role in declared.of.roles.items() if not isinstance(role, Picture)]
        self._kept: list[dict[str, Any]] = []  # the entries as the model last had them
        super().__init__(spec, commit, QTableWidget(0, len(self._columns)))
        table: QTableWidget = self.editor
        table.setHorizontalHeaderLabels([(role.title or name).capitalize() for name, role in self._columns])
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        table.verticalHeader().hide()
        table.setMinimumHeight(150)
        table.itemChanged.connect(self._edited)
        noun = declared.title or "entry"
        add = QPushButton(f"Add {noun}")
        remove = QPushButton(f"Remove {noun}")
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

    def show_value(self, entries: tuple) -> None:
        shown = [{name: getattr(entry, name) for name, _ in self._columns} for entry in entries]
        self._kept = shown
        if self._rows() == shown or self.editor.property("invalid"):
            return  # an address being mended stays as she typed it
        table: QTableWidget = self.editor
        table.blockSignals(True)
        table.setRowCount(len(shown))
        for row, values in enumerate(shown):
            for column, (name, role) in enumerate(self._columns):
                self._show_cell(row, column, role, values[name])
        table.blockSignals(False)

    def _show_cell(self, row: int, column: int, role, value: Any) -> None:
        table: QTableWidget = self.editor
        if isinstance(role, Plain) and role.choices:
            choice = table.cellWidget(row, column)
            if not isinstance(choice, QComboBox):
                choice = QComboBox()
                for stored, words in role.choices.items():
                    choice.addItem(words, stored)
                choice.setAccessibleName(f"{(role.title or 'choice').capitalize()}, row {row + 1}")
                choice.currentIndexChanged.connect(self._edited)
                table.setCellWidget(row, column, choice)
            choice.blockSignals(True)
            choice.setCurrentIndex(max(0, choice.findData(value)))
            choice.blockSignals(False)
        else:
            table.setItem(row, column, QTableWidgetItem(str(value)))

    def _rows(self) -> list[dict[str, Any]]:
        table: QTableWidget = self.editor
        rows = []
        for row in range(table.rowCount()):
            values = {}
            for column, (name, role) in enumerate(self._columns):
                choice = table.cellWidget(row, column)
                if isinstance(choice, QComboBox):
                    values[name] = choice.currentData()
                else:
                    item = table.item(row, column)
                    text = item.text().strip() if item else ""
                    # An address as people type it ("www.example.org/agm") is kept whole, as in a Link box.
                    values[name] = completed_address(text) if isinstance(role, Link) else text
            rows.append(values)
        return rows

    def _edited(self, *_) -> None:
        rows = self._rows()
        refused = {(row, name): problem for row, values in enumerate(rows) for name, role in self._columns
                   if isinstance(role, Link) and (problem := url_problem(values[name]))}
        if refused:
            # Everything else typed in the table is kept; a refused address keeps its last good one.
            kept = self._kept
            for row, name in refused:
                rows[row][name] = kept[row][name] if row < len(kept) else ""
            self.editor.setProperty("invalid", True)
            self._commit(tuple(rows))
            self._changed(None, next(iter(refused.values())))
            return
        self._show_whole_addresses(rows)
        self._changed(tuple(rows))

    def _show_whole_addresses(self, rows: list[dict[str, Any]]) -> None:
        """A cell is edited until Enter: once it is left, it shows the whole address that is kept."""
        table: QTableWidget = self.editor
        table.blockSignals(True)
        for row, values in enumerate(rows):
            for column, (name, role) in enumerate(self._columns):
                item = table.item(row, column)
                if isinstance(role, Link) and item is not None and item.text().strip() != values[name]:
                    item.setText(values[name])
        table.blockSignals(False)

    def _add(self) -> None:
        table: QTableWidget = self.editor
        row = table.rowCount()
        table.blockSignals(True)
        table.insertRow(row)
        for column, (name, role) in enumerate(self._columns):
            if isinstance(role, Plain) and role.choices:
                self._show_cell(row, column, role, next(iter(role.choices)))
        table.blockSignals(False)
        self._edited()

    def _remove(self) -> None:
        table: QTableWidget = self.editor
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())
            self._edited()
