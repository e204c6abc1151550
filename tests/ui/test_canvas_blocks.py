"""Blocks handled in the canvas: hover controls (drag, up, down, duplicate, delete, save to library) and the "+" palette."""

import json

from PySide6.QtCore import QPoint, QTimer, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from composer.model import BLOCK_TITLES, BLOCK_TYPES, Issue, QuoteBlock, Section, TextBlock
from composer.ui.outline import BLOCK

from canvas_driver import (
    block_element, click, hover, marker_survives, point_of, run_js, set_marker, ui_element, wait_for_canvas,
)


def _issue():
    return Issue(title="Blocks", sections=(Section(id="news", title="News", blocks=(
        TextBlock(id="first", markdown="The first block."),
        TextBlock(id="second", markdown="The second block."),
        QuoteBlock(id="third", text="The third block.", attribution="A member"),
    )),))


def _order(window):
    return [block.id for block in window.document.issue.sections[0].blocks]


def _controls_for(qtbot, view, block_id):
    hover(qtbot, view, point_of(qtbot, view, block_element(block_id)))
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"{ui_element('.controls')}.getAttribute('data-block')") == block_id
                    and run_js(qtbot, view, f"!{ui_element('.controls')}.hidden") is True, timeout=3000)


def _press(qtbot, view, block_id, action):
    _controls_for(qtbot, view, block_id)
    click(qtbot, view, point_of(qtbot, view, ui_element(f"[data-action={action}]")))


def _add_from_palette(qtbot, window, view, after, type_name):
    """The "+" under block *after*, then *type_name* in the palette; the new block's id once it is in."""
    section = window.document.issue.sections[0]
    place = [block.id for block in section.blocks].index(after) + 1
    _controls_for(qtbot, view, after)
    click(qtbot, view, point_of(qtbot, view, ui_element(".add")))
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"!{ui_element('.palette')}.hidden") is True, timeout=3000)
    click(qtbot, view, point_of(qtbot, view, ui_element(f".palette [data-type={type_name}]")))
    qtbot.waitUntil(lambda: len(window.document.issue.sections[0].blocks) == len(section.blocks) + 1, timeout=5000)
    added = window.document.issue.sections[0].blocks[place]
    assert added.type == type_name
    return added.id


def test_move_down_up_duplicate_and_delete_from_the_hover_controls(make_window, qtbot):
    window = make_window(_issue())
    view = wait_for_canvas(qtbot, window)
    set_marker(qtbot, view)
    steps = window.document.undo_stack.count()

    _press(qtbot, view, "first", "down")
    qtbot.waitUntil(lambda: _order(window) == ["second", "first", "third"], timeout=5000)
    assert window.outline.current_item() == (BLOCK, "first")
    view = wait_for_canvas(qtbot, window)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "document.querySelectorAll('[data-block-id]')[1].getAttribute('data-block-id')") == "first",
                    timeout=5000)

    _press(qtbot, view, "third", "up")
    qtbot.waitUntil(lambda: _order(window) == ["second", "third", "first"], timeout=5000)

    view = wait_for_canvas(qtbot, window)
    _press(qtbot, view, "second", "duplicate")
    qtbot.waitUntil(lambda: len(_order(window)) == 4, timeout=5000)
    copy = _order(window)[1]
    assert window.document.issue.sections[0].blocks[1].markdown == "The second block."
    assert window.outline.current_item() == (BLOCK, copy)

    view = wait_for_canvas(qtbot, window)
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"!!{block_element(copy)}") is True, timeout=5000)
    view = wait_for_canvas(qtbot, window)
    _press(qtbot, view, copy, "delete")
    qtbot.waitUntil(lambda: _order(window) == ["second", "third", "first"], timeout=5000)
    view = wait_for_canvas(qtbot, window)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "document.querySelectorAll('[data-block-id]').length") == 3, timeout=5000)
    assert window.document.undo_stack.count() == steps + 4  # one undo step per action

    QTest.keyClick(view.focusProxy(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(_order(window)) == 4, timeout=5000)
    qtbot.waitUntil(lambda: run_js(qtbot, view, "document.querySelectorAll('[data-block-id]').length") == 4, timeout=5000)
    # Blocks moved, added and removed among their neighbours: the page was rearranged, never reloaded.
    assert marker_survives(qtbot, view)


def test_dragging_a_block_by_its_handle_moves_it(make_window, qtbot):
    window = make_window(_issue())
    view = wait_for_canvas(qtbot, window)
    _controls_for(qtbot, view, "first")
    proxy = view.focusProxy()
    handle = point_of(qtbot, view, ui_element("[data-action=drag]"))
    QTest.mouseMove(proxy, handle)
    QTest.mousePress(proxy, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, handle)
    target = point_of(qtbot, view, block_element("third"))
    below = QPoint(target.x(), target.y() + 8)
    for step in range(1, 9):
        QTest.mouseMove(proxy, handle + (below - handle) * step / 8)
        qtbot.wait(20)
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"!{ui_element('.drop-line')}.hidden") is True, timeout=3000)
    QTest.mouseRelease(proxy, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, below)
    qtbot.waitUntil(lambda: _order(window) == ["second", "third", "first"], timeout=5000)


