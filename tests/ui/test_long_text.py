"""A long text block opens without freezing the window, takes no typing until it is shown, and then edits as usual."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from composer.model import Issue, Section, TextBlock, edits
from composer.ui.outline import BLOCK

PARAGRAPH = "Partners **met** to discuss the [new guidance](https://example.org/g) and what comes next for local areas."


def test_a_long_text_opens_on_a_worker_then_takes_typing(make_window, qtbot):
    long_text = "\n\n".join(f"{number}: {PARAGRAPH}" for number in range(1200))  # about 130,000 characters
    block = TextBlock(markdown=long_text)
    window = make_window(Issue(title="Long", sections=(Section(kind="news", title="News", blocks=(block,)),)))
    window.outline.select_item(BLOCK, block.id)
    editor = window.editor.form.fields["markdown"].editor
    assert not editor.text.isEnabled() and "Opening a long text" in editor.text.toPlainText()

    qtbot.waitUntil(editor.text.isEnabled, timeout=30_000)
    assert editor.text.toPlainText().startswith("0: Partners met to discuss the new guidance")
    assert editor.markdown() == long_text  # shown exactly as stored
    assert not window.document.is_modified()  # showing it is not an edit

    editor.text.setFocus()
    QTest.keyClick(editor.text, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor.text, "New: ")
    qtbot.waitUntil(lambda: edits.find_block(window.document.issue, block.id).markdown.startswith("New: 0: Partners"),
                    timeout=10_000)
    assert edits.find_block(window.document.issue, block.id).markdown == "New: " + long_text
