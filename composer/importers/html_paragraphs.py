"""HTML from Word, Google Docs or a web page → paragraphs with Markdown text.

lxml first turns the habits of each source into plain HTML (html_tidy: Google
Docs' bold spans into <strong>; html_lists: Word's list paragraphs into nested
lists), nh3 then keeps only the allowed tags, and the walk below writes the Markdown. Fonts,
colours, sizes, spans, comments, <o:p> and conditional comments do not survive;
words, links, bold, italic, list nesting and list numbers do, and what cannot
(a link to a file on someone's computer) is named in the paragraph's notes.
"""

from __future__ import annotations

import re

import lxml.html
import nh3

from composer.model import ImageBlock
from composer.model.values import url_problem

from .html_lists import tidy_lists
from .html_nodes import remove_keeping_tail
from .html_tidy import UNUSABLE_LINK, tidy_html
from .inline import escape_line_start, escape_markdown, inline_markdown
from .paragraphs import Paragraph
from .word_labels import roman_numerals

TITLE_CLASS = "newsletter-title"
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTAINERS = {"div", "blockquote", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "body", "section", "article"}
_ALLOWED = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li", "img", *_HEADINGS, *_CONTAINERS} - {"body"}
COUNTED_IN_LETTERS = {"a", "A", "i", "I"}


