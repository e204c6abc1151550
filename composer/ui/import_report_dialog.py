"""The import report: what an old newsletter became, and what the coordinator must still check.

It stays open beside the window (not modal) so the coordinator can work down the
"Needs attention" list: double-clicking an item asks for its block to be selected.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QGroupBox, QHeaderView, QLabel, QListWidget, QListWidgetItem,
    QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from composer.importers import ImportReport, ReportItem
from composer.model import BLOCK_TITLES, SECTION_KIND_TITLES

BlockIdRole = Qt.ItemDataRole.UserRole + 1


class ImportReportDialog(QDialog):
    """Shows an ImportReport; emits ``block_chosen(block_id)`` when an item is double-clicked."""

    block_chosen = Signal(str)

    def __init__(self, report: ImportReport, source_name: str, note: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import report")
        self.setAccessibleName("Import report")
        self.setModal(False)
        self.resize(700, 720 if report.attention or report.notes else 480)
        layout = QVBoxLayout(self)

        total = sum(report.block_counts.values())
        summary = QLabel(f"<b>{_escape(source_name)}</b> became a new issue with "
                         f"{len(report.sections)} sections and {total} blocks. It is not saved yet.")
        summary.setTextFormat(Qt.TextFormat.RichText)
        summary.setWordWrap(True)
        layout.addWidget(summary)
        if note:
            note_label = QLabel(note)
            note_label.setTextFormat(Qt.TextFormat.PlainText)
            note_label.setWordWrap(True)
            layout.addWidget(note_label)

        layout.addWidget(self._recognised_box(report), 3)
        attention_box, self.attention = self._item_list("Needs attention", report.attention, "Nothing needs attention.")
        layout.addWidget(attention_box, 2 if report.attention else 0)
        self.notes: QListWidget | None = None
        if report.notes:
            notes_box, self.notes = self._item_list("Notes", report.notes, "")
            layout.addWidget(notes_box, 1)
        if any(item.block_id for item in report.attention + report.notes):
            hint = QLabel("Double-click an item, or press Enter, to select its block in the outline.")
            hint.setWordWrap(True)
            layout.addWidget(hint)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def _recognised_box(self, report: ImportReport) -> QGroupBox:
        box = QGroupBox("Recognised")
        layout = QVBoxLayout(box)
        self.sections = QTreeWidget()
        self.sections.setAccessibleName("Recognised sections")
        self.sections.setRootIsDecorated(False)
        self.sections.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.sections.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sections.setMinimumHeight(160)
        self.sections.setHeaderLabels(["Section", "Kind", "Blocks"])
        self.sections.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.sections.header().setStretchLastSection(True)
        for section in report.sections:
            self.sections.addTopLevelItem(QTreeWidgetItem([
                section.title or "(untitled)",
                SECTION_KIND_TITLES.get(section.kind, section.kind),
                describe_counts(section.block_counts) or "no blocks",
            ]))
        layout.addWidget(self.sections)
        self.totals = QLabel(f"Blocks in all: {describe_counts(report.block_counts) or 'none'}")
        self.totals.setWordWrap(True)
        layout.addWidget(self.totals)
        return box

    def _item_list(self, title: str, items: tuple[ReportItem, ...], empty: str) -> tuple[QGroupBox, QListWidget]:
        box = QGroupBox(f"{title} ({len(items)})" if items else title)
        layout = QVBoxLayout(box)
        listing = QListWidget()
        listing.setAccessibleName(title)
        listing.setWordWrap(True)
        listing.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        listing.setMinimumHeight(90)
        for item in items:
            row = QListWidgetItem(f"{item.section}: {item.message}")
            row.setData(BlockIdRole, item.block_id)
            if item.block_id:
                row.setToolTip("Double-click to select this block in the outline")
            listing.addItem(row)
        listing.itemActivated.connect(self._choose)  # a double-click, or Enter
        layout.addWidget(listing)
        if not items:
            listing.hide()
            layout.addWidget(QLabel(empty))
        return box, listing

    def _choose(self, item: QListWidgetItem) -> None:
        block_id = item.data(BlockIdRole)
        if block_id:
            self.block_chosen.emit(block_id)


def describe_counts(counts: dict[str, int]) -> str:
    """"3 text, 1 button" in the coordinator's words, largest first."""
    ordered = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return ", ".join(f"{n} {BLOCK_TITLES.get(type_name, type_name).lower()}" for type_name, n in ordered)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
