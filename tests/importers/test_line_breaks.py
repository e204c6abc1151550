"""A line break inside a pasted or imported paragraph (<br>, Word's Shift+Enter) stays a line break in the email.

Markdown writes it as a backslash at the end of the line, which the email renders as <br>; a heading
cannot hold one, so there the lines are joined with a space.
"""

import docx
import pytest

from composer.importers import clean_pasted_html, import_docx, split_pasted_html
from composer.model import HeadingBlock, SignatureBlock, TextBlock
from composer.render.markdown import markdown_to_html


def email(markdown: str) -> str:
    return str(markdown_to_html(markdown)).replace("\n", "")


def test_a_break_in_a_pasted_paragraph_is_a_line_break_in_the_email():
    markdown = clean_pasted_html("<p>Our office is at<br>12 Mill Lane<br>Leeds</p>")
    assert markdown == "Our office is at\\\n12 Mill Lane\\\nLeeds"
    assert email(markdown) == "<p>Our office is at<br>12 Mill Lane<br>Leeds</p>"


def test_a_break_in_a_list_item_stays_inside_the_item():
    markdown = clean_pasted_html("<ul><li>Monday<br>bring lunch</li><li>Tuesday</li></ul>")
    assert markdown == "- Monday\\\n  bring lunch\n- Tuesday"
    assert email(markdown) == "<ul><li>Monday<br>bring lunch</li><li>Tuesday</li></ul>"


def test_a_break_in_a_numbered_item_keeps_the_next_line_from_starting_a_list():
    markdown = clean_pasted_html("<ol start='4'><li>Doors open<br>1. coffee<br>- tea</li></ol>")
    assert email(markdown) == '<ol start="4"><li>Doors open<br>1. coffee<br>- tea</li></ol>'


def test_two_breaks_keep_their_empty_line_and_a_break_at_the_end_leaves_no_mark():
    markdown = clean_pasted_html("<div>First part<br><br>Second part<br></div><p><br>Alone<br><br></p>")
    assert email(markdown) == "<p>First part<br><br>Second part</p><p>Alone</p>"
    assert "\\" not in markdown.split("Second part")[1]


def test_breaks_inside_bold_and_links_are_kept_with_their_formatting():
    markdown = clean_pasted_html('<p><b>Annual<br>meeting</b> at <a href="https://example.org/hall">the<br>hall</a></p>')
    assert email(markdown) == ('<p><strong>Annual<br>meeting</strong> at '
                               '<a href="https://example.org/hall">the<br>hall</a></p>')


def test_a_heading_cannot_hold_a_break_so_its_lines_join_with_a_space():
    blocks = split_pasted_html("<h2>Spring<br>fair</h2><p>Come along</p>")
    assert isinstance(blocks[0], HeadingBlock) and blocks[0].text == "Spring fair"
    assert clean_pasted_html("<h2>Spring<br>fair</h2>") == "**Spring fair**"


def test_a_break_typed_with_shift_enter_in_word_is_a_line_break(tmp_path):
    document = docx.Document()
    document.add_heading("Contact", level=1)
    address = document.add_paragraph("Write to us at")
    for line in ("The Old School", "Church Street"):
        address.add_run().add_break()
        address.add_run(line)
    sign_off = document.add_paragraph("With best wishes,")
    for line in ("Priya Shah", "Volunteer Coordinator"):
        sign_off.add_run().add_break()
        sign_off.add_run(line)
    path = tmp_path / "letter.docx"
    document.save(path)
    blocks = import_docx(path, tmp_path / "images").issue.sections[0].blocks
    text = next(b for b in blocks if isinstance(b, TextBlock) and "Old School" in b.markdown)
    assert email(text.markdown) == "<p>Write to us at<br>The Old School<br>Church Street</p>"
    # A sign-off whose name and role sit on lines of their own is still read as a signature.
    assert isinstance(blocks[-1], SignatureBlock)
    assert (blocks[-1].name, blocks[-1].role) == ("Priya Shah", "Volunteer Coordinator")


@pytest.mark.parametrize("html", [
    "<p>Our office is at<br>12 Mill Lane<br>Leeds</p>",
    "<ul><li>Monday<br>bring lunch</li><li>Tuesday</li></ul>",
    "<div>First part<br><br>Second part</div>",
])
def test_the_text_box_writes_back_the_same_breaks(qapp, html):
    """The text box loads the email's HTML and writes Markdown again; the breaks survive that round."""
    from PySide6.QtGui import QTextDocument

    from composer.ui.editors.markdown_writer import document_to_markdown

    markdown = clean_pasted_html(html)
    document = QTextDocument()
    document.setHtml(str(markdown_to_html(markdown)))
    assert document_to_markdown(document) == markdown
