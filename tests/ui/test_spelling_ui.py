"""Spelling as you type: underlines, suggestions, Add to dictionary and Ignore in this issue."""

import pytest
from PySide6.QtGui import QTextCharFormat, QTextCursor

from composer.checks import spelling
from composer.model import edits
from composer.storage import load_issue, save_issue
from composer.ui import spelling_ui

pytestmark = pytest.mark.skipif(not spelling.spelling_available(), reason="no en_GB dictionary on this machine")


@pytest.fixture(autouse=True)
def fresh_checker(monkeypatch):
    """Each test has its own home, so the checker must read this test's personal word list."""
    spelling.shared_checker.cache_clear()
    monkeypatch.setattr(spelling_ui, "_unavailable", False)
    yield
    spelling.shared_checker.cache_clear()


def underlined_words(text_edit) -> list[str]:
    words = []
    block = text_edit.document().begin()
    while block.isValid():
        for span in block.layout().formats():
            if span.format.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline:
                words.append(block.text()[span.start:span.start + span.length])
        block = block.next()
    return words


def open_block(window, block):
    window.outline.select_item("block", block.id)
    return window.editor.form


def type_into_text_block(window, block, qtbot, words: str):
    text = open_block(window, block).fields["markdown"].editor.text
    text.setFocus()
    text.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(text, words)
    return text


def point_at(line_edit, word):
    start = line_edit.text().index(word)
    line_edit.setCursorPosition(start + 1)
    return line_edit.cursorRect().center()


def test_typos_typed_into_a_text_block_are_underlined_but_acronyms_addresses_and_ordinals_are_not(
        make_window, small_issue, qtbot):
    window = make_window(small_issue)
    text = type_into_text_block(window, small_issue.sections[0].blocks[0], qtbot,
                                " A relavant note for TASP and DfE on the 7th: see www.example.org or mail ab@example.org.")
    assert underlined_words(text) == ["relavant"]


def test_heading_and_button_label_typos_are_underlined_and_a_suggestion_fixes_them(make_window, small_issue, qtbot):
    window = make_window(small_issue)
    button = small_issue.sections[1].blocks[1]
    label = open_block(window, button).fields["label"].editor
    label.selectAll()
    qtbot.keyClicks(label, "PARTICPATE HERE")
    assert [word for _, _, word in label.misspelt] == ["PARTICPATE"]

    menu = label.spelling_menu(point_at(label, "PARTICPATE"))
    suggestions = [a for a in menu.actions() if a.objectName() == "spellingSuggestion"]
    assert 1 <= len(suggestions) <= 5 and suggestions[0].text() == "PARTICIPATE"
    suggestions[0].trigger()

    assert edits.find_block(window.document.issue, button.id).label == "PARTICIPATE HERE"
    assert label.misspelt == []

    section = small_issue.sections[0]
    window.outline.select_item("section", section.id)
    title = window.editor.form.fields["title"].editor
    title.selectAll()
    qtbot.keyClicks(title, "Introducton")
    assert [word for _, _, word in title.misspelt] == ["Introducton"]


def test_add_to_dictionary_takes_effect_at_once_and_survives_a_restart(make_window, small_issue, qtbot, private_home):
    window = make_window(small_issue)
    block = small_issue.sections[0].blocks[0]
    text = type_into_text_block(window, block, qtbot, " Thanks to Ferncliffe partners.")
    assert underlined_words(text) == ["Ferncliffe"]

    cursor = text.document().find("Ferncliffe")
    menu = text.spelling.context_menu(text.cursorRect(cursor).center())
    next(a for a in menu.actions() if a.objectName() == "addToDictionary").trigger()

    assert underlined_words(text) == []
    assert "Ferncliffe" in (private_home / "data" / "personal-words.txt").read_text(encoding="utf-8").splitlines()

    spelling.shared_checker.cache_clear()  # as if the app were started again
    second = make_window(window.document.issue)
    assert underlined_words(type_into_text_block(second, block, qtbot, " Ferncliffe again.")) == []


def test_ignore_in_this_issue_takes_effect_at_once_and_is_saved_in_the_file(make_window, small_issue, qtbot, tmp_path):
    window = make_window(small_issue)
    heading_section = small_issue.sections[0]
    window.outline.select_item("section", heading_section.id)
    title = window.editor.form.fields["title"].editor
    title.selectAll()
    qtbot.keyClicks(title, "Kirkwall Grokfest")
    assert [word for _, _, word in title.misspelt] == ["Grokfest"]

    menu = title.spelling_menu(point_at(title, "Grokfest"))
    next(a for a in menu.actions() if a.objectName() == "ignoreInIssue").trigger()

    assert window.document.issue.spelling_ignored == ("Grokfest",)
    assert title.misspelt == []
    window.document.undo_stack.undo()
    assert [word for _, _, word in title.misspelt] == ["Grokfest"]
    window.document.undo_stack.redo()
    assert title.misspelt == []

    path = tmp_path / "ignored.newsletter"
    save_issue(window.document.issue, path)
    reopened = make_window(load_issue(path), path)
    reopened.outline.select_item("section", heading_section.id)
    assert reopened.editor.form.fields["title"].editor.misspelt == []
    assert not [f for f in spelling.check_spelling(reopened.document.issue) if getattr(f, "word", "") == "Grokfest"]
