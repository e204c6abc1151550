"""HTML from Word, Google Docs or a web page → paragraphs with Markdown text.

lxml first turns the habits of each source into plain HTML (Word's list
paragraphs into lists, Google Docs' bold spans into <strong>), nh3 then keeps
only the allowed tags, and the walk below writes the Markdown. Fonts, colours,
sizes, spans, comments, <o:p> and conditional comments do not survive.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html
import nh3

from composer.model import ImageBlock
from composer.model.values import url_problem

from .inline import escape_line_start, escape_markdown, inline_markdown
from .paragraphs import Paragraph

TITLE_CLASS = "newsletter-title"
_HEADINGS = {f"h{n}": n for n in range(1, 7)}
_CONTAINERS = {"div", "blockquote", "table", "tbody", "thead", "tr", "td", "th", "body", "section", "article"}
_ALLOWED = {"p", "br", "strong", "b", "em", "i", "a", "ul", "ol", "li", "img", *_HEADINGS, *_CONTAINERS} - {"body"}
_BOLD_WEIGHT = re.compile(r"font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_NORMAL_WEIGHT = re.compile(r"font-weight\s*:\s*(?:normal|[1-4]00)", re.I)
_ITALIC = re.compile(r"font-style\s*:\s*italic", re.I)
_WORD_LIST = re.compile(r"mso-list\s*:\s*l\d", re.I)
_WORD_BULLET_GLYPH = re.compile(r"mso-list\s*:\s*ignore", re.I)
_NUMBER_MARKER = re.compile(r"^\s*(?:\d+|[a-z]|[ivxlc]+)[.)]", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all", re.I)


def html_paragraphs(html: str, keep_images: bool = False) -> list[Paragraph]:
    """The paragraphs, headings, lists (and, for Word files, pictures) of *html*, in order."""
    tidy = _tidy(html)
    if not tidy.strip():
        return []
    clean = nh3.clean(
        tidy,
        tags=_ALLOWED if keep_images else _ALLOWED - {"img"},
        attributes={"a": {"href"}, "img": {"src", "alt"}, "h1": {"class"}},
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
        strip_comments=True,
    )
    root = lxml.html.fragment_fromstring(clean, create_parent="div")
    return _Walk().container(root)


def _tidy(html: str) -> str:
    """Plain HTML from what Word and Google Docs put on the clipboard."""
    if not html.strip():
        return ""
    try:
        document = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    body = document.find("body")
    if body is None:
        body = document
    for node in list(body.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        _remove_keeping_tail(node)
    for node in list(body.iter()):
        if not isinstance(node.tag, str):
            continue
        style = node.get("style", "")
        if _WORD_BULLET_GLYPH.search(style):
            _remember_numbering(node)
            _remove_keeping_tail(node)
        elif node.tag in ("style", "script", "head", "title", "meta", "xml") or _HIDDEN.search(style):
            _remove_keeping_tail(node)
        elif node.tag in ("b", "strong") and _NORMAL_WEIGHT.search(style):
            node.drop_tag()  # Google Docs wraps the whole paste in <b style="font-weight:normal">.
        elif node.tag == "span":
            if _ITALIC.search(style):
                _wrap_children(node, "em")
            if _BOLD_WEIGHT.search(style):
                _wrap_children(node, "strong")
    _word_lists_to_lists(body)
    return lxml.html.tostring(body, encoding="unicode")


def _remember_numbering(glyph) -> None:
    """Word writes a list item's marker ("1.", "a)", "•") as text; numbers make it a numbered list."""
    if _NUMBER_MARKER.match(glyph.text_content()):
        for ancestor in glyph.iterancestors("p"):
            ancestor.set("data-word-numbered", "1")
            break


def _remove_keeping_tail(node) -> None:
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)


def _wrap_children(node, tag: str) -> None:
    wrapper = lxml.html.Element(tag)
    wrapper.text, node.text = node.text, None
    for child in list(node):
        wrapper.append(child)
    node.append(wrapper)


def _word_lists_to_lists(body) -> None:
    """Word pastes list items as paragraphs styled mso-list; gather each run into one <ul> or <ol>."""
    for paragraph in list(body.iter("p")):
        is_item = _WORD_LIST.search(paragraph.get("style", "")) or paragraph.get("class", "").startswith("MsoListParagraph")
        if not is_item:
            continue
        tag = "ol" if paragraph.attrib.pop("data-word-numbered", None) else "ul"
        previous = paragraph.getprevious()
        if previous is not None and previous.tag == tag and previous.get("data-word-list") and not (previous.tail or "").strip():
            target = previous
        else:
            target = lxml.html.Element(tag)
            target.set("data-word-list", "1")
            paragraph.addprevious(target)
            target.tail, paragraph.tail = paragraph.tail, None
        tail, paragraph.tail = paragraph.tail, None
        paragraph.tag = "li"
        target.append(paragraph)
        target.tail = (target.tail or "") + (tail or "")


