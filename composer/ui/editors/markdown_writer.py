"""Exactly what the text box shows, written as Markdown: no line wrapping, every literal character escaped.

Qt's own ``QTextDocument.toMarkdown`` wraps lines at 80 columns, which can split ``**`` from its
word and put a line break between a link and the full stop after it, and it leaves ``*`` typed
as text unescaped. This writer walks the document instead: one line per paragraph or list item,
emphasis markers kept against their words, lists nested by their level and kept apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import QFont, QTextBlock, QTextDocument, QTextFormat, QTextList, QTextListFormat

LINE_SEPARATOR = "\u2028"  # Shift+Enter: a line break inside a paragraph
_BOLD_WEIGHT = QFont.Weight.DemiBold.value  # 600 and up reads as bold, as in the email
_ORDERED = {
    QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha, QTextListFormat.Style.ListUpperAlpha,
    QTextListFormat.Style.ListLowerRoman, QTextListFormat.Style.ListUpperRoman,
}
# Only what the email's parser would read as markup (headings, images, tables, code are switched off there).
_ESCAPED = re.compile(r"([\\*_\[\]<&])")
_LINE_START = re.compile(r"^(\s*)(?:([-+=])|(\d+)([.)]))")


def document_to_markdown(document: QTextDocument) -> str:
    """The document as CommonMark that renders to what it shows (bold, italic, links, lists, line breaks)."""
    out: list[str] = []
    open_lists: list[_OpenList] = []
    last_top_list_marker = ""
    previous_was_item = False
    block = document.begin()
    while block.isValid():
        text = _escape_line_starts(_inline_markdown(block))
        text_list = _list_of(block)
        if not text.strip():
            block = block.next()
            continue
        if text_list is None:
            level = block.blockFormat().indent()  # a paragraph that continues a list item is indented
            while open_lists and open_lists[-1].level > level:
                open_lists.pop()
            indent = " " * open_lists[-1].content_indent if open_lists else ""
            out.append(("\n\n" if out else "") + indent + text.replace("\n", "\n" + indent))
            previous_was_item = False
        else:
            level = text_list.format().indent()
            while open_lists and (open_lists[-1].level > level
                                  or (open_lists[-1].level == level and open_lists[-1].qt_list != text_list)):
                open_lists.pop()
            starts_list = not open_lists
            if not open_lists or open_lists[-1].qt_list != text_list:
                indent = open_lists[-1].content_indent if open_lists else 0
                ordered = text_list.format().style() in _ORDERED
                # Two lists one after the other stay two lists: alternate the marker (at the top, and
                # between sub-lists under one item, where Word restarts a sub-list).
                previous = open_lists[-1].last_child_marker if open_lists else last_top_list_marker
                marker = ("." if previous != "." else ")") if ordered else ("-" if previous != "-" else "*")
                if open_lists:
                    open_lists[-1].last_child_marker = marker
                else:
                    last_top_list_marker = marker
                open_lists.append(_OpenList(text_list, level, indent, ordered, marker))
            current = open_lists[-1]
            current.last_child_marker = ""  # a new item: its sub-lists start afresh
            number = _item_number(text_list, block)
            prefix = f"{number}{current.marker} " if current.ordered else f"{current.marker} "
            current.content_indent = current.indent + len(prefix)
            separator = "\n" if previous_was_item and not starts_list else ("\n\n" if out else "")
            body = text.replace("\n", "\n" + " " * current.content_indent)
            out.append(separator + " " * current.indent + prefix + body)
            previous_was_item = True
        block = block.next()
    return "".join(out)


def _list_of(block: QTextBlock) -> QTextList | None:
    """The list a block is an item of. Asked only of list items: PySide6 6.12's ``textList()``
    releases None once too often when there is no list, which crashes Python after enough calls."""
    if not block.blockFormat().hasProperty(QTextFormat.Property.ObjectIndex):
        return None
    return block.textList()


@dataclass
class _OpenList:
    qt_list: QTextList
    level: int
    indent: int
    ordered: bool
    marker: str
    last_child_marker: str = ""  # the marker of the sub-list just closed under the current item
    content_indent: int = 0


def _item_number(text_list: QTextList, block: QTextBlock) -> int:
    start = text_list.format().start() if hasattr(text_list.format(), "start") else 1
    return max(0, start) + text_list.itemNumber(block)


def _inline_markdown(block: QTextBlock) -> str:
    """One paragraph's runs as Markdown, emphasis closed and reopened around links so nesting stays valid."""
    runs: list[tuple[str, bool, bool, str]] = []
    iterator = block.begin()
    while not iterator.atEnd():
        fragment = iterator.fragment()
        if fragment.isValid():
            fmt = fragment.charFormat()
            href = fmt.anchorHref() if fmt.isAnchor() else ""
            runs.append((fragment.text().replace("\ufffc", ""), fmt.fontWeight() >= _BOLD_WEIGHT,
                         fmt.fontItalic(), href))
        iterator += 1
    parts: list[str] = []
    index = 0
    while index < len(runs):
        href = runs[index][3]
        group = []
        while index < len(runs) and runs[index][3] == href:
            group.append(runs[index])
            index += 1
        inner = _emphasised(group)
        if href and inner.strip():
            lead = inner[: len(inner) - len(inner.lstrip())]
            trail = inner[len(inner.rstrip()):]
            parts.append(f"{lead}[{inner.strip()}]({_link_destination(href)}){trail}")
        else:
            parts.append(inner)
    text = "".join(parts)
    lines = [line.rstrip() for line in text.split(LINE_SEPARATOR)]
    return "\\\n".join(line for line in lines).strip()


