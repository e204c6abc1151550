"""Driving a form's table as a person does: double-click a cell, type, Enter; pick from a drop-down with the mouse."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox


def type_in_cell(qtbot, table, row, column, text):
    """Double-click the cell, replace what is there, Enter; wait until the table holds it."""
    centre = table.visualRect(table.model().index(row, column)).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editor = QApplication.focusWidget()
    assert editor is not table
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column) is not None and table.item(row, column).text() == text, timeout=3000)


def choose(qtbot, combo: QComboBox, words: str):
    """Open the drop-down and click the choice."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=3000)
    index = combo.model().index(combo.findText(words), 0)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: combo.currentText() == words, timeout=3000)
