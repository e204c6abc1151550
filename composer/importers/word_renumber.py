"""Word's numbers put back on mammoth's lists.

Each paragraph mammoth numbers gets a mark in front of it while mammoth reads the file; each
mark is paired with Word's count of the same paragraph (in order, by its words where the two
readings differ), and each list in mammoth's HTML is given Word's start number, its way of
counting (<ol type>) and the splits between lists that are separate in Word. Numbered
headings get Word's label in front.
"""

from __future__ import annotations

import difflib
import re

import lxml.html
from mammoth import documents, transforms

from .word_labels import HTML_TYPES, heading_label
from .word_list_notes import ListNote, differences_from_word, unnumbered_items_to_paragraphs
from .word_numbering import NumberedParagraph, letters_and_digits


_MARK = re.compile("\ue000(\\d+)\ue001")


# Marking the paragraphs mammoth numbers, and finding them again in its HTML.
class ListMarks:
    """A mammoth transform that puts a mark before each paragraph it will number, remembering its words.

    *styles* are paragraph styles Word numbers through (a numbered Heading 1): mammoth sees that numbering
    only when the list names the style back, so those paragraphs are marked by their style too.
    """

    def __init__(self, styles: set[str] | frozenset[str] = frozenset()):
        self.words: list[str] = []
        self.styles = set(styles)
        self.transform = transforms.paragraph(self._mark)

    def _mark(self, paragraph):
        if paragraph.numbering is None and paragraph.style_id not in self.styles:
            return paragraph
        self.words.append(letters_and_digits(_mammoth_text(paragraph)))
        mark = documents.run([documents.text(f"\ue000{len(self.words) - 1}\ue001")])
        return paragraph.copy(children=[mark, *paragraph.children])


_HEADING_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def renumber(html: str, marks: ListMarks, numbered: list[NumberedParagraph]) -> tuple[str, list[ListNote]]:
    """mammoth's HTML with the marks taken out, numbered headings given Word's label ("2.1 Our plans"),
    each list given Word's start, counting and splits, and notes on what the email cannot show as Word does."""
    if "\ue000" not in html:
        return html, []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    found = _paragraph_of_each_item(root, marks, numbered)
    for item in list(root.iter("li")):  # an empty numbered paragraph, kept by mammoth only for its mark
        if not item.text_content().strip() and item.find(".//img") is None and item.find(".//li") is None:
            item.getparent().remove(item)  # its number is still skipped: the next item shows Word's
    notes = unnumbered_items_to_paragraphs(root, found)
    for element in list(root.iter("ol", "ul")):
        if len(element):
            _split_and_number(element, found)
        else:
            element.getparent().remove(element)
    notes += differences_from_word(root, found)
    html = (root.text or "") + "".join(lxml.html.tostring(child, encoding="unicode") for child in root)
    return html, notes


def _paragraph_of_each_item(root, marks: ListMarks, numbered: list[NumberedParagraph]) -> dict:
    """{<li>: its NumberedParagraph}, every mark removed from the text; a numbered heading's mark gives way
    to the label Word shows before it."""
    by_mark = {mark: numbered[index] for mark, index in _aligned([p.words for p in numbered], marks.words).items()}
    found = {}
    for node in list(root.iter()):
        if not isinstance(node.tag, str):
            continue
        for attribute, owner in (("text", node), ("tail", node.getparent())):
            value = getattr(node, attribute)
            if not value or "\ue000" not in value:
                continue

            def replace(mark: re.Match) -> str:
                paragraph = by_mark.get(int(mark.group(1)))
                if owner is None or paragraph is None:
                    return ""
                heading = owner if owner.tag in _HEADING_TAGS else next(owner.iterancestors(*_HEADING_TAGS), None)
                item = owner if owner.tag == "li" else next(owner.iterancestors("li"), None)
                if heading is not None or item is None:  # a heading, or a paragraph mammoth did not see numbered
                    return heading_label(paragraph)
                if item not in found:
                    found[item] = paragraph
                return ""

            setattr(node, attribute, _MARK.sub(replace, value))
    return found


def _aligned(ours: list[str], theirs: list[str]) -> dict[int, int]:
    """{index in *theirs*: index in *ours*} pairing the same paragraphs read twice, in order.

    Usually both readings agree and pairing is by position; where they differ (a text box, a field
    read another way) a diff pairs what it can, on the differing middle only, so a hostile file of
    thousands of identical items costs no more than reading it.
    """
    head = 0
    while head < min(len(ours), len(theirs)) and ours[head] == theirs[head]:
        head += 1
    tail = 0
    while tail < min(len(ours), len(theirs)) - head and ours[-1 - tail] == theirs[-1 - tail]:
        tail += 1
    pairs = {k: k for k in range(head)}
    pairs.update((len(theirs) - 1 - k, len(ours) - 1 - k) for k in range(tail))
    middle, their_middle = ours[head:len(ours) - tail], theirs[head:len(theirs) - tail]
    if len(middle) * len(their_middle) > 1_000_000:
        if len(middle) == len(their_middle):
            pairs.update((head + k, head + k) for k in range(len(middle)))
        return pairs
    matcher = difflib.SequenceMatcher(None, middle, their_middle, autojunk=False)
    for kind, first, last, their_first, their_last in matcher.get_opcodes():
        if kind == "equal" or (kind == "replace" and last - first == their_last - their_first):
            pairs.update((head + their_first + k, head + first + k) for k in range(last - first))
    return pairs


def _split_and_number(element, found: dict) -> None:
    """Split a list where Word starts another (another definition, or numbers that do not follow on) and
    give each part its tag, start number and way of counting."""
    parts: list[list] = [[]]
    previous: NumberedParagraph | None = None
    for item in [child for child in element if child.tag == "li"]:
        paragraph = found.get(item)
        if paragraph is not None and previous is not None and (
            paragraph.list_id != previous.list_id or paragraph.ordered != previous.ordered
            or (paragraph.ordered and paragraph.number != previous.number + 1)
        ):
            parts.append([])
        parts[-1].append(item)
        if paragraph is not None:
            previous = paragraph
        elif previous is not None:  # an item Word did not number still takes a number in the email
            previous = NumberedParagraph("", previous.list_id, previous.level, previous.number + 1, previous.format)
    anchor = element
    for index, items in enumerate(parts):
        target = element
        if index:
            target = lxml.html.Element(element.tag)
            target.tail, anchor.tail = anchor.tail, None
            anchor.addnext(target)
            anchor = target
            for item in items:
                target.append(item)
        first = found.get(items[0]) if items else None
        if first is not None:
            _number_list(target, first)


def _number_list(element, first: NumberedParagraph) -> None:
    for name in ("start", "type"):
        element.attrib.pop(name, None)
    element.tag = "ol" if first.ordered else "ul"
    if not first.ordered:
        return
    if first.number != 1:
        element.set("start", str(first.number))
    if first.own_number_only and HTML_TYPES.get(first.format, "1") != "1":
        element.set("type", HTML_TYPES[first.format])  # named by the import as letters or roman numerals


def _mammoth_text(element) -> str:
    """The words mammoth read for a paragraph, without those of a paragraph inside it."""
    if isinstance(element, documents.Text):
        return element.value
    return "".join(_mammoth_text(child) for child in getattr(element, "children", []) or []
                   if not isinstance(child, documents.Paragraph))
