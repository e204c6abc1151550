"""Lists as each source writes them in HTML → nested <ol>/<ul> that CommonMark can write.

Word pastes list items as paragraphs styled "mso-list" with their marker as text (or, in some
browsers, only a hanging indent and the typed marker); Google Docs and LibreOffice write real
lists but put a list straight inside a list and say how it counts in a style. This module
turns each into plain nested lists with their start numbers and <ol type>, so the walk in
html_paragraphs writes every list the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

from .html_nodes import remove_keeping_tail


_WORD_LIST = re.compile(r"mso-list\s*:\s*l(\d+)\s+level(\d+)(?:\s+lfo(\d+))?", re.I)
_HANGING_INDENT = re.compile(r"text-indent\s*:\s*-", re.I)
_TYPED_MARKER = re.compile(r"^\s*(\(?[0-9a-z]{1,4}[.)]|[^\w\s]|o)[\s\xa0]*\xa0[\s\xa0]*(?=\S)", re.I)
_WORD_ITEM_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6"}
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_MARKER = re.compile(r"^\(?(\d+(?:\.\d+)*|[a-z]{1,4})[.)]?$", re.I)
# How a list counts, as HTML's <ol type> says it; an email's Markdown lists count in figures only.
_LIST_STYLE_TYPES = {"lower-alpha": "a", "lower-latin": "a", "upper-alpha": "A", "upper-latin": "A",
                     "lower-roman": "i", "upper-roman": "I", "decimal": "1"}
_LIST_STYLE_TYPE = re.compile(r"list-style-type\s*:\s*([a-z-]+)", re.I)


def keep_list_type(ordered) -> None:
    """Say in <ol type> how a list counts (letters, roman numerals) when Google Docs or LibreOffice wrote it
    as a style on the list or on its first item, so what the email cannot show can be named."""
    if ordered.get("type") in ("a", "A", "i", "I", "1"):
        return
    ordered.attrib.pop("type", None)
    first = next((child for child in ordered if child.tag == "li"), None)
    for node in (ordered, first):
        found = _LIST_STYLE_TYPE.search(node.get("style", "")) if node is not None else None
        if found and found.group(1).lower() in _LIST_STYLE_TYPES:
            ordered.set("type", _LIST_STYLE_TYPES[found.group(1).lower()])
            return


def _html_list_type(style: str, sample: str) -> str | None:
    """<ol type> for a Word list counting in "letter" or "roman" style; upper case when its marker is."""
    if style not in ("letter", "roman"):
        return None
    kind = "a" if style == "letter" else "i"
    return kind.upper() if any(c.isupper() for c in sample) else kind


def typed_markers_to_word_lists(body) -> None:
    """Word pasted into some browsers (Edge) loses "mso-list" and writes each item as a paragraph with a
    hanging indent that starts with its marker ("1.", "a.", "•") and a run of spaces; read those as
    list paragraphs, one level per distinct indent."""
    found = []
    for paragraph in body.iter("p"):
        style = paragraph.get("style", "")
        if _WORD_LIST.search(style) or not _HANGING_INDENT.search(style):
            continue
        match = _TYPED_MARKER.match(paragraph.text_content())
        if match and (marker_value(match.group(1))[0] is not None or not match.group(1).isalnum() or match.group(1) == "o"):
            found.append((paragraph, match, _left_margin(style)))
    margins = sorted({margin for _, _, margin in found})
    for paragraph, match, margin in found:
        _drop_leading_text(paragraph, match.end())
        paragraph.set("style", paragraph.get("style", "") + f";mso-list:l999 level{margins.index(margin) + 1} lfo999")
        paragraph.set("data-word-marker", match.group(1))


def _left_margin(style: str) -> float:
    """A paragraph's left margin in points, from "margin-left" or the "margin" shorthand."""
    found = re.search(r"margin-left\s*:\s*(-?[\d.]+)(px|pt|in|cm)?", style, re.I)
    if not found:
        shorthand = re.search(r"(?<![\w-])margin\s*:\s*([^;]+)", style, re.I)
        values = shorthand.group(1).split() if shorthand else []
        left = values[3] if len(values) == 4 else values[1] if len(values) in (2, 3) else "0"
        found = re.match(r"(-?[\d.]+)(px|pt|in|cm)?", left)
    if not found:
        return 0.0
    value, unit = float(found.group(1)), (found.group(2) or "px").lower()
    return round(value * {"px": 0.75, "pt": 1, "in": 72, "cm": 28.35}[unit])


def _drop_leading_text(element, count: int) -> None:
    """Remove the first *count* characters of text inside *element*, wherever they sit."""
    for node in element.iter():
        for attribute in ("text", "tail") if node is not element else ("text",):
            value = getattr(node, attribute) if isinstance(node.tag, str) else None
            if not value or count <= 0:
                continue
            taken = min(count, len(value))
            setattr(node, attribute, value[taken:])
            count -= taken
        if count <= 0:
            return


