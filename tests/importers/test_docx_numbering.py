"""A Word file's numbered lists come out with the numbers Word shows: start values, restarts, lists that
go on counting after a paragraph, separate lists kept apart, letters and roman numerals named in the report.

The files are made at test time with python-docx; their numbering definitions (numbering.xml) are written
here by hand the way Word writes them (docx_helpers.define_list / list_instance / list_paragraph).
"""

import re

import docx
import lxml.html
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from composer.importers import import_docx
from composer.model import TextBlock
from composer.render.markdown import markdown_to_html

from docx_helpers import define_list, list_instance, list_paragraph
from word_list_fidelity import SCENARIOS, measure


def texts(result) -> list[str]:
    return [b.markdown for s in result.issue.sections for b in s.blocks if isinstance(b, TextBlock)]


def email(result) -> str:
    return "".join(str(markdown_to_html(markdown)).replace("\n", "") for markdown in texts(result))


def shown_numbers(html: str) -> dict[str, int]:
    """Item text → the number a reader of the email sees before it."""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    numbers = {}
    for ordered in root.iter("ol"):
        start = int(ordered.get("start") or 1)
        for offset, item in enumerate(child for child in ordered if child.tag == "li"):
            own = [item.text or ""] + [(c.text_content() if c.tag not in ("ol", "ul") else "") + (c.tail or "")
                                       for c in item]
            numbers[" ".join("".join(own).split())] = start + offset
    return numbers


def save(document, tmp_path, name="lists.docx"):
    path = tmp_path / name
    document.save(path)
    return import_docx(path, tmp_path / "images")


def new_document(title="Volunteer update"):
    document = docx.Document()
    document.add_heading(title, level=1)
    return document


def test_a_list_word_starts_at_3_starts_at_3_in_the_email(tmp_path):
    document = new_document()
    define_list(document, 60, [("decimal", 3)])
    list_instance(document, 60, 60)
    document.add_paragraph("Carrying on from last month:")
    list_paragraph(document, "Paint the fence", 60)
    list_paragraph(document, "Fix the gate", 60)
    result = save(document, tmp_path)
    assert texts(result) == ["Carrying on from last month:\n\n3. Paint the fence\n4. Fix the gate"]
    assert '<ol start="3"><li>Paint the fence</li><li>Fix the gate</li></ol>' in email(result)


def test_restart_numbering_right_after_a_list_gives_two_lists_each_from_1(tmp_path):
    document = new_document()
    define_list(document, 61, [("decimal", 1)])
    list_instance(document, 61, 61)
    list_instance(document, 62, 61, {0: 1})  # Word's "Restart at 1": the same list style, begun again
    for text in ("Morning walk", "Lunch"):
        list_paragraph(document, text, 61)
    for text in ("Evening talk", "Supper"):
        list_paragraph(document, text, 62)
    html = email(save(document, tmp_path))
    assert html == "<ol><li>Morning walk</li><li>Lunch</li></ol><ol><li>Evening talk</li><li>Supper</li></ol>"


def test_two_different_lists_one_straight_after_the_other_stay_two_lists(tmp_path):
    document = new_document()
    define_list(document, 63, [("decimal", 1)])
    define_list(document, 64, [("decimal", 1)])
    define_list(document, 65, [("bullet", 1)])
    define_list(document, 66, [("bullet", 1)])
    for num in (63, 64, 65, 66):
        list_instance(document, num, num)
    list_paragraph(document, "Kettle", 63)
    list_paragraph(document, "Cups", 63)
    list_paragraph(document, "Milk", 64)
    list_paragraph(document, "Sugar", 64)
    list_paragraph(document, "Chairs", 65)
    list_paragraph(document, "Tables", 66)
    result = save(document, tmp_path)
    assert email(result) == ("<ol><li>Kettle</li><li>Cups</li></ol><ol><li>Milk</li><li>Sugar</li></ol>"
                             "<ul><li>Chairs</li></ul><ul><li>Tables</li></ul>")


