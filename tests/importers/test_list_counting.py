"""Lists counted in letters or roman numerals: the email can only count in figures, so each item keeps its
place's number (c → 3, iv → 4) and, where there is an import report, the report names the list.

The clipboard HTML here is ours, in the shapes Word (mso-list paragraphs with their typed markers),
Google Docs (list-style-type on each item) and LibreOffice (<ol type start>) write.
"""

from composer.importers import clean_pasted_html
from composer.importers.html_paragraphs import html_paragraphs
from composer.render.markdown import markdown_to_html


def word_item(marker: str, text: str, level: int = 1, list_id: int = 0, override: int = 1) -> str:
    return (f"<p class=MsoListParagraph style='margin-left:{level * 0.5}in;text-indent:-.25in;"
            f"mso-list:l{list_id} level{level} lfo{override}'><![if !supportLists]><span style='mso-list:Ignore'>"
            f"{marker}<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp; </span></span><![endif]>{text}</p>")


def email(markdown: str) -> str:
    return str(markdown_to_html(markdown)).replace("\n", "")


def test_a_word_list_counting_in_letters_keeps_each_items_place():
    html = word_item("c)", "Bring the banners") + word_item("d)", "Hang them by the door")
    markdown = clean_pasted_html(html)
    assert markdown == "3. Bring the banners\n4. Hang them by the door"
    assert email(markdown) == '<ol start="3"><li>Bring the banners</li><li>Hang them by the door</li></ol>'


def test_word_roman_numerals_under_a_numbered_item_count_from_their_own_start():
    html = (word_item("1.", "Before the day") + word_item("i.", "Book the hall", 2) + word_item("ii.", "Order tea", 2)
            + word_item("iii.", "Print badges", 2) + word_item("2.", "On the day"))
    assert clean_pasted_html(html) == ("1. Before the day\n   1. Book the hall\n   2. Order tea\n   3. Print badges\n"
                                       "2. On the day")


def test_google_docs_letters_written_as_a_style_on_each_item_are_numbers_by_place():
    html = ('<b style="font-weight:normal;" id="docs-internal-guid-1"><ol style="margin-top:0">'
            '<li dir="ltr" style="list-style-type:upper-alpha;"><p dir="ltr"><span>Choose a date</span></p></li>'
            '<li dir="ltr" style="list-style-type:upper-alpha;"><p dir="ltr"><span>Tell the members</span></p></li>'
            '</ol></b>')
    assert clean_pasted_html(html) == "1. Choose a date\n2. Tell the members"


def test_libreoffice_letters_from_a_later_start_keep_that_start():
    html = '<ol type="a" start="5"><li><p>Fifth step</p></li><li><p>Sixth step</p></li></ol>'
    assert clean_pasted_html(html) == "5. Fifth step\n6. Sixth step"


def test_the_import_names_each_list_that_counted_in_letters_in_a_coordinators_words():
    html = ('<ol type="a" start="3"><li>Bring the banners</li><li>Hang them</li></ol>'
            '<ol style="list-style-type:lower-roman"><li>One</li><li>Two</li><li>Three</li><li>Four</li></ol>'
            '<ol><li>Plain</li></ol>')
    letters, roman, plain = html_paragraphs(html)
    assert letters.notes == ("a list numbered c, d near “Bring the banners” is now numbered 3, 4, as lists in an "
                             "email can only count in figures; check that nothing refers to an item as “d”",)
    assert roman.notes == ("a list numbered i, ii, iii… near “One” is now numbered 1, 2, 3…, as lists in an email "
                           "can only count in figures; check that nothing refers to an item as “ii”",)
    assert plain.notes == ()


def test_word_sub_lists_in_letters_under_every_item_make_one_note():
    html = (word_item("1.", "Before") + word_item("a.", "Book", 2) + word_item("b.", "Pay", 2)
            + word_item("2.", "After") + word_item("a.", "Thank", 2))
    [paragraph] = html_paragraphs(html)
    assert paragraph.notes == ("2 lists numbered a, b (the first near “Book”) are now numbered 1, 2, as lists in an "
                               "email can only count in figures; check that nothing refers to an item as “b”",)


def test_a_list_whose_only_item_carries_a_sub_list_takes_that_sub_lists_count():
    """Word and pandoc write a first item at a deeper level as an empty item holding the sub-list."""
    [paragraph] = html_paragraphs('<ol><li><ol type="a" start="2"><li>Second thing</li><li>Third</li></ol></li></ol>')
    assert paragraph.markdown == "2. Second thing\n3. Third"
    assert paragraph.notes and paragraph.notes[0].startswith("a list numbered b, c near “Second thing”")


def test_two_word_lists_pasted_one_after_the_other_stay_two_through_the_text_box(qapp):
    """Each list keeps its own numbers in the email, and the text box writes them back apart."""
    from PySide6.QtGui import QTextDocument

    from composer.ui.editors.markdown_writer import document_to_markdown

    html = (word_item("1.", "Lay the tables") + word_item("2.", "Light the urn")
            + word_item("1.", "Greet the guests", list_id=1, override=2) + word_item("2.", "Take coats", list_id=1, override=2))
    markdown = clean_pasted_html(html)
    assert email(markdown) == ("<ol><li>Lay the tables</li><li>Light the urn</li></ol>"
                               "<ol><li>Greet the guests</li><li>Take coats</li></ol>")
    written = QTextDocument()
    written.setHtml(str(markdown_to_html(markdown)))
    assert document_to_markdown(written) == markdown