class _Walk:
    """Writes Markdown while walking the clean tree."""

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
            text = " ".join(element.text_content().split())
            level = 0 if TITLE_CLASS in (element.get("class") or "") else _HEADINGS[tag]
            return [Paragraph((text,), heading=level)] if text else []
        if tag in ("ul", "ol"):
            markdown, items = self._list(element, 0)
            return [Paragraph(tuple(items), markdown=markdown, is_list=True)] if items else []
        if tag == "img":
            return [Paragraph(("",), markdown="", block=_image(element))]
        if tag == "p":
            images = [img for img in element.iter("img")]
            for img in images:
                _remove_keeping_tail(img)
            paragraphs = self._paragraph_from([element.text or "", *element.iterchildren()], tails=True)
            return paragraphs + [Paragraph(("",), markdown="", block=_image(img)) for img in images]
        return self.container(element)

    def _paragraph_from(self, parts: list, tails: bool = False) -> list[Paragraph]:
        markdown, plain = self._inline(parts, tails=tails)
        lines = [line.strip() for line in plain.split("\n") if line.strip()]
        md_lines = [escape_line_start(line.strip()) for line in markdown.split("\n") if line.strip()]
        if not lines:
            return []
        return [Paragraph(tuple(lines), markdown="\n".join(md_lines))]

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
        inner_md, inner_plain = self._inline([element.text or "", *element.iterchildren()], tails=True, in_link=in_link or tag == "a")
        if not inner_plain.strip():
            return inner_md, inner_plain
        if tag in ("strong", "b", "em", "i"):
            mark = "**" if tag in ("strong", "b") else "*"
            return _wrap(inner_md, mark), inner_plain
        if tag == "a":
            href = (element.get("href") or "").strip()
            if href and not url_problem(href) and not in_link:
                label = inner_md.strip()
                target = href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
                lead = inner_md[: len(inner_md) - len(inner_md.lstrip())]
                trail = inner_md[len(inner_md.rstrip()):]
                return f"{lead}[{label}]({target}){trail}", inner_plain
        return inner_md, inner_plain

    def _list(self, element, depth: int) -> tuple[str, list[str]]:
        ordered = element.tag == "ol"
        md_lines: list[str] = []
        items: list[str] = []
        number = 1
        for item in element:
            if item.tag != "li":
                continue
            marker = f"{number}. " if ordered else "- "
            number += 1
            indent = " " * (depth * 4)
            nested = [child for child in item if child.tag in ("ul", "ol")]
            parts = [item.text or ""]
            for child in item:
                if child.tag in ("ul", "ol"):
                    parts.append(child.tail or "")
                elif child.tag == "p":
                    parts.extend([child.text or "", *child.iterchildren()])
                    parts.append(lxml.html.Element("br"))
                    parts.append(child.tail or "")
                else:
                    parts.append(child)
                    parts.append(child.tail or "")
            text_md, text_plain = self._inline(parts)
            lines_md = [escape_line_start(line.strip()) for line in text_md.split("\n") if line.strip()]
            lines_plain = [line.strip() for line in text_plain.split("\n") if line.strip()]
            if lines_md:
                md_lines.append(indent + marker + lines_md[0])
                md_lines.extend(indent + " " * len(marker) + line for line in lines_md[1:])
                items.extend(lines_plain)
            for child in nested:
                child_md, child_items = self._list(child, depth + 1)
                if child_md:
                    md_lines.append(child_md)
                    items.extend(child_items)
        return "\n".join(md_lines), items


def _wrap(markdown: str, mark: str) -> str:
    """Emphasis marks hugging the words, with the spaces around them left outside."""
    core = markdown.strip()
    lead = markdown[: len(markdown) - len(markdown.lstrip())]
    trail = markdown[len(markdown.rstrip()):]
    return f"{lead}{mark}{core}{mark}{trail}" if core else markdown


def _image(element) -> ImageBlock:
    return ImageBlock(src=element.get("src") or "", alt=" ".join((element.get("alt") or "").split()))
