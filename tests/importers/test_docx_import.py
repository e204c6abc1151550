"""A coordinator imports a Word newsletter made with python-docx at test time."""

from pathlib import Path

import docx
import pytest
from PIL import Image

from composer.importers import ImportFileError, import_docx, import_file, lost_lines
from composer.model import ButtonBlock, HeadingBlock, ImageBlock, TextBlock

from docx_helpers import add_link




@pytest.fixture
def word_newsletter(tmp_path) -> Path:
    picture = tmp_path / "garden.png"
    Image.new("RGB", (40, 20), (30, 120, 60)).save(picture)
    document = docx.Document()
    document.add_paragraph("Members' Bulletin – March 2024", style="Title")
    document.add_heading("Introduction", level=1)
    intro = document.add_paragraph("We are ")
    intro.add_run("very").bold = True
    intro.add_run(" pleased to share ")
    intro.add_run("good").italic = True
    intro.add_run(" news. Visit ")
    add_link(intro, "https://example.org/news", "our news page")
    intro.add_run(".")
    document.add_heading("Association News", level=1)
    document.add_heading("The Garden Project", level=2)
    document.add_paragraph("What volunteers did:")
    document.add_paragraph("Dug the beds", style="List Bullet")
    document.add_paragraph("Planted bulbs", style="List Bullet")
    document.add_picture(str(picture))
    document.inline_shapes[0]._inline.docPr.set("descr", "Volunteers planting bulbs in the garden")
    document.add_paragraph("JOIN THE TEAM")
    document.add_heading("Quiet Corner", level=1)
    document.add_paragraph("A new space to sit and read.")
    path = tmp_path / "bulletin.docx"
    document.save(path)
    return path


def test_word_headings_become_sections_and_headings(word_newsletter, tmp_path):
    issue = import_docx(word_newsletter, tmp_path / "out" / "images").issue
    assert issue.title == "Members' Bulletin – March 2024"
    assert [(s.kind, s.title) for s in issue.sections] == [
        ("introduction", "Introduction"), ("news", "Association News"), ("custom", "Quiet Corner"),
    ]
    heading = issue.sections[1].blocks[0]
    assert isinstance(heading, HeadingBlock) and (heading.text, heading.level) == ("The Garden Project", 3)


def test_bold_italic_and_links_survive(word_newsletter, tmp_path):
    intro = import_docx(word_newsletter, tmp_path / "images").issue.sections[0].blocks[0]
    assert isinstance(intro, TextBlock)
    assert intro.markdown == "We are **very** pleased to share *good* news. Visit [our news page](https://example.org/news)."


def test_lists_stay_lists_and_pictures_are_saved_with_alt_text(word_newsletter, tmp_path):
    images_dir = tmp_path / "out" / "images"
    result = import_docx(word_newsletter, images_dir)
    news = result.issue.sections[1].blocks
    assert [b.type for b in news] == ["heading", "text", "image", "button"]
    assert news[1].markdown == "What volunteers did:\n\n- Dug the beds\n- Planted bulbs"
    image = news[2]
    assert isinstance(image, ImageBlock) and image.alt == "Volunteers planting bulbs in the garden"
    saved = images_dir.parent / image.src
    assert saved.exists() and Image.open(saved).size == (40, 20)
    assert isinstance(news[3], ButtonBlock)
    assert [item.block_id for item in result.report.attention if not item.from_checks] == []
    assert news[3].id in [item.block_id for item in result.report.attention if "has no address" in item.message]


def test_no_paragraph_of_the_word_file_is_lost(word_newsletter, tmp_path):
    issue = import_docx(word_newsletter, tmp_path / "images").issue
    text = "\n".join(p.text for p in docx.Document(word_newsletter).paragraphs)
    assert lost_lines(text, issue) == []


def test_import_file_picks_the_word_importer_by_extension(word_newsletter, tmp_path):
    result = import_file(word_newsletter, tmp_path / "pictures")
    assert result.issue.sections[0].title == "Introduction"
    assert (tmp_path / "pictures").is_dir()


def test_a_broken_word_file_gives_a_clear_error(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_text("this is not a zip")
    with pytest.raises(ImportFileError, match="broken.docx: this is not a Word document"):
        import_docx(broken, tmp_path / "images")