def remember_marker(marker) -> None:
    """Word writes a list item's marker ("1.", "b)", "•") as text; keep it on its paragraph."""
    for ancestor in marker.iterancestors():
        if ancestor.tag in _WORD_ITEM_TAGS and _WORD_LIST.search(ancestor.get("style", "")):
            text = " ".join(marker.text_content().replace("\xa0", " ").split())
            ancestor.set("data-word-marker", ancestor.get("data-word-marker", "") + text)
            return



@dataclass
class _OpenList:
    level: int
    element: object
    key: tuple
    ordered: bool
    style: str
    next_number: int


def word_lists_to_lists(body) -> None:
    """Word pastes list items as paragraphs styled "mso-list: l0 level2 lfo1"; make them nested lists.

    The level gives the depth (levels Word skipped are closed up), the list and
    override ids keep separate lists apart, and the marker Word wrote says whether
    the list is numbered and from what number. A "list paragraph" with no marker
    continues the item above it.
    """
    parents = []
    for node in body.iter(*_WORD_ITEM_TAGS, "li"):
        if _WORD_LIST.search(node.get("style", "")) or _is_list_paragraph(node):
            parent = node.getparent()
            if node.tag == "li" and parent is not None:
                parent = parent.getparent()  # Word sometimes writes a real <ol> among its list paragraphs
            if parent is not None and parent not in parents:
                parents.append(parent)
    for parent in parents:
        _gather_word_items(parent)


def _gather_word_items(parent) -> None:
    stack: list[_OpenList] = []
    children = [child for child in parent if isinstance(child.tag, str)]
    for index, child in enumerate(children):
        found = _WORD_LIST.search(child.get("style", "")) if child.tag in _WORD_ITEM_TAGS else None
        if found:
            _add_word_item(child, found, stack)
        elif child.tag in ("ol", "ul") and any(_WORD_LIST.search(li.get("style", "")) for li in child if li.tag == "li"):
            _add_word_list(child, stack)
        elif stack and child.tag in _WORD_ITEM_TAGS and _is_list_paragraph(child) and not _is_blank(child):
            _move_into(child, stack[-1].element[-1], "p")  # a paragraph continuing the item above
        elif stack and (_is_blank(child) or child.tag == "br"):
            continue
        elif stack and _next_item_is_nested(children[index + 1:], stack):
            _move_into(child, stack[-1].element[-1], child.tag)  # a table or text inside a sub-list
        else:
            stack.clear()


def _next_item_is_nested(following: list, stack: list[_OpenList]) -> bool:
    """Whether the list goes on, below its first level, after this paragraph or table."""
    for node in following:
        found = _WORD_LIST.search(node.get("style", "")) if node.tag in _WORD_ITEM_TAGS else None
        if found:
            return int(found.group(2)) > stack[0].level and (found.group(1), found.group(3)) == stack[0].key
        if not _is_blank(node):
            return False
    return False


def _add_word_list(element, stack: list[_OpenList], anchor=None) -> None:
    """A real list Word wrote among its list paragraphs: its items join the same nesting."""
    anchor = element if anchor is None else anchor
    try:
        number = int(element.get("start") or 1)
    except ValueError:
        number = 1
    for child in list(element):
        if child.tag in ("ol", "ul"):
            _add_word_list(child, stack, anchor)
            continue
        found = _WORD_LIST.search(child.get("style", "")) if child.tag == "li" else None
        if found:
            counts = {"a": "letter", "A": "letter", "i": "roman", "I": "roman"}.get(element.get("type") or "", "decimal")
            known = (number, counts, element.get("type") or "") if element.tag == "ol" else (None, "", "")
            _add_word_item(child, found, stack, known, anchor)
        if child.tag == "li":
            number += 1
    if anchor is element:
        remove_keeping_tail(element)


def _add_word_item(paragraph, found: re.Match, stack: list[_OpenList], known: tuple | None = None,
                   anchor=None) -> None:
    level = int(found.group(2))
    key = (found.group(1), found.group(3))
    marker = paragraph.attrib.pop("data-word-marker", "")
    while stack and stack[-1].level > level:
        stack.pop()
    top = stack[-1] if stack else None
    style = top.style if top is not None and top.level == level and top.key == key else ""
    value, style = known[:2] if known is not None else marker_value(marker, style)
    if known is not None and value is not None and top is not None and top.level == level and top.key == key and top.ordered:
        value = top.next_number  # a real <ol> Word wrote continues the list it belongs to
    ordered = value is not None
    if top is not None and top.level == level and (
        top.key != key or top.ordered != ordered or (ordered and value != top.next_number)
    ):
        stack.pop()
        top = stack[-1] if stack else None
    if top is None or top.level < level:
        new_list = lxml.html.Element("ol" if ordered else "ul")
        if ordered and value != 1:
            new_list.set("start", str(value))
        list_type = _html_list_type(style, known[2] if known is not None else marker) if ordered else None
        if list_type:
            new_list.set("type", list_type)
        if top is None:
            (paragraph if anchor is None else anchor).addprevious(new_list)
        else:
            top.element[-1].append(new_list)
        top = _OpenList(level, new_list, key, ordered, style, value or 1)
        stack.append(top)
    _move_into(paragraph, top.element, "li")
    top.next_number = (value or top.next_number) + 1


