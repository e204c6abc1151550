"""Clean paste keeps every word, link, bold, italic, list depth and number of what Word, Google Docs and
LibreOffice put on the clipboard — checked on our own fixtures, so the rules hold without third-party data.

fixtures/own/ holds short clipboard HTML written for this project in the shapes those applications
write (see its README), each with the result a reader must see. The figures come from the same
measuring code (clipboard_fidelity.py) that test_clipboard_captures.py and benchmarks/import_fidelity.py
use on the real captures kept outside the repository; on top of it, the whole paste is compared with
the expected result, so nothing extra (a stray bold, a merged list) slips through either.
"""

from collections import Counter
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from clipboard_fidelity import Figures, capture_html, captures, measure

from composer.importers import clean_pasted_html
from composer.render.markdown import markdown_to_html

OWN = Path(__file__).parent / "fixtures" / "own"
FIXTURES = captures(OWN)
IDS = [f["id"] for f in FIXTURES]


def pasted(fixture: dict) -> str:
    return clean_pasted_html(capture_html(fixture, OWN))


def email_html(fixture: dict):
    """The paste as the email shows it: the Markdown rendered by composer.render."""
    return lxml.html.fragment_fromstring(str(markdown_to_html(pasted(fixture))) or "<p></p>", create_parent="div")


def expected_html(fixture: dict):
    return lxml.html.fragment_fromstring((OWN / fixture["oracle"]).read_text(encoding="utf-8"), create_parent="div")


def figures(fixture: dict) -> Figures:
    return measure(fixture, pasted(fixture), OWN)


# A reading of an HTML tree that ignores what a reader cannot see (tag order of <strong><em>,
# <p> inside a loose list item, whitespace): top-level paragraphs and lists, each list with its
# kind, start number and items, each item with its paragraphs and sub-lists; text with its marks.
def outline(root) -> list:
    blocks = []
    for child in root:
        if child.tag in ("ul", "ol"):
            blocks.append(_list_outline(child))
        elif isinstance(child.tag, str):
            blocks.append(("paragraph", _marked_text(child)))
    return blocks


def _list_outline(element) -> tuple:
    start = int(element.get("start") or 1) if element.tag == "ol" else None
    return (element.tag, start, [_item_outline(li) for li in element if li.tag == "li"])


def _item_outline(item) -> tuple:
    paragraphs, sublists, loose = [], [], [item.text or ""]
    for child in item:
        if child.tag in ("ul", "ol", "p"):
            paragraphs.append(_marked_text_of(loose))
            loose = []
            if child.tag == "p":
                paragraphs.append(_marked_text(child))
            else:
                sublists.append(_list_outline(child))
        else:
            loose.append(child)
        loose.append(child.tail or "")
    paragraphs.append(_marked_text_of(loose))
    return ([p for p in paragraphs if p], sublists)


def _marked_text(element) -> str:
    return _marked_text_of([element.text or "", *[part for child in element for part in (child, child.tail or "")]])


def _marked_text_of(parts: list) -> str:
    """Text with <a …>, <b>, <i> marks around each run of words that is a link, bold or italic."""
    chars: list[tuple[str, tuple]] = []

    def walk(node, marks: tuple) -> None:
        if isinstance(node, str):
            chars.extend((c, marks) for c in node)
            return
        if not isinstance(node.tag, str) or node.tag in ("ul", "ol"):
            return
        href, bold, italic = marks
        if node.tag == "br":
            chars.append((" ", marks))
            return
        inner = (node.get("href") if node.tag == "a" else href, bold or node.tag in ("strong", "b"),
                 italic or node.tag in ("em", "i"))
        walk(node.text or "", inner)
        for child in node:
            walk(child, inner)
            walk(child.tail or "", inner)

    for part in parts:
        walk(part, (None, False, False))
    out, open_marks, space = [], (None, False, False), False
    for char, marks in chars:
        if char.isspace():
            space = bool(out)
            continue
        if marks != open_marks:
            out.append(_close(open_marks) + (" " if space else "") + _open(marks))
            open_marks = marks
        elif space:
            out.append(" ")
        space = False
        out.append(char)
    out.append(_close(open_marks))
    return "".join(out).strip()


def _open(marks: tuple) -> str:
    href, bold, italic = marks
    return (f"<a {href}>" if href else "") + ("<b>" if bold else "") + ("<i>" if italic else "")


def _close(marks: tuple) -> str:
    href, bold, italic = marks
    return ("</i>" if italic else "") + ("</b>" if bold else "") + ("</a>" if href else "")


def _marked_words(root, tags: tuple) -> Counter:
    return Counter(w.casefold() for el in root.iter(*tags) for w in el.text_content().split())


