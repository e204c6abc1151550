"""The coordinator types straight into the email in the preview; the model, undo, the form and the other view follow."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from composer.model import edits
from composer.ui.outline import BLOCK

from canvas_driver import (
    focus_page, marker_survives, place_caret, run_js, set_marker, text_of, wait_for_canvas,
)


def _block(window, block_id):
    return edits.find_block(window.document.issue, block_id)


def test_coordinator_types_in_the_email_and_the_model_form_and_phone_follow(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    window.actions_by_name["preview_side"].trigger()
    text = small_issue.sections[0].blocks[0]
    desktop = wait_for_canvas(qtbot, window, "desktop")
    mobile = wait_for_canvas(qtbot, window, "mobile")
    set_marker(qtbot, desktop)
    steps_before = window.document.undo_stack.count()

    proxy = place_caret(qtbot, desktop, text.id, "markdown", "end")
    QTest.keyClicks(proxy, " See you there")

    qtbot.waitUntil(lambda: _block(window, text.id).markdown.endswith("See you there"), timeout=5000)
    assert _block(window, text.id).markdown.startswith("Welcome to the **spring** issue. Read the [report](https://www.example.org/report).")
    qtbot.waitUntil(lambda: "See you there" in (text_of(qtbot, mobile, text.id) or ""), timeout=5000)
    # The block she typed in is selected and its form shows the same words.
    qtbot.waitUntil(lambda: window.outline.current_item() == (BLOCK, text.id), timeout=5000)
    qtbot.waitUntil(lambda: "See you there" in window.editor.form.fields["markdown"].editor.text.toPlainText(), timeout=5000)
    assert window.isWindowModified() or "•" in window.windowTitle()
    # One burst of typing is one undo step, and the page she typed in was never reloaded.
    assert window.document.undo_stack.count() == steps_before + 1
    assert marker_survives(qtbot, desktop)
    assert proxy.hasFocus()

    QTest.keyClick(proxy, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _block(window, text.id).markdown == text.markdown, timeout=5000)
    qtbot.waitUntil(lambda: "See you there" not in text_of(qtbot, desktop, text.id), timeout=5000)
    qtbot.waitUntil(lambda: "See you there" not in text_of(qtbot, mobile, text.id), timeout=5000)
    assert marker_survives(qtbot, desktop)
    # The caret stays where the undone words began, not past the end of what is left.
    shown = "Welcome to the spring issue. Read the report."
    assert text_of(qtbot, desktop, text.id) == shown
    assert run_js(qtbot, desktop, "ncCanvas.caretOffset()") == len(shown)

    QTest.keyClick(proxy, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: _block(window, text.id).markdown.endswith("See you there"), timeout=5000)
    qtbot.waitUntil(lambda: "See you there" in text_of(qtbot, desktop, text.id), timeout=5000)
    assert marker_survives(qtbot, desktop)


def test_typing_in_a_form_patches_the_page_in_place(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    quote = small_issue.sections[2].blocks[0]
    desktop = wait_for_canvas(qtbot, window)
    set_marker(qtbot, desktop)
    window.outline.select_item(BLOCK, quote.id)
    editor = window.editor.form.fields["text"].editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus, timeout=3000)
    QTest.keyClick(editor, Qt.Key.Key_End)
    QTest.keyClicks(editor, " Always.")
    qtbot.waitUntil(lambda: "Always." in (text_of(qtbot, desktop, quote.id) or ""), timeout=5000)
    assert marker_survives(qtbot, desktop)


def test_every_prose_field_of_every_block_type_can_be_typed_in_the_page(make_window, qtbot, small_issue):
    from composer.model import BLOCK_TYPES, HeadingBlock, LinkItem, LinkListBlock
    from composer.model.prose import prose_paths, prose_value

    more = [HeadingBlock(text="Resources", level=2),
            LinkListBlock(items=(LinkItem(label="Annual report", url="https://www.example.org/report", blurb="Our year in numbers"),
                                 LinkItem(label="Toolkit", url="https://www.example.org/toolkit", blurb="For new members")))]
    event = small_issue.sections[1].blocks[0]
    small_issue = edits.replace_block(small_issue, event.id, event.model_copy(update={"description": "Bring a **question**."}))
    small_issue = edits.insert_blocks(small_issue, small_issue.sections[0].id, 1, more)
    with_prose = {block.type for _, block in small_issue.all_blocks() if any(True for _ in prose_paths(block))}
    assert with_prose == {name for name, cls in BLOCK_TYPES.items() if cls.prose_fields}  # every type that has prose
    window = make_window(small_issue)
    desktop = wait_for_canvas(qtbot, window)
    set_marker(qtbot, desktop)
    typed = []
    for _, block in small_issue.all_blocks():
        for path, _declared in prose_paths(block):
            if not prose_value(block, path):
                continue  # an empty optional line is not shown in the email
            proxy = place_caret(qtbot, desktop, block.id, path, "end")
            QTest.keyClicks(proxy, " zq")
            # Keys travel to the page on their own; a person never moves the caret faster than they land.
            qtbot.waitUntil(lambda: prose_value(_block(window, block.id), path) == prose_value(block, path) + " zq",
                            timeout=5000)
            typed.append((block.id, path))
    expected = {(block.id, path) for _, block in small_issue.all_blocks() for path, _ in prose_paths(block)
                if prose_value(block, path)}
    assert set(typed) == expected and len(expected) >= 14
    assert marker_survives(qtbot, desktop)


def test_enter_in_a_one_line_field_adds_no_line(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    button = small_issue.sections[1].blocks[1]
    desktop = wait_for_canvas(qtbot, window)
    proxy = place_caret(qtbot, desktop, button.id, "label", "end")
    QTest.keyClick(proxy, Qt.Key.Key_Return)
    QTest.keyClicks(proxy, " now")
    qtbot.waitUntil(lambda: _block(window, button.id).label == "See all webinars now", timeout=5000)


def test_focus_reaches_the_page(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    desktop = wait_for_canvas(qtbot, window)
    proxy = focus_page(qtbot, desktop)
    assert proxy.hasFocus()
    # 7 fields, and the event's booking button text (prose like any button's, so typed in place too)
    assert run_js(qtbot, desktop, "document.querySelectorAll('[data-nc-field]').length") == 8


def test_typing_in_the_phone_view_reaches_the_desktop_and_edit_undo_restores_both(make_window, qtbot, small_issue):
    window = make_window(small_issue)
    window.actions_by_name["preview_side"].trigger()
    quote = small_issue.sections[2].blocks[0]
    desktop = wait_for_canvas(qtbot, window, "desktop")
    mobile = wait_for_canvas(qtbot, window, "mobile")
    set_marker(qtbot, mobile)
    proxy = place_caret(qtbot, mobile, quote.id, "attribution", "end")
    QTest.keyClicks(proxy, " of ten years")
    qtbot.waitUntil(lambda: _block(window, quote.id).attribution == "A member of ten years", timeout=5000)
    qtbot.waitUntil(lambda: "A member of ten years" in text_of(qtbot, desktop, quote.id), timeout=5000)
    assert marker_survives(qtbot, mobile)

    window.actions_by_name["undo"].trigger()  # Edit → Undo, from the menu
    qtbot.waitUntil(lambda: _block(window, quote.id).attribution == "A member", timeout=5000)
    for view in (desktop, mobile):
        qtbot.waitUntil(lambda: "ten years" not in text_of(qtbot, view, quote.id), timeout=5000)
    assert marker_survives(qtbot, mobile)


def test_clicking_into_a_button_and_a_link_label_and_typing_edits_the_words_not_the_link(make_window, qtbot, small_issue):
    from composer.model import LinkItem, LinkListBlock

    from canvas_driver import click, point_of

    links = LinkListBlock(id="links", items=(LinkItem(label="Annual report", url="https://www.example.org/report"),))
    small_issue = edits.insert_blocks(small_issue, small_issue.sections[0].id, 1, [links])
    window = make_window(small_issue)
    button = small_issue.sections[1].blocks[1]
    view = wait_for_canvas(qtbot, window)
    before = run_js(qtbot, view, "location.href")
    for block_id, path, words in ((button.id, "label", "See all webinars"), ("links", "items.0.label", "Annual report")):
        field = f"document.querySelector('[data-nc-block=\"{block_id}\"][data-nc-field=\"{path}\"]')"
        click(qtbot, view, point_of(qtbot, view, field))
        proxy = view.focusProxy()
        QTest.keyClick(proxy, Qt.Key.Key_End)
        QTest.keyClicks(proxy, " 2025")
        qtbot.waitUntil(lambda: prose_of(window, block_id, path) == words + " 2025", timeout=5000)
    assert _block(window, button.id).url == button.url
    assert _block(window, "links").items[0].url == "https://www.example.org/report"
    assert run_js(qtbot, view, "location.href") == before


def prose_of(window, block_id, path):
    from composer.model.prose import prose_value

    return prose_value(_block(window, block_id), path)


def test_words_typed_in_the_email_just_before_ctrl_s_are_saved(make_window, qtbot, small_issue, tmp_path):
    # The page sends what she types on its next frame; Ctrl+S (or closing) straight after the last key must
    # not leave those words out of the file.
    from composer.storage import load_issue

    window = make_window(small_issue)
    text = small_issue.sections[0].blocks[0]
    view = wait_for_canvas(qtbot, window)
    path = tmp_path / "spring.newsletter"
    window.document.set_path(path)
    proxy = place_caret(qtbot, view, text.id, "markdown", "end")
    QTest.keyClicks(proxy, " Last words")
    QTest.keyClick(proxy, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert edits.find_block(load_issue(path), text.id).markdown.endswith("Last words")
    assert not window.document.is_modified()


def test_paragraphs_typed_into_a_new_empty_text_are_paragraphs_as_she_types(make_window, qtbot):
    from composer.model import Issue, Section, TextBlock

    window = make_window(Issue(title="New", sections=(Section(title="News", blocks=(TextBlock(id="fresh", markdown=""),)),)))
    view = wait_for_canvas(qtbot, window)
    proxy = place_caret(qtbot, view, "fresh", "markdown", "end")
    QTest.keyClicks(proxy, "One")
    QTest.keyClick(proxy, Qt.Key.Key_Return)
    QTest.keyClicks(proxy, "Two")
    qtbot.waitUntil(lambda: _block(window, "fresh").markdown == "One\n\nTwo", timeout=5000)
    # Both lines are paragraphs on the page while she types, drawn alike (the first was bare text).
    assert run_js(qtbot, view, "Array.from(document.querySelectorAll('[data-nc-block=fresh] > p')).map(p => p.textContent).join('|')") \
        == "One|Two"
    assert proxy.hasFocus()


def test_a_link_made_in_a_new_empty_text_is_kept(make_window, qtbot):
    from composer.model import Issue, Section, TextBlock
    from canvas_driver import ui_element

    window = make_window(Issue(title="New", sections=(Section(title="News", blocks=(TextBlock(id="fresh", markdown=""),)),)))
    view = wait_for_canvas(qtbot, window)
    proxy = place_caret(qtbot, view, "fresh", "markdown", "end")
    QTest.keyClick(proxy, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"!{ui_element('.link-editor')}.hidden") is True, timeout=3000)
    QTest.keyClicks(proxy, "www.example.org/news")
    QTest.keyClick(proxy, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _block(window, "fresh").markdown == "[https://www.example.org/news](https://www.example.org/news)"
                    or _block(window, "fresh").markdown == "<https://www.example.org/news>", timeout=5000)
