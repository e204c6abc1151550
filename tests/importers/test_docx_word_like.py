"""Word files made at test time with python-docx and Word's own kind of numbering: nothing is lost.

Lists use a numbering definition like Word's default multilevel list (decimal, letter, roman);
links, pictures in headings, tables and sign-offs are written the way Word writes them.
"""

from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from PIL import Image

from composer.importers import import_docx, lost_lines
from composer.model import ButtonBlock, HeadingBlock, ImageBlock, SignatureBlock, TextBlock
from composer.render.markdown import markdown_to_html

from docx_helpers import add_link, list_paragraph

NUMBERING = """<w:abstractNum {ns} w:abstractNumId="90">
  <w:multiLevelType w:val="hybridMultilevel"/>
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2."/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%3."/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl>
</w:abstractNum>"""


def numbered(document, text: str, level: int, num_id: int = 90) -> None:
    """A paragraph in Word's numbered list at *level* (0 is the outermost)."""
    list_paragraph(document, text, num_id, level)


def word_numbering(document) -> None:
    part = document.part.numbering_part.element
    part.insert(0, parse_xml(NUMBERING.format(ns=nsdecls("w"))))
    part.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))




@pytest.fixture
def word_file(tmp_path) -> Path:
    picture = tmp_path / "logo.png"
    Image.new("RGB", (30, 30), (10, 90, 160)).save(picture)
    document = docx.Document()
    word_numbering(document)
    document.add_paragraph("Partnership Bulletin – May 2024", style="Title")
    document.add_heading("Introduction", level=1)
    document.add_paragraph("Welcome to the spring bulletin.")
    link_only = document.add_paragraph()
    add_link(link_only, "https://example.org/annual-report.pdf", "Read our annual report")
    to_a_file = document.add_paragraph()
    add_link(to_a_file, "minutes.pdf", "Meeting minutes (PDF)")
    document.add_heading("Training", level=1)
    linked_heading = document.add_heading("", level=2)
    add_link(linked_heading, "https://example.org/course", "Book the course")
    numbered(document, "Plan the day", 0)
    numbered(document, "Invite speakers", 1)
    numbered(document, "Send the agenda", 1)
    numbered(document, "Print it", 2)
    numbered(document, "Run the day", 0)
    numbered(document, "Thank everyone", 2)  # Word lets a level be skipped
    document.add_paragraph("Who does what", style="List Bullet")
    document.add_paragraph("Chair opens", style="List Bullet 2")
    document.add_paragraph("Everyone else", style="List Bullet")
    document.add_heading("Partners ", level=2).add_run().add_picture(str(picture))
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate((("Area", "Lead", "Phone"), ("North", "Ann", "0161 000 0000"),
                                 ("South", "Raj", "0117 000 0000"))):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    closing = document.add_paragraph("Please write to me about any of this or")
    closing.add_run().add_break()
    add_link(closing, "https://example.org/contact", "click here")
    closing.add_run(" to get in touch.")
    document.add_paragraph("With best wishes,")
    document.add_paragraph("Jo Bloggs")
    document.add_paragraph("Chair")
    path = tmp_path / "bulletin.docx"
    document.save(path)
    return path


def blocks(result, title):
    return next(s for s in result.issue.sections if s.title == title).blocks


def test_a_line_that_is_a_link_stays_a_link_and_a_link_to_a_file_is_reported(word_file, tmp_path):
    result = import_docx(word_file, tmp_path / "images")
    intro = blocks(result, "Introduction")
    assert [s.title for s in result.issue.sections] == ["Introduction", "Training"]
    assert TextBlock(markdown="[Read our annual report](https://example.org/annual-report.pdf)",
                     id=intro[1].id) == intro[1]
    minutes = intro[2]
    assert isinstance(minutes, TextBlock) and minutes.markdown == "Meeting minutes (PDF)"
    reported = [i for i in result.report.attention if i.block_id == minutes.id and not i.from_checks]
    assert len(reported) == 1 and "minutes.pdf" in reported[0].message