# The rules, one test each, on every fixture.
@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_no_word_is_lost_or_run_together(fixture):
    result = figures(fixture)
    assert result.words > 20
    assert result.words_lost == 0
    assert result.words_added == []  # a word not in the source is two words glued together


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_every_link_is_kept_with_its_words(fixture):
    result = figures(fixture)
    assert result.links == len(expected_html(fixture).findall(".//a"))
    assert result.links_lost == []
    ours = [(a.get("href"), " ".join(a.text_content().split())) for a in email_html(fixture).iter("a")]
    assert ours == [(a.get("href"), " ".join(a.text_content().split())) for a in expected_html(fixture).iter("a")]


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_bold_and_italic_are_kept_and_nothing_else_turns_bold_or_italic(fixture):
    result = figures(fixture)
    assert (result.bold_kept, result.italic_kept) == (result.bold, result.italic)
    ours, expected = email_html(fixture), expected_html(fixture)
    assert _marked_words(ours, ("strong", "b")) == _marked_words(expected, ("strong", "b"))
    assert _marked_words(ours, ("em", "i")) == _marked_words(expected, ("em", "i"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_list_items_keep_their_depth_and_numbers(fixture):
    result = figures(fixture)
    assert result.items == len(expected_html(fixture).findall(".//li"))  # the measuring sees every item
    assert result.items_kept == result.items
    assert result.nested_right == result.nested
    assert result.numbered_right == result.numbered  # Word's own markers, or the <ol>'s numbers


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_separate_lists_stay_separate_with_their_start_numbers(fixture):
    def lists(root):
        return [(kind, start, len(items)) for kind, start, items in
                (block for block in outline(root) if block[0] != "paragraph")]

    assert lists(email_html(fixture)) == lists(expected_html(fixture))


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_no_paragraph_becomes_a_bullet(fixture):
    assert figures(fixture).paragraphs_made_bullets == []
    paragraphs = [text for kind, text in (b for b in outline(email_html(fixture)) if b[0] == "paragraph")]
    assert paragraphs == [text for kind, text in (b for b in outline(expected_html(fixture)) if b[0] == "paragraph")]


@pytest.mark.parametrize("fixture", FIXTURES, ids=IDS)
def test_the_paste_reads_exactly_as_written(fixture):
    assert outline(email_html(fixture)) == outline(expected_html(fixture))


def test_the_fixtures_hold_every_shape_the_rules_are_about():
    """So that a fixture edited away from its shape cannot leave a rule untested."""
    sources = {f["id"]: capture_html(f, OWN) for f in FIXTURES}
    everything = "\n".join(sources.values())
    for shape in ("mso-list:l0 level2 lfo1", "mso-list:l0 level3 lfo1", "<![if !supportLists]>",
                  "<!--[if !supportLists]-->", "MsoListParagraphCxSpFirst", "MsoListParagraphCxSpMiddle",
                  "MsoListParagraphCxSpLast", "mso-bidi-font-weight:normal", "mso-bidi-font-weight:bold",
                  '<b style="font-weight:normal;" id="docs-internal-guid-', "font-weight:700",
                  "font-style:italic", '<ol style="margin-top:0;margin-bottom:0;padding-inline-start:48px;" start="3">',
                  '<ol start="4">', "LibreOffice", "<li><p", 'href="mailto:'):
        assert shape in everything, shape
    word = lxml.html.document_fromstring(sources["word2013-windows-firefox-continuation"])
    continuation = [p for p in word.iter("p") if (p.get("class") or "").startswith("MsoListParagraphCxSp")
                    and "mso-list" not in (p.get("style") or "")]
    assert len(continuation) == 2  # list paragraphs without mso-list: text continuing the item above
    gdocs = lxml.html.document_fromstring(sources["gdocs-chrome-nested-bullets"])
    assert any(ul.getparent().tag == "ul" for ul in gdocs.iter("ul"))  # a sub-list straight inside a list
    assert {f["kind"] for f in FIXTURES} == {"word", "gdocs", "libreoffice"}
    total = Figures()
    for fixture in FIXTURES:
        total.add(figures(fixture))
    assert total.nested >= 15 and total.numbered >= 25 and total.links >= 12
    assert total.bold >= 100 and total.italic >= 50


def test_the_reading_used_above_sees_what_a_reader_sees():
    """The outline tells a merged list, a lost start number, a stray bold and a sub-list apart."""
    def read(html: str) -> list:
        return outline(lxml.html.fragment_fromstring(html, create_parent="div"))

    assert read("<p><em><strong>a</strong></em> b</p>") == read("<p><strong><em>a</em></strong> b</p>")
    assert read("<ol><li><p>a</p></li></ol>") == read("<ol><li>a</li></ol>")
    assert read("<ol><li>a</li></ol><ol><li>b</li></ol>") != read("<ol><li>a</li><li>b</li></ol>")
    assert read('<ol start="3"><li>a</li></ol>') != read("<ol><li>a</li></ol>")
    assert read("<p><strong>a</strong> b</p>") != read("<p><strong>a b</strong></p>")
    assert read("<ul><li>a<ul><li>b</li></ul></li></ul>") != read("<ul><li>a</li><li>b</li></ul>")
    assert read('<p>see <a href="https://x.org">this</a></p>') != read("<p>see this</p>")
    assert read("<p>see <strong>this</strong></p>") == [("paragraph", "see <b>this</b>")]