def html_paragraphs(html: str, keep_images: bool = False) -> list[Paragraph]:
    """The paragraphs, headings, lists (and, for Word files, pictures) of *html*, in order."""
    tidy = tidy_html(html)
    if not tidy.strip():
        return []
    clean = nh3.clean(
        tidy,
        tags=_ALLOWED if keep_images else _ALLOWED - {"img"},
        attributes={"a": {"href", "title"}, "img": {"src", "alt"}, "h1": {"class"}, "ol": {"start", "type"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )
    root = lxml.html.fragment_fromstring(clean, create_parent="div")
    tidy_lists(root)
    return _Walk().container(root)


class _Walk:
    """Writes Markdown while walking the clean tree."""

    def __init__(self):
        self.notes: list[str] = []
        # Lists the source counted in letters or roman numerals: (<ol type>, first number, items, first words).
        self.recounted: list[tuple[str, int, int, str]] = []

    def container(self, element) -> list[Paragraph]:
        out: list[Paragraph] = []
        loose: list = [element.text or ""]
        for child in element:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag in _HEADINGS or tag in ("p", "ul", "ol", "img") or tag in _CONTAINERS:
                out.extend(self._paragraph_from(loose))
                loose = []
                out.extend(self._block(child, tag))
            else:
                loose.append(child)
            loose.append(child.tail or "")
        out.extend(self._paragraph_from(loose))
        return out

    def _block(self, element, tag: str) -> list[Paragraph]:
        if tag in _HEADINGS:
            images = self._take_images(element)
            markdown, plain = self._inline([element.text or "", *element.iterchildren()], tails=True)
            text = " ".join(plain.split())
            level = 0 if TITLE_CLASS in (element.get("class") or "") else _HEADINGS[tag]
            heading = [self._with_notes(Paragraph((text,), markdown=" ".join(markdown.split()), heading=level))] if text else []
            return heading + [Paragraph(("",), markdown="", block=_image(img)) for img in images]
        if tag in ("ul", "ol"):
            markdown, items = self._list(element, 0)
            self.notes.extend(recounted_notes(self.recounted))
            self.recounted = []
            return [self._with_notes(Paragraph(tuple(items), markdown="\n".join(markdown), is_list=True))] if items else []
        if tag == "table" and _is_data_table(element):
            return self._table(element)
        if tag == "img":
            return [Paragraph(("",), markdown="", block=_image(element))]
        if tag == "p":
            images = self._take_images(element)
            paragraphs = self._paragraph_from([element.text or "", *element.iterchildren()], tails=True)
            return paragraphs + [Paragraph(("",), markdown="", block=_image(img)) for img in images]
        return self.container(element)

    def _take_images(self, element) -> list:
        images = list(element.iter("img"))
        for img in images:
            remove_keeping_tail(img)
        return images

    def _paragraph_from(self, parts: list, tails: bool = False) -> list[Paragraph]:
        markdown, plain = self._inline(parts, tails=tails)
        lines = [line.strip() for line in plain.split("\n") if line.strip()]
        if not lines:
            return []
        return [self._with_notes(Paragraph(tuple(lines), markdown="\n".join(_broken_lines(markdown))))]

    def _with_notes(self, paragraph: Paragraph) -> Paragraph:
        if not self.notes:
            return paragraph
        notes, self.notes = tuple(self.notes), []
        return Paragraph(paragraph.lines, paragraph.markdown, paragraph.heading, paragraph.is_list, paragraph.block, notes)

    def _inline(self, parts: list, tails: bool = False, in_link: bool = False) -> tuple[str, str]:
        """(Markdown, plain text) of a run of text and inline elements."""
        md: list[str] = []
        plain: list[str] = []
        for part in parts:
            if isinstance(part, str):
                text = re.sub(r"\s+", " ", part.replace("\xa0", " "))
                md.append(escape_markdown(text) if in_link else inline_markdown(text))
                plain.append(text)
                continue
            child_md, child_plain = self._element(part, in_link)
            md.append(child_md)
            plain.append(child_plain)
            if tails and part.tail:
                text = re.sub(r"\s+", " ", part.tail.replace("\xa0", " "))
                md.append(escape_markdown(text) if in_link else inline_markdown(text))
                plain.append(text)
        return "".join(md), "".join(plain)

    def _element(self, element, in_link: bool) -> tuple[str, str]:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag == "br":
            return "\n", "\n"
        if tag in _HEADINGS or tag in ("p", "ul", "ol", "li") or tag in _CONTAINERS:
            # A block inside a line (a list item's paragraph, a cell): its own line, never glued to the next word.
            inner_md, inner_plain = self._inline([element.text or "", *element.iterchildren()], tails=True, in_link=in_link)
            return "\n" + inner_md + "\n", "\n" + inner_plain + "\n"
        inner_md, inner_plain = self._inline([element.text or "", *element.iterchildren()], tails=True, in_link=in_link or tag == "a")
        if not inner_plain.strip():
            return inner_md, inner_plain
        if tag in ("strong", "b", "em", "i"):
            mark = "**" if tag in ("strong", "b") else "*"
            return _wrap(inner_md, mark), inner_plain
        if tag == "a":
            href = (element.get("href") or "").strip()
            lost = (element.get("title") or "").removeprefix(UNUSABLE_LINK + ":") if (element.get("title") or "").startswith(UNUSABLE_LINK) else ""
            if href and url_problem(href) and not in_link:
                lost = href
            if lost:
                self.notes.append(f"the link “{' '.join(inner_plain.split())}” went to “{lost}”, which readers of an "
                                  "email cannot open; it was kept as plain words — add its full web address (https://…)")
            elif href and not in_link:
                label = inner_md.strip()
                target = href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
                lead = inner_md[: len(inner_md) - len(inner_md.lstrip())]
                trail = inner_md[len(inner_md.rstrip()):]
                return f"{lead}[{label}]({target}){trail}", inner_plain
        return inner_md, inner_plain

    def _list(self, element, indent: int, other_markers: bool = False) -> tuple[list[str], list[str]]:
        """Markdown lines and plain item texts of a list; nested lists sit under their item's text."""
        ordered = element.tag == "ol"
        try:
            number = max(0, int(element.get("start") or 1))
        except ValueError:
            number = 1
        md_lines: list[str] = []
        items: list[str] = []
        first_number, place = number, len(self.recounted)
        first_words = ""
        for item in element:
            if item.tag != "li":
                continue
            marker = f"{number}{')' if other_markers else '.'} " if ordered else ("* " if other_markers else "- ")
            lines, texts = self._item(item, indent, marker)
            if not lines:
                continue
            first_words = first_words or (texts[0] if texts else "")
            number += 1
            md_lines.extend(lines)
            items.extend(texts)
        if ordered and element.get("type") in COUNTED_IN_LETTERS and number > first_number:
            self.recounted.insert(place, (element.get("type"), first_number, number - first_number, first_words))
        return md_lines, items

    def _item(self, item, indent: int, marker: str) -> tuple[list[str], list[str]]:
        """One list item: its first paragraph beside the marker, later paragraphs and lists indented under it."""
        pad = " " * (indent + len(marker))
        md_lines: list[str] = []
        texts: list[str] = []
        run: list = [item.text or ""]
        previous_list: tuple[str, bool] | None = None  # the tag and markers of a list just written

        def flush_text() -> None:
            nonlocal run
            markdown, plain = self._inline(run)
            run = []
            lines_md = _broken_lines(markdown)
            lines_plain = [line.strip() for line in plain.split("\n") if line.strip()]
            if not lines_md:
                return
            if not md_lines:
                md_lines.append(" " * indent + marker + lines_md[0])
            else:
                md_lines.extend(["", pad + lines_md[0]])  # a paragraph continuing the item
            md_lines.extend(pad + line for line in lines_md[1:])
            texts.extend(lines_plain)

        for child in item:
            if child.tag in ("ul", "ol"):
                flush_text()
                other = previous_list is not None and previous_list[0] == child.tag and not previous_list[1]
                nested_md, nested_items = self._list(child, len(pad), other_markers=other)
                if not nested_md:
                    continue
                if not md_lines:
                    md_lines.append(" " * indent + marker.rstrip())
                if child.tag == "ol" and not re.match(r"\s*1[.)] ", nested_md[0]) or md_lines[-1] == "":
                    md_lines.append("")  # only a list starting at 1 may follow text without a blank line
                md_lines.extend(nested_md)
                texts.extend(nested_items)
                previous_list = (child.tag, other)
                run = [child.tail or ""]
            elif child.tag == "table" and _is_data_table(child):
                flush_text()
                for paragraph in self._table(child):
                    if paragraph.is_list and md_lines:
                        md_lines.extend(["", *(pad + line for line in paragraph.markdown.split("\n"))])
                        texts.extend(paragraph.lines)
                previous_list = None
                run = [child.tail or ""]
            elif child.tag in ("p", "div", "table", *_HEADINGS):
                flush_text()
                run = _parts(child)
                flush_text()
                previous_list = None
                run = [child.tail or ""]
            else:
                run.extend([child, child.tail or ""])
                previous_list = None
        flush_text()
        if md_lines and md_lines[0].strip() == marker.strip() and len(md_lines) == 1:
            return [], []
        return md_lines, texts

    def _table(self, table) -> list[Paragraph]:
        """A table with columns: one list item per row, its cells side by side, and a note to check it."""
        rows = [row for row in table.iter("tr") if _closest(row, "table") is table]
        md_lines: list[str] = []
        items: list[str] = []
        images: list = []
        columns = 0
        for row in rows:
            cells = [cell for cell in row if cell.tag in ("td", "th")]
            columns = max(columns, len(cells))
            md_cells, plain_cells = [], []
            for cell in cells:
                images.extend(self._take_images(cell))
                markdown, plain = self._inline([cell.text or "", *cell.iterchildren()], tails=True)
                if plain.strip():
                    md_cells.append(" ".join(markdown.split()))
                    plain_cells.append(" ".join(plain.split()))
            if md_cells:
                md_lines.append("- " + escape_line_start(" – ".join(md_cells)))
                items.append(" – ".join(plain_cells))
        out: list[Paragraph] = []
        if items:
            self.notes.append(f"a table of {len(rows)} rows and {columns} columns was kept as a list, one row "
                              "a line with its cells separated by “–”; check that it reads well")
            out.append(self._with_notes(Paragraph(tuple(items), markdown="\n".join(md_lines), is_list=True)))
        return out + [Paragraph(("",), markdown="", block=_image(img)) for img in images]


def _broken_lines(markdown: str) -> list[str]:
    """The lines of a paragraph, each ending in a hard break (a backslash) but the last, so a <br> shows as a
    new line in the email rather than a space; two <br> in a row keep their empty line (a lone backslash)."""
    lines: list[str] = []
    for line in markdown.split("\n"):
        line = line.strip()
        if line or (lines and lines[-1]):
            lines.append(escape_line_start(line) if line else "")
    while lines and not lines[-1]:
        lines.pop()
    return [line + "\\" for line in lines[:-1]] + lines[-1:]


def recounted_notes(recounted: list[tuple[str, int, int, str]]) -> list[str]:
    """What the report says of lists that counted in letters or roman numerals and now count in figures,
    one note per kind of counting within a list (Word's usual a, b, c under every numbered item is one)."""
    notes = []
    for kind in dict.fromkeys(found[0] for found in recounted):
        same = [found for found in recounted if found[0] == kind]
        _, start, count, words = same[0]
        marks = _counting(kind, start, count)
        example = marks[1] if len(marks) > 1 else marks[0]
        shown, figures = ", ".join(marks), ", ".join(str(n) for n in range(start, start + min(count, 3)))
        more = "…" if count > 3 else ""
        which = (f"a list numbered {shown}{more} near “{_first_words(words)}” is" if len(same) == 1 else
                 f"{len(same)} lists numbered {shown}{more} (the first near “{_first_words(words)}”) are")
        notes.append(f"{which} now numbered {figures}{more}, as lists in an email can only count in figures; "
                     f"check that nothing refers to an item as “{example}”")
    return notes


def _counting(kind: str, start: int, count: int) -> list[str]:
    """The first (up to three) marks of a list counting as <ol type> *kind* from *start*: "a, b, c", "iv, v"."""
    marks = []
    for number in range(start, start + min(count, 3)):
        if kind in "aA":
            mark = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1) if number > 0 else "0"
        else:
            mark = roman_numerals(number)
        marks.append(mark.upper() if kind.isupper() else mark)
    return marks


def _first_words(text: str, count: int = 6) -> str:
    words = text.split()
    return " ".join(words[:count]) + ("…" if len(words) > count else "")


def _parts(element) -> list:
    """Text and children of *element*, each child followed by the text after it."""
    parts: list = [element.text or ""]
    for child in element:
        parts.extend([child, child.tail or ""])
    return parts


def _is_data_table(table) -> bool:
    """A table with at least two filled columns in some row; one-column tables only lay text out."""
    if table.find(".//table") is not None:
        return False
    for row in table.iter("tr"):
        filled = [cell for cell in row if cell.tag in ("td", "th") and cell.text_content().strip()]
        if len(filled) >= 2:
            return True
    return False


def _closest(element, tag: str):
    return next(element.iterancestors(tag), None)


def _wrap(markdown: str, mark: str) -> str:
    """Emphasis marks hugging the words, with the spaces around them left outside."""
    core = markdown.strip()
    lead = markdown[: len(markdown) - len(markdown.lstrip())]
    trail = markdown[len(markdown.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}" if core else markdown


def _image(element) -> ImageBlock:
    return ImageBlock(src=element.get("src") or "", alt=" ".join((element.get("alt") or "").split()))
