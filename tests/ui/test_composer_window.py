"""A coordinator's afternoon, driven through the real main window."""

import random

from PySide6.QtTest import QTest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

from composer.model import BLOCK_TYPES, EventBlock, TextBlock
from composer.model import edits
from composer.storage import load_issue
from composer.ui.main_window import blank_issue
from composer.ui.outline import BLOCK, MIME_TYPE, SECTION

from people import answer_next_dialog, give_back_keyboard, press


def _select(window, kind, item_id):
    window.outline.setFocus()
    window.outline.select_item(kind, item_id)
    assert window.outline.current_item() == (kind, item_id)


def _section_titled(window, title):
    return next(s for s in window.document.issue.sections if s.title == title)


def test_coordinator_builds_an_issue_saves_and_reopens_it(make_window, qtbot, tmp_path):
    window = make_window(blank_issue())

    # a Webinars section, with an event and a register link
    window.add_section("webinars")
    webinars = _section_titled(window, "Webinars")
    window.add_block("event")
    event = edits.find_section(window.document.issue, webinars.id).blocks[0]
    form = window.editor.form
    qtbot.keyClicks(form.fields["title"].editor, "Grandparents and child protection")
    url_field = form.fields["register_url"]
    qtbot.keyClicks(url_field.editor, "javascript:alert(1)")
    assert url_field.error.isVisible() and "not allowed" in url_field.error.text()
    url_field.editor.clear()
    qtbot.keyClicks(url_field.editor, "https://www.example.org/book")
    assert not url_field.error.isVisible()

    # formatted text in the introduction
    intro = _section_titled(window, "Introduction")
    _select(window, SECTION, intro.id)
    window.add_block("text")
    text_editor = window.editor.form.fields["markdown"].editor
    text_editor.text.setFocus()
    qtbot.keyClicks(text_editor.text, "Welcome ")
    qtbot.keyClick(text_editor.text, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(text_editor.text, "everyone")
    qtbot.keyClick(text_editor.text, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(text_editor.text, " to spring.")

    issue = window.document.issue
    saved_event = edits.find_block(issue, event.id)
    assert saved_event.title == "Grandparents and child protection"
    assert saved_event.register_url == "https://www.example.org/book"
    text = edits.find_section(issue, intro.id).blocks[0]
    assert text.markdown == "Welcome **everyone** to spring."
    assert "•" in window.windowTitle()

    path = tmp_path / "spring.newsletter"
    assert window.save_as(path)
    assert "•" not in window.windowTitle() and "spring.newsletter" in window.windowTitle()
    assert load_issue(path) == window.document.issue

    saved = window.document.issue
    window.close()  # lets go of the file, as quitting does
    other = make_window(blank_issue())
    assert other.open_file(path)
    assert other.document.issue == saved


def test_typing_in_a_field_is_one_undo_step_and_undo_redo_update_every_view(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    button = small_issue.sections[1].blocks[1]
    _select(window, BLOCK, button.id)
    label = window.editor.form.fields["label"].editor
    label.setFocus()
    label.selectAll()
    qtbot.keyClicks(label, "Book now")
    assert edits.find_block(window.document.issue, button.id).label == "Book now"
    assert window.document.undo_stack.count() == 1

    window.actions_by_name["undo"].trigger()
    assert window.document.issue == small_issue
    assert label.text() == "See all webinars"
    index = window.outline_model.index_of(BLOCK, button.id)
    assert window.outline_model.data(index) == "See all webinars"

    window.actions_by_name["redo"].trigger()
    assert label.text() == "Book now"
    assert window.outline_model.data(index) == "Book now"


def test_dragging_a_block_to_another_section_is_undoable(make_window, small_issue):
    window = make_window(small_issue)
    model = window.outline_model
    intro_text = small_issue.sections[0].blocks[0]
    afterword = small_issue.sections[2]
    data = model.mimeData([model.index_of(BLOCK, intro_text.id)])
    assert data.hasFormat(MIME_TYPE)
    model.dropMimeData(data, Qt.DropAction.MoveAction, 1, 0, model.index_of(SECTION, afterword.id))
    issue = window.document.issue
    assert issue.sections[0].blocks == ()
    assert [b.id for b in issue.sections[2].blocks][1] == intro_text.id
    window.document.undo_stack.undo()
    assert window.document.issue == small_issue


def test_dragging_a_section_reorders_sections(make_window, small_issue):
    window = make_window(small_issue)
    model = window.outline_model
    views = small_issue.sections[3]
    model.dropMimeData(model.mimeData([model.index_of(SECTION, views.id)]), Qt.DropAction.MoveAction, 1, 0,
                       model.index(-1, 0))
    assert window.document.issue.sections[0].id == views.id


def test_keyboard_moves_duplicate_delete_and_cut_paste(make_window, small_issue):
    window = make_window(small_issue)
    event, button = small_issue.sections[1].blocks
    _select(window, BLOCK, button.id)
    window.actions_by_name["move_up"].trigger()
    assert [b.id for b in window.document.issue.sections[1].blocks] == [button.id, event.id]
    window.actions_by_name["move_up"].trigger()  # past the top: into the section above
    assert window.document.issue.sections[0].blocks[-1].id == button.id

    window.actions_by_name["duplicate"].trigger()
    copies = [b for b in window.document.issue.sections[0].blocks if b.type == "button"]
    assert len(copies) == 2 and copies[0].id != copies[1].id

    _select(window, BLOCK, copies[1].id)
    window.actions_by_name["delete"].trigger()
    assert len([b for b in window.document.issue.sections[0].blocks if b.type == "button"]) == 1

    _select(window, BLOCK, event.id)
    window.actions_by_name["cut"].trigger()
    assert all(b.id != event.id for _, b in window.document.issue.all_blocks())
    _select(window, SECTION, small_issue.sections[2].id)
    window.actions_by_name["paste"].trigger()
    pasted = window.document.issue.sections[2].blocks[-1]
    assert isinstance(pasted, EventBlock) and pasted.title == event.title and pasted.id != event.id


def test_random_edits_then_undo_all_restores_the_original_and_redo_all_the_final(make_window, small_issue):
    window = make_window(small_issue)
    document = window.document
    rng = random.Random(7)
    for step in range(40):
        issue = document.issue
        blocks = [b for _, b in issue.all_blocks()]
        choice = rng.randrange(5)
        if choice == 0 or not blocks:
            section = rng.choice(issue.sections)
            document.insert_blocks(section.id, rng.randrange(len(section.blocks) + 1), [TextBlock(markdown=f"step {step}")])
        elif choice == 1:
            document.edit("Delete", edits.remove_block, rng.choice(blocks).id)
        elif choice == 2:
            section = rng.choice(issue.sections)
            document.edit("Move", edits.move_block, rng.choice(blocks).id, section.id, rng.randrange(len(section.blocks) + 1))
        elif choice == 3:
            document.edit("Retitle", edits.update_issue, title=f"Title {step}")
        else:
            document.edit("Move section", edits.move_section, rng.choice(issue.sections).id, rng.randrange(len(issue.sections) + 1))
    final = document.issue
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert document.issue == small_issue
    while document.undo_stack.canRedo():
        document.undo_stack.redo()
    assert document.issue == final


def test_opening_a_corrupt_file_shows_why_and_keeps_the_current_issue(make_window, small_issue, tmp_path, monkeypatch):
    window = make_window(small_issue)
    broken = tmp_path / "broken.newsletter"
    broken.write_text('{"format_version": 2, "title": ')
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    assert not window.open_file(broken)
    assert "broken.newsletter" in shown[0] and "cut short" in shown[0]
    assert window.document.issue == small_issue
    assert broken.read_text() == '{"format_version": 2, "title": '


def test_unsaved_changes_ask_before_opening_another_issue(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    window.document.update_issue(title="Changed")
    asked = answer_next_dialog(press(Qt.Key.Key_Escape))  # Esc: Cancel
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked and "Save the changes" in asked[0].text()
    assert window.document.issue.title == "Changed"
    give_back_keyboard(window, qtbot)
    asked = answer_next_dialog(press(Qt.Key.Key_D))  # the letter of “Don't save”
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked and window.document.issue.title == "Newsletter"


def test_save_in_the_unsaved_question_saves_by_its_letter(make_window, qtbot, small_issue, tmp_path):
    from composer.storage import load_issue

    path = tmp_path / "spring.newsletter"
    window = make_window(small_issue)
    window.document.set_path(path)
    window.document.update_issue(title="Kept")
    asked = answer_next_dialog(press(Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier))
    QTest.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert asked and [b.text() for b in asked[0].buttons()].count("&Save") == 1
    assert load_issue(path).title == "Kept"
    assert window.document.issue.title == "Newsletter"


def test_every_block_type_has_an_editor_with_named_controls(make_window, small_issue):
    window = make_window(small_issue)
    for type_name in BLOCK_TYPES:
        window.add_block(type_name)
        form = window.editor.form
        for bound in form.fields.values():
            assert bound.editor.accessibleName()
            # a screen reader lands on a date box's inner text, not the box: it is named too
            for inner in bound.editor.findChildren(QLineEdit):
                assert inner.accessibleName(), (type_name, bound.spec.label)


def test_a_date_box_says_what_to_type_and_is_typed_part_by_part(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    event = small_issue.sections[1].blocks[0]
    window.outline.select_item(BLOCK, event.id)
    field = window.editor.form.fields["start"]
    field.editor.setFocus()
    qtbot.waitUntil(field.editor.hasFocus)
    inner = field.editor.findChild(QLineEdit)
    assert inner.accessibleName() == field.spec.label and "day, month, year" in inner.accessibleDescription()
    assert field.editor.calendarWidget().accessibleName() == "Calendar for starts"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Home)  # the day part
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)
    [changed] = [b for _, b in window.document.issue.all_blocks() if b.id == event.id]
    assert changed.start == event.start.replace(day=event.start.day + 1)


def test_window_geometry_and_splitter_sizes_persist(make_window, small_issue):
    window = make_window(small_issue)
    window.splitter.setSizes([300, 400, 580])
    sizes = window.splitter.sizes()
    geometry = window.geometry()
    window.close()
    again = make_window(small_issue)
    assert again.size() == geometry.size()
    assert again.splitter.sizes() == sizes


def test_render_email_to_folder_writes_html_and_text(make_window, small_issue, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = make_window(small_issue)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    window.actions_by_name["render"].trigger()
    assert (tmp_path / "newsletter-spring-2025.html").read_text().startswith("<!doctype html>")
    assert "Introduction\n------------" in (tmp_path / "newsletter-spring-2025.txt").read_text()


def test_coordinator_lists_webinars_by_month_and_adds_in_this_issue(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    webinars = small_issue.sections[1]
    _select(window, SECTION, webinars.id)
    window.editor.form.fields["group_events_by_month"].editor.click()
    assert edits.find_section(window.document.issue, webinars.id).group_events_by_month

    window.outline.select_item("issue", None)
    window.editor.form.fields["show_contents"].editor.click()
    assert window.document.issue.show_contents
    window.preview.render_now()
    qtbot.waitUntil(lambda: window.preview.email is not None and "In this issue" in window.preview.email.html, timeout=10000)
    assert "April 2025" in window.preview.email.html  # the month heading over the webinar


def test_looking_at_a_long_text_block_changes_nothing(make_window, sample_issue):
    window = make_window(sample_issue)
    for _, block in sample_issue.all_blocks():
        if block.type == "text" and len(block.markdown) > 200:
            window.outline.select_item(BLOCK, block.id)
    assert window.document.undo_stack.count() == 0
    assert not window.document.is_modified()


def test_text_wrapped_by_the_editor_renders_as_one_paragraph():
    from composer.render.markdown import markdown_to_html, markdown_to_text

    wrapped = "A long sentence that the editor wrapped\nat eighty columns [with a link](https://example.org)."
    assert "<br" not in markdown_to_html(wrapped)
    assert markdown_to_text(wrapped) == "A long sentence that the editor wrapped at eighty columns with a link\n(https://example.org)."
    assert "<br" in markdown_to_html("First line\\\nSecond line")
