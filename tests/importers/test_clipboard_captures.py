"""Clean paste of real clipboard captures keeps words, links, bold, italic, list depth and numbers.

The captures are CKEditor 4 and CKEditor 5 test data (Word 2007–2016 on Windows and macOS in
Chrome, Firefox, Safari and Edge; Google Docs; LibreOffice), licensed GPL-2.0-or-later (CKEditor 5)
and GPL/LGPL/MPL (CKEditor 4.22.1), so they are not in this repository: they are read from the folder
named by NEWSLETTER_CLIPBOARD_CAPTURES, else ../shared/clipboard-captures beside the repository, whose
README.md and index.json name each source and licence; without them this module is skipped and
test_own_clipboard_fixtures.py (our own fixtures of the same shapes) still guards every rule.
The targets are those of issue 17; how each figure is measured is in clipboard_fidelity.py.
"""

import pytest
from clipboard_fidelity import FIXTURES, MISSING, Figures, capture_html, captures, measure

from composer.importers import clean_pasted_html
from composer.render.markdown import markdown_to_html

if FIXTURES is None:
    pytest.skip(MISSING, allow_module_level=True)

CAPTURES = captures()


def pasted(capture: dict) -> str:
    return clean_pasted_html(capture_html(capture))


@pytest.fixture(scope="module")
def figures() -> Figures:
    total = Figures()
    for capture in CAPTURES:
        total.add(measure(capture, pasted(capture)))
    return total


@pytest.mark.parametrize("capture", CAPTURES, ids=[c["id"] for c in CAPTURES])
def test_no_word_or_link_of_a_capture_is_lost_or_run_together(capture):
    result = measure(capture, pasted(capture))
    assert result.words_lost == 0
    assert result.words_added == []  # a word not in the source is two words glued together
    assert result.links_lost == []
    assert result.paragraphs_made_bullets == []


def test_bold_and_italic_are_kept(figures):
    assert figures.bold > 1000 and figures.bold_kept / figures.bold >= 0.95
    assert figures.italic > 900 and figures.italic_kept / figures.italic >= 0.95


def test_list_items_stay_items_at_their_depth_with_their_numbers(figures):
    assert figures.items > 900 and figures.items_kept / figures.items >= 0.95
    assert figures.nested > 400 and figures.nested_right / figures.nested >= 0.90
    assert figures.numbered > 500 and figures.numbered_right / figures.numbered >= 0.90


def test_a_google_docs_nested_list_keeps_every_sub_item_and_renders_nested():
    capture = next(c for c in CAPTURES if c["id"] == "ck5-gdocs-lists-nested-ordered-lists-chrome")
    markdown = pasted(capture)
    html = str(markdown_to_html(markdown))
    for text in ("1121", "1122", "1123", "2231", "531", "532", "55"):
        assert f"<li>{text}</li>" in html
    assert html.count("<ol>") >= 10 and "<ol>\n<li>1121</li>" in html  # four levels deep


def test_word_levels_and_numbers_come_out_as_commonmark_the_email_renders_nested():
    capture = next(c for c in CAPTURES if c["id"] == "ck5-list-nested-word2016")
    markdown = pasted(capture)
    assert markdown == "1. A1\n2. B1\n   1. C2\n      1. D4\n   2. E2\n      1. F3\n3. G1"
    html = str(markdown_to_html(markdown))
    assert html.replace("\n", "") == (
        "<ol><li>A1</li><li>B1<ol><li>C2<ol><li>D4</li></ol></li><li>E2<ol><li>F3</li></ol></li></ol></li>"
        "<li>G1</li></ol>"
    )


def test_separate_word_lists_stay_separate_and_keep_their_start_numbers():
    capture = next(c for c in CAPTURES if c["id"] == "ck5-list-many-one-item-word2016")
    html = str(markdown_to_html(pasted(capture)))
    assert html.count("<ol") + html.count("<ul>") >= 8  # several one-item lists, not one list 1–7


def test_word_bold_marked_normal_for_other_scripts_is_still_bold():
    html = ("<p class=MsoNormal><b style='mso-bidi-font-weight:normal'><span lang=EN-GB>Deadline</span></b>"
            "<span lang=EN-GB> is <i style='mso-bidi-font-style:normal'>Friday</i>.</span></p>")
    assert clean_pasted_html(html) == "**Deadline** is *Friday*."


def test_a_paragraph_continuing_a_word_list_item_is_not_a_bullet():
    capture = next(c for c in CAPTURES if c["id"] == "ck5-list-multi-block-word")
    markdown = pasted(capture)
    assert "   1. C2\n\n      c2\n" in markdown and "- c2" not in markdown and "1. c2" not in markdown
