"""What Word shows before a numbered paragraph beyond a plain figure: numbered headings keep their label
("2.1 Our plans"), and lists whose labels the email cannot show ("1.2", "First", "01", no number at all,
picture bullets) keep every item and are named once per list in "Needs attention".

Files are made at test time with python-docx, numbering written by hand the way Word writes it
(docx_helpers); every expected label is worked out by hand from Word's rules, not by the importer.
"""

import docx
import pytest

from composer.importers import import_docx
from composer.model import HeadingBlock, TextBlock

from docx_helpers import define_list, list_instance, list_paragraph, number_paragraph, number_style


def save(document, tmp_path, name="labels.docx"):
    path = tmp_path / name
    document.save(path)
    return import_docx(path, tmp_path / "images")


def headings(result) -> list[str]:
    """Section titles and heading blocks, in order: whatever the importer made of Word's headings."""
    out = []
    for section in result.issue.sections:
        out.append(section.title)
        out.extend(b.text for b in section.blocks if isinstance(b, HeadingBlock))
    return out


def texts(result) -> list[str]:
    return [b.markdown for s in result.issue.sections for b in s.blocks if isinstance(b, TextBlock)]


def attention(result) -> list[str]:
    return [i.message for i in result.report.attention if not i.from_checks]


def new_document():
    document = docx.Document()
    document.add_heading("Spring newsletter", 0)
    return document


@pytest.mark.parametrize("linked_back", [True, False], ids=["level names its style", "only the style names the list"])
def test_headings_numbered_through_their_style_keep_words_label(tmp_path, linked_back):
    document = new_document()
    # Word's multi-level heading numbering: "1", "1.1" (lvlText "%1", "%1.%2").
    define_list(document, 80, [("decimal", 1, "%1"), ("decimal", 1, "%1.%2")],
                styles={0: "Heading1", 1: "Heading2"} if linked_back else None)
    list_instance(document, 80, 80)
    number_style(document, "Heading 1", 80)
    number_style(document, "Heading 2", 80, 1)
    document.add_heading("Introduction", 1)
    document.add_paragraph("A warm welcome to everyone who joined us this spring.")
    document.add_heading("Who we are", 2)
    document.add_paragraph("We are a small charity run by volunteers from the village.")
    document.add_heading("Our plans", 2)
    document.add_paragraph("We hope to open the community garden before the summer holidays.")
    document.add_heading("Next year", 1)
    document.add_heading("Events", 2)
    document.add_paragraph("The autumn fair will be on the green as usual, weather permitting.")
    result = save(document, tmp_path)
    assert headings(result) == ["1 Introduction", "1.1 Who we are", "1.2 Our plans", "2 Next year", "2.1 Events"]
    assert attention(result) == []  # nothing lost, nothing to say


def test_headings_numbered_by_their_own_paragraph_show_letters_roman_words_and_legal_figures(tmp_path):
    document = new_document()
    define_list(document, 81, [("upperRoman", 1, "Part %1."), ("lowerLetter", 1, "%2)"), ("decimal", 1, "%1.%2.%3")],
                legal=(2,))
    list_instance(document, 81, 81)
    number_paragraph(document.add_heading("Welcome", 1), 81, 0)
    document.add_paragraph("Our chair writes about a busy first half of the year.")
    number_paragraph(document.add_heading("Thanks", 1), 81, 0)
    number_paragraph(document.add_heading("Donors", 2), 81, 1)
    number_paragraph(document.add_heading("Volunteers", 2), 81, 1)
    number_paragraph(document.add_heading("Drivers", 3), 81, 2)  # isLgl: the roman II and letter b in figures
    document.add_paragraph("Every one of them gave up their weekends for the food bank.")
    result = save(document, tmp_path)
    assert headings(result) == ["Part I. Welcome", "Part II. Thanks", "a) Donors", "b) Volunteers", "2.2.1 Drivers"]


def test_a_heading_without_a_number_in_word_gets_none(tmp_path):
    document = new_document()
    define_list(document, 82, [("decimal", 1, "%1."), ("none", 1, "")])
    list_instance(document, 82, 82)
    number_style(document, "Heading 1", 82)
    document.add_heading("News", 1)
    document.add_paragraph("Plenty has happened in the village since the last issue went out.")
    number_paragraph(document.add_heading("Diary", 1), 0)  # numId 0: "None" chosen on this heading
    document.add_paragraph("Dates for the rest of the year are listed below for your calendar.")
    number_paragraph(document.add_heading("Notices", 1), 82, 1)  # a level showing no number
    document.add_paragraph("The hall will be closed for repairs during the whole of August.")
    document.add_heading("Contacts", 1)
    document.add_paragraph("Write to the secretary at any time with questions or ideas.")
    assert headings(save(document, tmp_path)) == ["1. News", "Diary", "Notices", "2. Contacts"]


def test_a_multi_level_list_keeps_its_nesting_and_is_named_once(tmp_path):
    document = new_document()
    document.add_paragraph("How the open day will run, step by step:")
    define_list(document, 83, [("decimal", 1, "%1."), ("decimal", 1, "%1.%2."), ("decimal", 1, "%1.%2.%3.")])
    list_instance(document, 83, 83)
    for text, level in [("Plan the day", 0), ("Book the hall", 1), ("Confirm the caterer", 1),
                        ("Tell the neighbours", 2), ("Run the day", 0), ("Set up the tables", 1)]:
        list_paragraph(document, text, 83, level)
    result = save(document, tmp_path)
    assert texts(result)[-1].split("\n\n")[-1] == ("1. Plan the day\n   1. Book the hall\n   2. Confirm the caterer\n"
                                 "      1. Tell the neighbours\n2. Run the day\n   1. Set up the tables")
    notes = attention(result)
    assert notes == ["a list numbered 1.1, 1.2 near “Book the hall” now shows 1, 2 under 1, as a list in an email "
                     "shows only each item's own number, in figures; check that nothing refers to an item as “1.2”"]
    block = next(b for s in result.issue.sections for b in s.blocks if "Book the hall" in getattr(b, "markdown", ""))
    assert [i.block_id for i in result.report.attention if "1.1, 1.2" in i.message] == [block.id]