def marker_value(marker: str, style: str = "") -> tuple[int | None, str]:
    """The number a Word list marker shows ("3." → 3, "c)" → 3, "iv." → 4) and its style; None for bullets.

    A lone "i", "v" or "x" is a roman numeral unless the list already counts in letters.
    """
    match = _MARKER.match(marker.strip())
    if not match:
        return None, ""
    token = match.group(1).lower()
    if token[0].isdigit():
        return int(token.rstrip(".").split(".")[-1]), "decimal"
    if len(token) == 1 and marker.strip() == token and not re.search(r"[.)]", marker):
        return None, ""  # "o", "§": a bullet glyph, not a letter
    is_roman = re.fullmatch(r"[ivxlcdm]+", token) is not None
    if is_roman and (style == "roman" or (style != "letter" and (len(token) > 1 or token in "ivx"))):
        total = 0
        for here, after in zip(token, token[1:] + " "):
            value = _ROMAN_VALUES[here]
            total += -value if after != " " and _ROMAN_VALUES[after] > value else value
        return total, "roman"
    if len(token) == 1:
        return ord(token) - ord("a") + 1, "letter"
    if len(set(token)) == 1:  # "aa." follows "z." in Word
        return 26 * (len(token) - 1) + ord(token[0]) - ord("a") + 1, "letter"
    return None, ""


def _move_into(paragraph, target, tag: str) -> None:
    tail, paragraph.tail = paragraph.tail, None
    if tail and tail.strip():
        previous = paragraph.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
    paragraph.tag = tag
    for name in ("class", "style"):
        paragraph.attrib.pop(name, None)
    target.append(paragraph)


def _is_list_paragraph(node) -> bool:
    return (node.get("class") or "").startswith("MsoListParagraph")


def _is_blank(node) -> bool:
    return not node.text_content().replace("\xa0", " ").strip() and node.find(".//img") is None


def tidy_lists(root) -> None:
    """Lists as CommonMark can write them: a list placed straight inside a list (as Google Docs
    does) belongs to the item before it, and an item holding only a list (a level Word skipped)
    gives way to that list's items."""
    for element in list(root.iter("ul", "ol")):
        # LibreOffice writes an indented list after a list as a list holding only a list.
        previous = element.getprevious()
        first = element[0] if len(element) else None
        if first is not None and first.tag in ("ul", "ol") and not (element.text or "").strip() \
                and previous is not None and previous.tag in ("ul", "ol") and not (previous.tail or "").strip():
            for child in list(element):
                previous.append(child)
            element.getparent().remove(element)
    changed = True
    while changed:
        changed = False
        for parent in list(root.iter("ul", "ol")):
            for child in list(parent):
                if child.tag in ("ul", "ol"):
                    previous = child.getprevious()
                    if previous is not None and previous.tag == "li":
                        previous.append(child)
                    else:
                        _splice(child)
                    changed = True
                elif child.tag == "li" and _holds_only_lists(child):
                    if len(parent) == 1 and parent.getparent() is not None and parent.getparent().tag == "li":
                        _splice(parent)  # a list only carrying a skipped level: its inner list takes its place
                        parent = None
                    else:
                        _splice(child)
                    changed = True
            if changed:
                break


def _holds_only_lists(item) -> bool:
    if (item.text or "").strip():
        return False
    children = list(item)
    return bool(children) and all(c.tag in ("ul", "ol") and not (c.tail or "").strip() for c in children)


def _splice(element) -> None:
    """Put *element*'s children in its place: an item's lists give their items; a list holding one
    item that holds only lists gives those lists."""
    parent = element.getparent()
    index = parent.index(element)
    moved = []
    if element.tag in ("ul", "ol") and len(element) == 1 and element[0].tag == "li" and _holds_only_lists(element[0]):
        moved = list(element[0])
    else:
        inner = [child for child in element if child.tag in ("ul", "ol")]
        if element.tag == "li" and len(parent) == 1 and len(inner) == 1 and inner[0].tag == parent.tag == "ol":
            for name in ("start", "type"):  # the list was only this one's carrier: its count is the inner one's
                parent.attrib.pop(name, None)
                if inner[0].get(name):
                    parent.set(name, inner[0].get(name))
        for child in element:
            moved.extend(list(child) if child.tag in ("ul", "ol") and element.tag == "li" else [child])
    parent.remove(element)
    for offset, child in enumerate(moved):
        parent.insert(index + offset, child)
