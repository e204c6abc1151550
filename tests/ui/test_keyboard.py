"""The keyboard alone: Tab into the form, F6 between panes, a new block's field ready to type in, Enter sends."""

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from composer.model import edits
from composer.ui.main_window import blank_issue
from composer.ui.outline import BLOCK

from people import give_back_keyboard


def _focus(window):
    return QApplication.focusWidget()


def test_tab_from_the_outline_reaches_the_forms_first_field_in_one_press(make_window, qtbot, sample_issue):
    window = make_window(sample_issue)
    block = sample_issue.sections[0].blocks[0]
    window.outline.setFocus()
    window.outline.select_item(BLOCK, block.id)
    QTest.keyClick(window.outline, Qt.Key.Key_Tab)
    assert _focus(window) is window.editor.first_field() or window.editor.first_field().isAncestorOf(_focus(window))


def test_f6_moves_between_outline_form_email_and_checks(make_window, qtbot, sample_issue):
    window = make_window(sample_issue)
    qtbot.waitUntil(lambda: window.preview.email is not None, timeout=15000)  # the email is on screen
    window.outline.setFocus()
    visited = []
    for _ in range(len(window.pane_focus.panes()) + 1):
        QTest.keyClick(_focus(window), Qt.Key.Key_F6)
        qtbot.wait(100)
        visited.append(window.pane_focus.current())
    panes = len(window.pane_focus.panes())
    assert visited[:panes] == [(1 + i) % panes for i in range(panes)], visited
    QTest.keyClick(_focus(window), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    qtbot.wait(20)
    assert window.pane_focus.current() == (visited[-1] - 1) % panes


def test_after_add_block_what_she_types_goes_into_the_new_block(make_window, qtbot):
    window = make_window(blank_issue())
    window.outline.setFocus()

    def choose_heading():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, choose_heading)
            return
        QTest.keyClick(menu, Qt.Key.Key_Down)  # Text, the first entry
        QTest.keyClick(menu, Qt.Key.Key_Down)  # Heading, the second
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, choose_heading)
    QTest.keyClick(window.outline, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    kind, block_id = window.outline.current_item()
    assert kind == "block" and edits.find_block(window.document.issue, block_id).type == "heading"
    give_back_keyboard(window, qtbot)  # offscreen Qt leaves the window inactive after a popup menu
    qtbot.wait(50)
    QTest.keyClicks(_focus(window), "Spring webinars")
    assert edits.find_block(window.document.issue, block_id).text == "Spring webinars"


def test_enter_in_send_test_sends(make_window, qtbot, small_issue, inbox):
    from composer.ui.send_test_dialog import SendTestDialog

    handler, port = inbox
    window = make_window(small_issue)
    for key, value in (("smtp/host", "127.0.0.1"), ("smtp/port", port), ("smtp/security", "none"),
                       ("smtp/sender", "Comms <comms@example.org>")):
        window.settings.setValue(key, value)
    give_back_keyboard(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = next(d for d in window.findChildren(SendTestDialog) if d.isVisible())
    dialog.recipients.setFocus()
    QTest.keyClicks(dialog.recipients, "me@example.org")
    QTest.keyClick(dialog.recipients, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(handler.envelopes) == 1, timeout=15000)
    dialog.reject()


def test_tab_never_lands_in_the_email_page(make_window, qtbot, sample_issue):
    """The email's links and editable blocks are reached with a click or F6, never by walking with Tab."""
    from PySide6.QtWebEngineWidgets import QWebEngineView

    window = make_window(sample_issue)
    qtbot.waitUntil(lambda: window.preview.email is not None, timeout=15000)
    qtbot.wait(300)
    views = window.preview.findChildren(QWebEngineView)
    window.outline.setFocus()
    for _ in range(60):
        QTest.keyClick(_focus(window), Qt.Key.Key_Tab)
        focus = _focus(window)
        assert not any(view is focus or view.isAncestorOf(focus) for view in views), "Tab went into the email"


def test_tab_from_a_forms_first_field_goes_to_its_second(make_window, qtbot, sample_issue):
    """Tab walks the form in its own order: from an event's title to its start, not out to the preview."""
    window = make_window(sample_issue)
    event = next(block for _, block in sample_issue.all_blocks() if block.type == "event")
    window.outline.setFocus()
    window.outline.select_item(BLOCK, event.id)
    QTest.keyClick(window.outline, Qt.Key.Key_Tab)
    fields = window.editor.form.fields
    assert _focus(window) is fields["title"].editor
    QTest.keyClick(_focus(window), Qt.Key.Key_Tab)
    assert _focus(window) is fields["start"].editor or fields["start"].editor.isAncestorOf(_focus(window))


def test_enter_in_the_export_dialog_exports(make_window, qtbot, small_issue, tmp_path):
    from PySide6.QtWidgets import QPushButton

    from composer.ui.export_dialog import ExportDialog

    window = make_window(small_issue)
    give_back_keyboard(window, qtbot)
    QTest.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = next(d for d in window.findChildren(ExportDialog) if d.isVisible())
    defaults = [b.text() for b in dialog.findChildren(QPushButton) if b.isDefault()]
    assert defaults == [dialog.export_button.text()]
    mnemonics = [w.text() for w in dialog.findChildren(QPushButton) + dialog.findChildren(type(dialog.open_when_done))
                 if "&f" in w.text().lower()]
    assert len(mnemonics) <= 1, f"Alt+F means more than one thing: {mnemonics}"
    dialog.reject()


def test_controls_are_named_for_a_screen_reader_and_readable(make_window, qtbot, sample_issue):
    from PySide6.QtGui import QPalette

    from composer.render.colours import contrast_ratio

    window = make_window(sample_issue)
    settings = window.editor.form.fields
    assert settings["theme"].editor.accessibleName() == "Theme"
    assert settings["provider"].editor.accessibleName() == "Mailing provider"
    text = next(block for _, block in sample_issue.all_blocks() if block.type == "text")
    window.outline.select_item(BLOCK, text.id)
    editor = window.editor.form.fields["markdown"].editor
    names = [editor.toolbar.widgetForAction(action).accessibleName() for action in editor.actions_by_name.values()]
    assert names[:2] == ["Bold", "Italic"]
    palette = window.editor.form.fields["markdown"].editor.text.palette()
    base = palette.color(QPalette.ColorRole.Base).name()
    assert contrast_ratio(palette.color(QPalette.ColorRole.PlaceholderText).name(), base) >= 4.5
    outline = window.outline.palette()
    assert contrast_ratio(outline.color(QPalette.ColorRole.HighlightedText).name(),
                          outline.color(QPalette.ColorRole.Highlight).name()) >= 4.5


def _choose_in_popup_menu(*keys):
    def choose():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(20, choose)
            return
        for key in keys:
            QTest.keyClick(menu, key)
    QTimer.singleShot(0, choose)


def test_add_block_by_its_letter_and_tab_reaches_a_fields_own_button(make_window, qtbot):
    """Ctrl+Shift+B then I adds a picture; Tab goes from its address to “Choose file…”, then to the alt text."""
    window = make_window(blank_issue())
    window.outline.setFocus()
    _choose_in_popup_menu(Qt.Key.Key_I)
    QTest.keyClick(window.outline, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    kind, block_id = window.outline.current_item()
    assert kind == "block" and edits.find_block(window.document.issue, block_id).type == "image"
    give_back_keyboard(window, qtbot)
    qtbot.waitUntil(lambda: _focus(window) is window.editor.form.fields["src"].editor)
    QTest.keyClick(_focus(window), Qt.Key.Key_Tab)
    assert _focus(window).text() == "Choose file…"
    QTest.keyClick(_focus(window), Qt.Key.Key_Tab)
    assert _focus(window) is window.editor.form.fields["alt"].editor


def test_add_section_by_its_letter(make_window, qtbot):
    window = make_window(blank_issue())
    window.outline.setFocus()
    _choose_in_popup_menu(Qt.Key.Key_W)
    QTest.keyClick(window.outline, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [section.kind for section in window.document.issue.sections][-1] == "webinars"


def test_every_menu_entry_has_its_own_letter(make_window, qtbot, sample_issue):
    """Opened from the keyboard (Alt + the menu's letter), no two entries of a menu share a letter."""
    from composer.ui.menus import menu_letter

    window = make_window(sample_issue)
    qtbot.waitUntil(lambda: window.preview.email is not None, timeout=15000)
    seen = []
    for bar_action in window.menuBar().actions():
        letter = menu_letter(bar_action.text())
        assert letter, bar_action.text()
        give_back_keyboard(window, qtbot)
        QTest.keyClick(window, letter, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is bar_action.menu())
        for menu in [bar_action.menu()] + [a.menu() for a in bar_action.menu().actions() if a.menu()]:
            texts = [a.text() for a in menu.actions() if not a.isSeparator()]
            letters = [menu_letter(text) for text in texts]
            assert None not in letters, (menu.title(), texts)
            assert len(set(letters)) == len(letters), (menu.title(), texts)
        seen.append(bar_action.text())
        QTest.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
    assert seen[:2] == ["&File", "&Edit"]


def test_the_keyboard_starts_in_the_outline(make_window, sample_issue):
    window = make_window(sample_issue)
    assert _focus(window) is window.outline
    QTest.keyClick(_focus(window), Qt.Key.Key_Down)  # she can walk the issue straight away
    assert window.outline.current_item()[0] == "section"


def test_f6_shows_where_the_keyboard_is_in_the_email_and_lands_on_the_findings(make_window, qtbot, sample_issue):
    from PySide6.QtWidgets import QAbstractItemView

    window = make_window(sample_issue)
    qtbot.waitUntil(lambda: window.preview.email is not None, timeout=15000)
    window.outline.setFocus()
    QTest.keyClick(_focus(window), Qt.Key.Key_F6)  # the form
    QTest.keyClick(_focus(window), Qt.Key.Key_F6)  # the email
    qtbot.waitUntil(lambda: window.preview.views.property("keyboardInside") is True, timeout=3000)
    QTest.keyClick(_focus(window), Qt.Key.Key_F6)  # the Checks
    qtbot.waitUntil(lambda: isinstance(_focus(window), QAbstractItemView), timeout=3000)
    assert window.preview.views.property("keyboardInside") is False
    assert window.checks_panel.isAncestorOf(_focus(window))


def test_redoing_a_delete_selects_the_neighbour_as_delete_did(make_window, qtbot, sample_issue):
    window = make_window(sample_issue)
    section = next(s for s in sample_issue.sections if len(s.blocks) > 1)
    first, second = section.blocks[:2]
    window.outline.setFocus()
    window.outline.select_item(BLOCK, first.id)
    QTest.keyClick(window.outline, Qt.Key.Key_Delete)
    assert window.outline.current_item() == ("block", second.id)
    QTest.keyClick(window.outline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.outline.current_item() == ("block", first.id)  # what came back
    QTest.keyClick(window.outline, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.outline.current_item() == ("block", second.id)  # gone again: its neighbour, not the issue
