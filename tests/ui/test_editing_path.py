"""The editing path a coordinator really takes: keys into the focused widget, dialogs answered by keys."""

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel

from composer.model import EventBlock, Section, TextBlock
from composer.model import edits
from composer.render.markdown import markdown_to_html
from composer.storage import load_issue
from composer.ui.main_window import blank_issue
from composer.ui.outline import BLOCK

from people import answer_next_dialog, click, give_back_keyboard, press, select_all, type_text


def _issue_with_event():
    issue = blank_issue()
    event = EventBlock(title="Early help", start=datetime(2027, 2, 3, 16), end=datetime(2027, 2, 3, 17))
    return issue.model_copy(update={"sections": (Section(kind="webinars", title="Webinars", blocks=(event,)),)}), event


def test_coordinator_types_an_event_description_and_it_is_saved(make_window, qtbot, tmp_path):
    issue, event = _issue_with_event()
    window = make_window(issue)
    window.outline.setFocus()
    window.outline.select_item(BLOCK, event.id)
    description = window.editor.form.fields["description"].editor.text
    description.setFocus()
    qtbot.keyClicks(description, "Join us to hear how families are helped early.")

    assert edits.find_block(window.document.issue, event.id).description == \
        "Join us to hear how families are helped early."
    path = tmp_path / "webinar.newsletter"
    window.document.set_path(path)
    QTest.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "families are helped early" in edits.find_block(load_issue(path), event.id).description


def test_a_field_named_like_the_edit_apis_own_words_just_works(make_window, qtbot):
    """“description”, “change” and “merge_key” are field names like any other."""
    window = make_window(blank_issue())
    document = window.document
    section = Section(kind="custom", title="")
    document.insert_section(0, section)
    block = TextBlock(markdown="x")
    document.insert_blocks(section.id, 0, [block])
    calls = []

    def change(issue, /, **fields):
        calls.append(fields)
        return edits.update_block(issue, block.id, markdown=fields["description"] + fields["change"] + fields["merge_key"])

    document.edit("Odd names", change, description="a", change="b", merge_key="c")
    assert calls == [{"description": "a", "change": "b", "merge_key": "c"}]
    assert edits.find_block(document.issue, block.id).markdown == "abc"


def _text_block_window(make_window, markdown):
    issue = blank_issue()
    block = TextBlock(markdown=markdown)
    issue = issue.model_copy(update={"sections": (Section(kind="introduction", title="Introduction", blocks=(block,)),)})
    window = make_window(issue)
    window.outline.setFocus()
    window.outline.select_item(BLOCK, block.id)
    editor = window.editor.form.fields["markdown"].editor
    editor.text.setFocus()
    return window, block, editor