def test_a_heading_that_is_a_link_keeps_it(word_file, tmp_path):
    result = import_docx(word_file, tmp_path / "images")
    first = blocks(result, "Training")[0]
    assert isinstance(first, TextBlock) and first.markdown == "**[Book the course](https://example.org/course)**"
    assert any(i.block_id == first.id and "kept as bold text with its link" in i.message for i in result.report.attention)


def test_word_numbered_list_keeps_its_levels_and_a_skipped_level_does_not_spill_into_text(word_file, tmp_path):
    result = import_docx(word_file, tmp_path / "images")
    markdown = next(b.markdown for b in blocks(result, "Training") if isinstance(b, TextBlock) and "Plan" in b.markdown)
    html = str(markdown_to_html(markdown)).replace("\n", "")
    assert html == ("<ol><li>Plan the day<ol><li>Invite speakers</li><li>Send the agenda<ol><li>Print it</li></ol>"
                    "</li></ol></li><li>Run the day<ol><li>Thank everyone</li></ol></li></ol>")


def test_list_bullet_2_nests_under_the_item_above(word_file, tmp_path):
    result = import_docx(word_file, tmp_path / "images")
    markdown = next(b.markdown for b in blocks(result, "Training") if isinstance(b, TextBlock) and "Chair opens" in b.markdown)
    assert markdown == "- Who does what\n  - Chair opens\n- Everyone else"


def test_a_picture_in_a_heading_is_kept_after_it(word_file, tmp_path):
    training = blocks(import_docx(word_file, tmp_path / "images"), "Training")
    heading = next(i for i, b in enumerate(training) if isinstance(b, HeadingBlock) and b.text == "Partners")
    assert isinstance(training[heading + 1], ImageBlock)


def test_a_table_becomes_a_list_of_rows_and_the_report_says_so(word_file, tmp_path):
    result = import_docx(word_file, tmp_path / "images")
    table = next(b for b in blocks(result, "Training") if isinstance(b, TextBlock) and "North" in b.markdown)
    assert table.markdown == "- Area – Lead – Phone\n- North – Ann – 0161 000 0000\n- South – Raj – 0117 000 0000"
    assert [s.title for s in result.issue.sections] == ["Introduction", "Training"]  # no section per cell
    assert any(i.block_id == table.id and "table of 3 rows and 3 columns" in i.message for i in result.report.attention)


def test_the_sign_off_is_a_signature_not_an_empty_section(word_file, tmp_path):
    training = blocks(import_docx(word_file, tmp_path / "images"), "Training")
    assert isinstance(training[-2], TextBlock) and training[-2].markdown == "With best wishes,"
    assert isinstance(training[-1], SignatureBlock) and (training[-1].name, training[-1].role) == ("Jo Bloggs", "Chair")


def test_a_line_break_before_a_link_leaves_no_words_run_together(word_file, tmp_path):
    result = import_docx(word_file, tmp_path / "images")
    assert not [i for i in result.report.attention if "orclick" in i.message.replace(" ", "")]
    closing = next(b for b in blocks(result, "Training") if isinstance(b, TextBlock) and "get in touch" in b.markdown)
    assert "or\\\n[click here](https://example.org/contact) to get in touch." in closing.markdown
    assert "this or<br>\n<a href" in str(markdown_to_html(closing.markdown))  # Word's line break shows as one


def test_nothing_of_the_word_file_is_lost_and_the_notes_are_in_a_coordinators_words(word_file, tmp_path):
    result = import_docx(word_file, tmp_path / "images")
    text = "\n".join(p.text for p in docx.Document(word_file).paragraphs)
    assert lost_lines(text, result.issue) == []
    notes = " ".join(i.message for i in result.report.notes)
    assert "referenced" not in notes and "Style ID" not in notes and "w:" not in notes