def test_a_list_word_continues_after_a_paragraph_goes_on_counting(tmp_path):
    document = new_document()
    define_list(document, 67, [("decimal", 1)])
    list_instance(document, 67, 67)
    list_instance(document, 68, 67)  # another instance of the same list, not restarted: Word continues
    list_paragraph(document, "Register", 67)
    list_paragraph(document, "Pay the fee", 67)
    document.add_paragraph("The fee is waived for members this year.")
    list_paragraph(document, "Collect your badge", 67)
    list_paragraph(document, "Find your table", 68)
    numbers = shown_numbers(email(save(document, tmp_path)))
    assert numbers == {"Register": 1, "Pay the fee": 2, "Collect your badge": 3, "Find your table": 4}


def test_set_numbering_value_in_word_gives_that_number(tmp_path):
    document = new_document()
    define_list(document, 69, [("decimal", 1)])
    list_instance(document, 69, 69, {0: 7})  # "Set numbering value: 7"
    list_paragraph(document, "Seventh point", 69)
    list_paragraph(document, "Eighth point", 69)
    assert shown_numbers(email(save(document, tmp_path))) == {"Seventh point": 7, "Eighth point": 8}


def test_sub_items_begin_again_under_each_item_unless_the_level_never_restarts(tmp_path):
    document = new_document()
    define_list(document, 70, [("decimal", 1), ("decimal", 1)])
    define_list(document, 71, [("decimal", 1), ("decimal", 1)], restart_never=(1,))
    list_instance(document, 70, 70)
    list_instance(document, 71, 71)
    for num, prefix in ((70, "A"), (71, "B")):
        list_paragraph(document, f"{prefix} first", num)
        list_paragraph(document, f"{prefix} first one", num, 1)
        list_paragraph(document, f"{prefix} first two", num, 1)
        list_paragraph(document, f"{prefix} second", num)
        list_paragraph(document, f"{prefix} second one", num, 1)
        document.add_paragraph(f"End of {prefix}.")
    numbers = shown_numbers(email(save(document, tmp_path)))
    assert numbers["A second one"] == 1  # a sub-level starts again under each new item
    assert numbers["B second one"] == 3  # w:lvlRestart 0: it goes on counting
    assert numbers["B second"] == 2 and numbers["B first two"] == 2


def test_word_list_number_style_counts_on_across_a_paragraph_as_word_does(tmp_path):
    document = new_document()
    document.add_paragraph("Pack the boxes", style="List Number")
    document.add_paragraph("Label them", style="List Number")
    document.add_paragraph("Then take a break.")
    document.add_paragraph("Load the van", style="List Number")
    result = save(document, tmp_path)
    assert shown_numbers(email(result)) == {"Pack the boxes": 1, "Label them": 2, "Load the van": 3}
    assert texts(result)[-1] == "3. Load the van"  # a list of one item stays a list, not a heading


@pytest.mark.parametrize("bookmarked", [False, True])
def test_an_empty_numbered_paragraph_keeps_its_number_taken(tmp_path, bookmarked):
    document = new_document()
    define_list(document, 72, [("decimal", 1)])
    list_instance(document, 72, 72)
    list_paragraph(document, "Open the hall", 72)
    empty = list_paragraph(document, "", 72)  # Word shows "2." on an empty line
    if bookmarked:  # a bookmark shows nothing but mammoth writes it as an empty link
        empty._p.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="0" w:name="hall"/>'))
        empty._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="0"/>'))
    list_paragraph(document, "Set out chairs", 72)
    assert shown_numbers(email(save(document, tmp_path))) == {"Open the hall": 1, "Set out chairs": 3}


