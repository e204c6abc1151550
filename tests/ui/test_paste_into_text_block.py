"""Pasting from Word into a text block keeps only what an email allows."""

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from composer.model import edits

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{font-family:Calibri}</style></head>
<body><!--StartFragment--><p class=MsoNormal><span style='font-family:Calibri;color:#1F497D;font-size:11pt'>Our
<b>annual</b> report is <i>out now</i>: <a href="https://www.example.org/report">read it here</a>.<o:p></o:p></span></p>
<ul><li class=MsoListParagraph><span style='font-family:Symbol;color:red'>Early help</span></li>
<li class=MsoListParagraph>Family hubs</li></ul><!--EndFragment--></body></html>"""


def _open_intro_text(window, small_issue):
    block = small_issue.sections[0].blocks[0]
    window.outline.select_item("block", block.id)
    editor = window.editor.form.fields["markdown"].editor
    editor.text.setFocus()
    editor.text.moveCursor(QTextCursor.MoveOperation.End)
    return block, editor


def test_coordinator_pastes_a_word_paragraph_and_only_clean_markdown_lands(make_window, small_issue, qtbot):
    window = make_window(small_issue)
    block, editor = _open_intro_text(window, small_issue)
    mime = QMimeData()
    mime.setHtml(WORD_HTML)
    mime.setText("Our annual report is out now: read it here.\nEarly help\nFamily hubs")
    QGuiApplication.clipboard().setMimeData(mime)

    qtbot.keyClick(editor.text, Qt.Key.Key_Return)
    qtbot.keyClick(editor.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    # Qt wraps long Markdown lines; a wrapped line is the same paragraph to a reader and to the renderer.
    markdown = edits.find_block(window.document.issue, block.id).markdown.replace(" \n", " ")
    assert markdown.startswith("Welcome to the **spring** issue.")
    assert "Our **annual** report is *out now*: [read it here](https://www.example.org/report)." in markdown
    assert "- Early help\n- Family hubs" in markdown
    for residue in ("Calibri", "1F497D", "Mso", "o:p", "span", "font", "<", "color"):
        assert residue not in markdown
    assert window.document.undo_stack.canUndo()


def test_plain_text_paste_still_goes_in_as_typed(make_window, small_issue, qtbot):
    window = make_window(small_issue)
    block, editor = _open_intro_text(window, small_issue)
    mime = QMimeData()
    mime.setText(" See you in April.")
    QGuiApplication.clipboard().setMimeData(mime)

    qtbot.keyClick(editor.text, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    markdown = edits.find_block(window.document.issue, block.id).markdown.replace(" \n", " ")
    assert markdown.endswith("[report](https://www.example.org/report). See you in April.")