def test_coordinator_selects_words_presses_ctrl_k_and_gets_a_link(make_window, qtbot):
    window, block, editor = _text_block_window(make_window, "Read our annual report today.")
    # select “annual report” with the keyboard
    QTest.keyClick(editor.text, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(len("Read our ")):
        QTest.keyClick(editor.text, Qt.Key.Key_Right)
    for _ in range(len("annual report")):
        QTest.keyClick(editor.text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    answered = answer_next_dialog(select_all, type_text("https://www.example.org/report"), press(Qt.Key.Key_Return))
    QTest.keyClick(editor.text, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert answered
    markdown = edits.find_block(window.document.issue, block.id).markdown
    assert markdown == "Read our [annual report](https://www.example.org/report) today."
    assert '<a href="https://www.example.org/report">annual report</a>' in str(markdown_to_html(markdown))


def test_ctrl_k_takes_an_address_typed_without_https(make_window, qtbot):
    window, block, editor = _text_block_window(make_window, "Read our annual report today.")
    QTest.keyClick(editor.text, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClick(editor.text, Qt.Key.Key_Left)  # before the full stop
    for _ in range(len("today")):
        QTest.keyClick(editor.text, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    answered = answer_next_dialog(select_all, type_text("www.example.org/report"), press(Qt.Key.Key_Return))
    QTest.keyClick(editor.text, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert answered
    assert edits.find_block(window.document.issue, block.id).markdown == \
        "Read our annual report [today](https://www.example.org/report)."


def test_the_link_button_changes_and_removes_a_link(make_window, qtbot):
    window, block, editor = _text_block_window(make_window, "See [the guidance](https://old.example.org).")
    QTest.keyClick(editor.text, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(len("See the g")):
        QTest.keyClick(editor.text, Qt.Key.Key_Right)
    link_button = editor.toolbar.widgetForAction(editor.actions_by_name["link"])
    answer_next_dialog(select_all, type_text("https://new.example.org/guidance"), press(Qt.Key.Key_Return))
    qtbot.mouseClick(link_button, Qt.MouseButton.LeftButton)
    assert edits.find_block(window.document.issue, block.id).markdown == \
        "See [the guidance](https://new.example.org/guidance)."

    give_back_keyboard(window, qtbot)
    editor.text.setFocus()
    answer_next_dialog(click("Remove link"))
    QTest.keyClick(editor.text, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert edits.find_block(window.document.issue, block.id).markdown == "See the guidance."


def test_a_javascript_address_is_explained_and_not_linked(make_window, qtbot):
    window, block, editor = _text_block_window(make_window, "Click here.")
    QTest.keyClick(editor.text, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    seen = []

    def check_problem(dialog):
        seen.extend(label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and "allowed" in label.text())
        dialog.reject()

    answer_next_dialog(select_all, type_text("javascript:alert(1)"), press(Qt.Key.Key_Return), check_problem)
    QTest.keyClick(editor.text, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert seen, "the dialog explains why the address is refused"
    assert edits.find_block(window.document.issue, block.id).markdown == "Click here."


def _add_block_from_menu(window, title):
    action = next(a for a in window.add_block_menu.actions() if a.text().replace("&", "") == title)
    action.trigger()  # a click on the menu entry


def test_a_new_event_follows_the_issue_and_keeps_its_length_when_moved(make_window, qtbot):
    from datetime import date, timedelta

    from PySide6.QtWidgets import QDateTimeEdit

    issue = blank_issue().model_copy(update={"send_date": date.today() + timedelta(days=60)})
    window = make_window(issue)
    _add_block_from_menu(window, "Event")
    kind, block_id = window.outline.current_item()
    event = edits.find_block(window.document.issue, block_id)
    assert event.start.date() > issue.send_date, "a new event is after the issue goes out"
    length = event.end - event.start

    start = window.editor.form.fields["start"].editor
    start.setFocus()
    start.setSelectedSection(QDateTimeEdit.Section.HourSection)  # as a double-click on the hour does
    QTest.keyClicks(start, "14")
    moved = edits.find_block(window.document.issue, block_id)
    assert moved.start.hour == 14, "typing over the hour works"
    assert moved.end - moved.start == length, "the end moved with the start"

    start.setCurrentSection(QDateTimeEdit.Section.DaySection)
    QTest.keyClick(start, Qt.Key.Key_Up)
    again = edits.find_block(window.document.issue, block_id)
    assert again.start.date() == moved.start.date() + timedelta(days=1) and again.end - again.start == length


def test_an_unset_date_opens_its_calendar_at_this_month(make_window, qtbot):
    from PySide6.QtCore import QDate, QPoint

    window = make_window(blank_issue().model_copy(update={"send_date": None}))
    send_date = window.editor.form.fields["send_date"].editor
    assert send_date.text() == "Not set"
    send_date.setFocus()
    QTest.mouseClick(send_date, Qt.MouseButton.LeftButton, pos=QPoint(send_date.width() - 8, send_date.height() // 2))
    calendar = send_date.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    today = QDate.currentDate()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    QTest.keyClick(calendar, Qt.Key.Key_Escape)


def test_a_new_button_starts_without_words_that_the_checks_would_call_vague(make_window, qtbot):
    window = make_window(blank_issue())
    _add_block_from_menu(window, "Button")
    _, block_id = window.outline.current_item()
    assert edits.find_block(window.document.issue, block_id).label == ""
    assert window.editor.form.fields["label"].editor.placeholderText()


def test_a_link_typed_without_https_is_kept_whole_and_saved(make_window, qtbot, tmp_path):
    # Found in a real window: "www.example.org/agm-book" typed into a button's Link box was refused
    # (only shown in red), so saving kept no address at all.
    window = make_window(blank_issue())
    _add_block_from_menu(window, "Button")
    _, block_id = window.outline.current_item()
    label = window.editor.form.fields["label"].editor
    qtbot.waitUntil(label.hasFocus, timeout=3000)
    qtbot.keyClicks(label, "Book your place")
    QTest.keyClick(label, Qt.Key.Key_Tab)
    link = window.editor.form.fields["url"].editor
    assert link.hasFocus()
    qtbot.keyClicks(link, "www.example.org/agm-book")
    assert link.text() == "www.example.org/agm-book"  # her words stay as typed while she types
    assert not window.editor.form.fields["url"].error.isVisibleTo(window)
    path = tmp_path / "agm.newsletter"
    window.document.set_path(path)
    QTest.keyClick(link, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # saved without leaving the box
    assert edits.find_block(load_issue(path), block_id).url == "https://www.example.org/agm-book"
    QTest.keyClick(link, Qt.Key.Key_Tab)
    assert link.text() == "https://www.example.org/agm-book"
    # An e-mail address typed as it is becomes a mail link.
    link.setFocus()
    select_all_keys = Qt.KeyboardModifier.ControlModifier
    QTest.keyClick(link, Qt.Key.Key_A, select_all_keys)
    qtbot.keyClicks(link, "bookings@example.org")
    assert edits.find_block(window.document.issue, block_id).url == "mailto:bookings@example.org"