def test_letters_and_roman_numerals_keep_their_place_and_are_named_in_needs_attention(tmp_path):
    document = new_document()
    define_list(document, 73, [("decimal", 1), ("lowerLetter", 1), ("lowerRoman", 1)])
    define_list(document, 74, [("upperLetter", 3)])
    list_instance(document, 73, 73)
    list_instance(document, 74, 74)
    list_paragraph(document, "Before the fair", 73)
    list_paragraph(document, "Book the field", 73, 1)
    list_paragraph(document, "Ask the farmer first", 73, 2)
    list_paragraph(document, "Hire the tent", 73, 1)
    document.add_paragraph("Options for the raffle:")
    list_paragraph(document, "Hamper", 74)
    list_paragraph(document, "Voucher", 74)
    result = save(document, tmp_path)
    numbers = shown_numbers(email(result))
    assert numbers == {"Before the fair": 1, "Book the field": 1, "Ask the farmer first": 1, "Hire the tent": 2,
                       "Hamper": 3, "Voucher": 4}
    report = result.report.as_text()
    attention = report.split("Needs attention")[1].split("Notes:")[0]
    assert ("a list numbered a, b near “Book the field” is now numbered 1, 2, as lists in an email can only "
            "count in figures; check that nothing refers to an item as “b”") in attention
    assert "a list numbered i near “Ask the farmer first” is now numbered 1" in attention
    assert "a list numbered C, D near “Hamper” is now numbered 3, 4" in attention
    # Each note names the block the list is in.
    hamper = next(b for s in result.issue.sections for b in s.blocks if "Hamper" in getattr(b, "markdown", ""))
    assert any(i.block_id == hamper.id and "C, D" in i.message for i in result.report.attention)


def test_a_plain_numbered_list_gets_no_note(tmp_path):
    document = new_document()
    define_list(document, 75, [("decimal", 1)])
    list_instance(document, 75, 75)
    list_paragraph(document, "Only figures here", 75)
    result = save(document, tmp_path)
    assert not [i for i in result.report.attention if not i.from_checks]


def test_a_file_with_broken_numbering_still_imports_every_item(tmp_path):
    document = new_document()
    define_list(document, 76, [("decimal", 1)])
    list_instance(document, 76, 76)
    list_paragraph(document, "Kept anyway", 76)
    list_paragraph(document, "This one is also kept.", 99)  # an instance the file never defines
    result = save(document, tmp_path)
    assert "Kept anyway" in email(result) and "This one is also kept." in email(result)


@pytest.mark.parametrize("restart", [True, False])
def test_every_list_reads_back_the_same_through_the_text_box(qapp, tmp_path, restart):
    """The text box loads the email's HTML and writes Markdown again: start numbers and splits survive."""
    from PySide6.QtGui import QTextDocument

    from composer.ui.editors.markdown_writer import document_to_markdown

    document = new_document()
    define_list(document, 77, [("decimal", 4), ("lowerLetter", 1)])
    list_instance(document, 77, 77)
    list_instance(document, 78, 77, {0: 1} if restart else None)
    document.add_paragraph("Steps:")
    list_paragraph(document, "Fourth", 77)
    list_paragraph(document, "Under it", 77, 1)
    list_paragraph(document, "Fifth", 77)
    list_paragraph(document, "Next list", 78)
    for markdown in texts(save(document, tmp_path)):
        written = QTextDocument()
        written.setHtml(str(markdown_to_html(markdown)))
        assert document_to_markdown(written) == markdown
    assert re.search(r"(?m)^1[.)] Next list$" if restart else r"(?m)^6[.)] Next list$", "\n".join(texts(
        save(document, tmp_path, "again.docx"))))


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_each_scenario_shows_words_numbers_and_splits_as_word_does(tmp_path, name):
    from composer.importers import visible_text

    figures = measure(name, tmp_path, import_docx, visible_text, markdown_to_html)
    assert figures.wrong == []
    assert figures.numbered_right == figures.numbered and figures.lists_apart_kept == figures.lists_apart
    assert figures.words_lost == 0