@pytest.mark.parametrize("number_format, start, labels", [
    ("ordinal", 1, "1st, 2nd, 3rd…"),
    ("cardinalText", 1, "One, Two, Three…"),
    ("ordinalText", 1, "First, Second, Third…"),
    ("decimalZero", 8, "08, 09, 10…"),
])
def test_other_number_formats_keep_every_item_in_place_and_are_named(tmp_path, number_format, start, labels):
    document = new_document()
    document.add_paragraph("The order of the evening:")
    define_list(document, 84, [(number_format, start, "%1.")])
    list_instance(document, 84, 84)
    for text in ("Arrive and find a seat", "Hear the speaker", "Ask your questions", "Head home"):
        list_paragraph(document, text, 84)
    result = save(document, tmp_path)
    assert texts(result)[-1].split("\n\n")[-1] == "\n".join(f"{start + k}. {text}" for k, text in enumerate(
        ("Arrive and find a seat", "Hear the speaker", "Ask your questions", "Head home")))
    figures = f"{start}, {start + 1}, {start + 2}…"
    second = labels.split(", ")[1]
    assert attention(result) == [f"a list numbered {labels} near “Arrive and find a seat” now shows {figures}, as a "
                                 "list in an email shows only each item's own number, in figures; check that nothing "
                                 f"refers to an item as “{second}”"]


def test_words_word_writes_around_the_number_are_named(tmp_path):
    document = new_document()
    document.add_paragraph("Before you come:")
    define_list(document, 85, [("decimal", 1, "Step %1:")])
    list_instance(document, 85, 85)
    list_paragraph(document, "Register online", 85)
    list_paragraph(document, "Print your ticket", 85)
    result = save(document, tmp_path)
    assert texts(result)[-1].split("\n\n")[-1] == "1. Register online\n2. Print your ticket"
    assert attention(result)[0].startswith("a list numbered Step 1, Step 2 near “Register online” now shows 1, 2,")


def test_a_list_level_word_shows_no_number_on_becomes_plain_paragraphs(tmp_path):
    document = new_document()
    document.add_paragraph("Club notices:")
    define_list(document, 86, [("none", 1, "")])
    list_instance(document, 86, 86)
    list_paragraph(document, "Doors open at six", 86)
    list_paragraph(document, "Bring a plate to share", 86)
    document.add_paragraph("Weekly meetings:")
    define_list(document, 87, [("decimal", 1, "%1."), ("none", 1, "")])
    list_instance(document, 87, 87)
    list_paragraph(document, "Choir practice", 87)
    list_paragraph(document, "Tuesdays in the small hall", 87, 1)  # Word: indented, no number
    list_paragraph(document, "Bake sale", 87)
    result = save(document, tmp_path)
    markdown = "\n\n".join(texts(result))
    assert "Doors open at six\n\nBring a plate to share" in markdown
    assert "1. Choir practice\n\n   Tuesdays in the small hall\n2. Bake sale" in markdown
    assert "1. Doors" not in markdown and "1. Tuesdays" not in markdown
    notes = attention(result)
    assert len(notes) == 2
    assert notes[0].startswith("lines near “Doors open at six” have no number in Word")
    assert notes[1].startswith("lines near “Tuesdays in the small hall” have no number in Word")


def test_picture_bullets_are_named(tmp_path):
    document = new_document()
    document.add_paragraph("What to bring on the walk:")
    define_list(document, 88, [("bullet", 1, "\uf0b7")], pictures=(0,))
    list_instance(document, 88, 88)
    list_paragraph(document, "Stout boots", 88)
    list_paragraph(document, "A flask of tea", 88)
    result = save(document, tmp_path)
    assert texts(result)[-1].split("\n\n")[-1] == "- Stout boots\n- A flask of tea"
    assert attention(result) == ["a list with picture bullets near “Stout boots” now shows plain bullets (•); "
                                 "check it still reads well"]


def test_plain_figures_letters_and_ordinary_bullets_get_no_new_note(tmp_path):
    document = new_document()
    document.add_paragraph("Three lists Word and the email show alike:")
    define_list(document, 89, [("decimal", 1, "%1)"), ("bullet", 1, "o")])
    list_instance(document, 89, 89)
    list_paragraph(document, "First thing", 89)
    list_paragraph(document, "A detail", 89, 1)
    list_paragraph(document, "Second thing", 89)
    result = save(document, tmp_path)
    assert attention(result) == []


def test_a_paragraph_numbered_only_through_its_own_style_keeps_its_number_as_words(tmp_path):
    """mammoth sees no list when only the style names the numbering; the number Word shows stays as text."""
    from docx.enum.style import WD_STYLE_TYPE

    document = new_document()
    document.styles.add_style("Clause", WD_STYLE_TYPE.PARAGRAPH)
    define_list(document, 90, [("decimal", 1, "%1.")])
    list_instance(document, 90, 90)
    number_style(document, "Clause", 90)
    document.add_paragraph("The rules of the club, as agreed at the meeting:")
    document.add_paragraph("Members meet on the first Monday of the month.", style="Clause")
    document.add_paragraph("Guests are welcome at every meeting.", style="Clause")
    markdown = "\n\n".join(texts(save(document, tmp_path)))
    assert "1\\. Members meet on the first Monday of the month." in markdown
    assert "2\\. Guests are welcome at every meeting." in markdown