def test_the_plus_between_blocks_opens_the_block_palette_and_adds_there(make_window, qtbot):
    window = make_window(_issue())
    view = wait_for_canvas(qtbot, window)
    _controls_for(qtbot, view, "first")
    click(qtbot, view, point_of(qtbot, view, ui_element(".add")))
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"!{ui_element('.palette')}.hidden") is True, timeout=3000)
    entries = json.loads(run_js(qtbot, view, f"""JSON.stringify(Array.from({ui_element('.palette')}.querySelectorAll('button'))
        .map(b => [b.getAttribute('data-type'), b.textContent, b.querySelector('img').naturalWidth]))"""))
    # The same list, in the same order and words, as Insert → Add block; each with its icon.
    assert [entry[0] for entry in entries] == list(BLOCK_TYPES)
    assert [entry[1] for entry in entries] == [action.text().replace("&", "") for action in window.add_block_menu.actions()]
    assert [entry[1] for entry in entries] == [BLOCK_TITLES[name] for name in BLOCK_TYPES]
    assert all(entry[2] > 0 for entry in entries)

    set_marker(qtbot, view)
    click(qtbot, view, point_of(qtbot, view, ui_element(".palette [data-type=quote]")))
    qtbot.waitUntil(lambda: len(_order(window)) == 4, timeout=5000)
    added = window.document.issue.sections[0].blocks[1]
    assert added.type == "quote"
    assert window.outline.current_item() == (BLOCK, added.id)
    assert "text" in window.editor.form.fields  # the new block's form is open beside the canvas
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"!!{block_element(added.id)}") is True, timeout=5000)
    assert run_js(qtbot, view, "Array.from(document.querySelectorAll('[data-block-id]')).map(e => e.getAttribute('data-block-id')).join(' ')") \
        == " ".join(_order(window))
    assert marker_survives(qtbot, view)


def test_save_to_library_from_the_hover_controls(make_window, qtbot):
    window = make_window(_issue())
    view = wait_for_canvas(qtbot, window)
    feature_hub = None
    answered = []

    def answer():
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog):
            answered.append(dialog.windowTitle())
            dialog.accept()
        else:
            QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    _press(qtbot, view, "third", "library")
    qtbot.waitUntil(lambda: bool(answered), timeout=5000)
    from composer.ui.library_hub import hub_for

    feature_hub = hub_for()
    qtbot.waitUntil(lambda: any(entry.name.startswith("“The third block") for entry in feature_hub.library.values()),
                    timeout=5000)


def test_every_new_block_from_the_palette_shows_in_the_email_to_click(make_window, qtbot):
    # Seen in a real window: a button, picture, list of links, social links or contact details added from the
    # "+" palette did not appear in the email at all until filled in through the form.
    window = make_window(_issue())
    view = wait_for_canvas(qtbot, window)
    for type_name in BLOCK_TYPES:
        added = _add_from_palette(qtbot, window, view, "first", type_name)
        qtbot.waitUntil(lambda: run_js(qtbot, view, f"!!{block_element(added)}") is True, timeout=5000)
        height = run_js(qtbot, view, f"{block_element(added)}.getBoundingClientRect().height")
        thin = type_name in ("divider", "spacer")  # a line or a gap: it takes a click a little off it
        assert thin or height >= 16, f"a new {type_name} block is hard to see in the email"
        # A click on it opens its form, as a click on any block does.
        click(qtbot, view, point_of(qtbot, view, block_element("third")))
        qtbot.waitUntil(lambda: window.outline.current_item() == (BLOCK, "third"), timeout=3000)
        where = point_of(qtbot, view, block_element(added))
        if thin:  # a little below the line, left of the "+" that sits in the middle
            where += QPoint(-round(150 * view.zoomFactor()), round(7 * view.zoomFactor()))
        click(qtbot, view, where)
        qtbot.waitUntil(lambda: window.outline.current_item() == (BLOCK, added), timeout=3000)
        QTest.keyClick(view.focusProxy(), Qt.Key.Key_Escape)  # out of its words: the toolbar hides the block above


def test_a_new_button_takes_its_words_in_the_email(make_window, qtbot):
    window = make_window(_issue())
    view = wait_for_canvas(qtbot, window)
    button = _add_from_palette(qtbot, window, view, "second", "button")
    label = f"document.querySelector('[data-nc-block=\"{button}\"][data-nc-field=label]')"
    qtbot.waitUntil(lambda: run_js(qtbot, view, f"!!{label}") is True, timeout=5000)
    click(qtbot, view, point_of(qtbot, view, label))
    QTest.keyClicks(view.focusProxy(), "Book your place")
    qtbot.waitUntil(lambda: window.document.issue.sections[0].blocks[2].label == "Book your place", timeout=5000)
    assert window.editor.form.fields["label"].editor.text() == "Book your place"
