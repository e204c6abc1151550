"""Every block type has a form, built beside its model and following its roles; lists are edited in a table."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton

from composer.model import BLOCK_TYPES
from composer.model import edits
from composer.model.roles import SHARED_FIELDS, Entries, Link, Prose
from composer.ui.editors.forms import BLOCK_FIELDS, BLOCK_FORMS

from form_driver import type_in_cell


@pytest.mark.parametrize("type_name", list(BLOCK_TYPES))
def test_every_block_type_has_a_form_entry_showing_each_of_its_fields(type_name):
    assert type_name in BLOCK_FORMS, f"the {type_name} block has no form entry in composer/ui/editors/forms.py"
    shown = [field.name for field in BLOCK_FIELDS[type_name]]
    assert sorted(shown) == sorted(set(BLOCK_TYPES[type_name].model_fields) - SHARED_FIELDS)


@pytest.mark.parametrize("type_name", list(BLOCK_TYPES))
def test_each_field_is_edited_the_way_its_role_says(type_name):
    roles = BLOCK_TYPES[type_name].roles
    for field in BLOCK_FIELDS[type_name]:
        role = roles[field.name]
        if isinstance(role, Prose):
            assert field.kind in ("prose", "rich", "multiline"), f"{type_name}.{field.name} is not spell-checked"
            assert field.kind != "rich" or role.rich
        elif isinstance(role, Link):
            assert field.kind == "url"
        elif isinstance(role, Entries):
            assert field.kind.startswith("entries:")


def _add_block(window, title):
    next(action for action in window.add_block_menu.actions() if action.text().replace("&", "") == title).trigger()


def test_coordinator_adds_a_list_of_links_and_types_one_in_the_table(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    _add_block(window, "List of links")
    bound = window.editor.form.fields["items"]
    add = next(button for button in bound.widget.findChildren(QPushButton) if button.text() == "Add link")
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    table = bound.editor
    assert table.rowCount() == 1 and table.accessibleName() == "Links"
    assert [table.horizontalHeaderItem(column).text() for column in range(3)] == ["Label", "Address", "One-line blurb"]
    type_in_cell(qtbot, table, 0, 0, "Annual report")
    type_in_cell(qtbot, table, 0, 1, "javascript:alert(1)")
    assert bound.error.isVisible() and "not allowed" in bound.error.text()
    kind, block_id = window.outline.current_item()
    # While an address is refused, the rest of what she types in the table is still kept.
    type_in_cell(qtbot, table, 0, 2, "Our year in numbers")
    [item] = edits.find_block(window.document.issue, block_id).items
    assert (item.label, item.url, item.blurb) == ("Annual report", "", "Our year in numbers")
    assert table.item(0, 1).text() == "javascript:alert(1)" and bound.error.isVisible()
    type_in_cell(qtbot, table, 0, 1, "https://www.charity.org.uk/report")
    assert not bound.error.isVisible()
    [item] = edits.find_block(window.document.issue, block_id).items
    assert (item.label, item.url) == ("Annual report", "https://www.charity.org.uk/report")
    # An address typed as people type it is kept whole (it was refused, and the row's words with it).
    centre = table.visualRect(table.model().index(0, 1)).center()
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    cell = QApplication.focusWidget()
    QTest.keyClick(cell, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(cell, "www.charity.org.uk/plan")
    QTest.keyClick(cell, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(0, 1).text() == "https://www.charity.org.uk/plan", timeout=3000)
    [item] = edits.find_block(window.document.issue, block_id).items
    assert item.url == "https://www.charity.org.uk/plan" and not bound.error.isVisible()
