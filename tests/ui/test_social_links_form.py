"""A coordinator adds her organisation's social profiles and sees their icons in the preview."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QPushButton

from composer.model import edits

from canvas_driver import run_js, wait_for_canvas


def _type_in_cell(qtbot, table, row, column, text):
    """Double-click the cell, replace what is there, Enter."""
    centre = table.visualRect(table.model().index(row, column)).center()
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    editor = QApplication.focusWidget()
    assert editor is not table
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, text)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(row, column) is not None and table.item(row, column).text() == text, timeout=3000)


def _choose(qtbot, combo: QComboBox, words: str):
    """Open the drop-down and click the choice, as a person would."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible, timeout=3000)
    index = combo.model().index(combo.findText(words), 0)
    view.scrollTo(index)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())
    qtbot.waitUntil(lambda: combo.currentText() == words, timeout=3000)


def test_coordinator_adds_social_links_picks_mastodon_and_sees_the_icons(make_window, qtbot, small_issue):
    window = make_window(small_issue.model_copy(update={"hosted_base_url": "https://files.charity.org.uk/spring"}))
    next(action for action in window.add_block_menu.actions() if action.text() == "Social links").trigger()
    _, block_id = window.outline.current_item()
    bound = window.editor.form.fields["items"]
    table = bound.editor
    assert [table.horizontalHeaderItem(column).text() for column in range(table.columnCount())] == [
        "Network", "Alt text", "Address"]
    assert table.rowCount() == 1 and table.item(0, 1).text() == "Our website"   # the block's default

    _type_in_cell(qtbot, table, 0, 2, "https://www.charity.org.uk")
    qtbot.mouseClick(next(b for b in bound.widget.findChildren(QPushButton) if b.text() == "Add profile"),
                     Qt.MouseButton.LeftButton)
    _choose(qtbot, table.cellWidget(1, 0), "Mastodon")
    _type_in_cell(qtbot, table, 1, 1, "Follow us on Mastodon")
    _type_in_cell(qtbot, table, 1, 2, "https://mastodon.social/@charity")

    block = edits.find_block(window.document.issue, block_id)
    assert [(item.network, item.label, item.url, item.icon) for item in block.items] == [
        ("website", "Our website", "https://www.charity.org.uk", "app:social/social-website.png"),
        ("mastodon", "Follow us on Mastodon", "https://mastodon.social/@charity", "app:social/social-mastodon.png"),
    ]

    desktop = wait_for_canvas(qtbot, window)
    script = ("JSON.stringify([...document.querySelectorAll('.nc-social img')]"
              ".map(i => [i.alt, i.naturalWidth, Math.round(i.getBoundingClientRect().width)]))")  # the page is scaled to fit
    qtbot.waitUntil(lambda: run_js(qtbot, desktop, script) ==
                    '[["Our website",64,32],["Follow us on Mastodon",64,32]]', timeout=10000)