def _emphasised(runs: list[tuple[str, bool, bool, str]]) -> str:
    """Runs of text with ``**`` and ``*`` kept tight against their words (CommonMark's flanking rules).

    Open markers form a stack, so a change of one mark closes only what it must.
    """
    out: list[str] = []
    stack: list[str] = []  # "**" for bold, "*" for italic, innermost last
    for text, want_bold, want_italic, _href in runs:
        if not text:
            continue
        core = text.strip()
        if not core:
            out.append(_escape(text))
            continue
        wanted = {"**": want_bold, "*": want_italic}
        closing = ""
        while any(not wanted[marker] for marker in stack):
            closing += stack.pop()
        _close_before_space(out, closing)
        out.append(_escape(text[: len(text) - len(text.lstrip())]))
        opening = ""
        for marker in ("**", "*"):
            if wanted[marker] and marker not in stack:
                stack.append(marker)
                opening += marker
        out.append(opening + _escape(core))
        out.append(_escape(text[len(text.rstrip()):]))
    _close_before_space(out, "".join(reversed(stack)))
    return "".join(out)


def _close_before_space(out: list[str], closing: str) -> None:
    """Put closing markers straight after the last word, before any spaces already written."""
    if not closing:
        return
    spaces = []
    while out and not out[-1].strip():
        spaces.insert(0, out.pop())
    out.append(closing)
    out.extend(spaces)


def _escape(text: str) -> str:
    return _ESCAPED.sub(r"\\\1", text)


def _escape_line_starts(text: str) -> str:
    """A paragraph that starts like a list marker (“1.”, “-”, “+”) stays a paragraph."""
    return "\n".join(_LINE_START.sub(_escaped_marker, line) for line in text.split("\n"))


def _escaped_marker(match: re.Match) -> str:
    indent, bullet, number, delimiter = match.groups()
    return indent + ("\\" + bullet if bullet else number + "\\" + delimiter)


def _link_destination(href: str) -> str:
    if any(character in href for character in " ()<>"):
        return "<" + href.replace("<", "%3C").replace(">", "%3E") + ">"
    return href
