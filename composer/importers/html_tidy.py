"""What Word, Google Docs or a web page put on the clipboard → plain HTML, before nh3 keeps the allowed tags.

Each source has its habits: Word's conditional comments and list markers written as text,
Google Docs' bold wrapper around the whole paste and its bold or italic spans, hidden text,
links to files on someone's computer. They are settled here, on the whole document, and
html_lists makes Word's list paragraphs into real lists; what is left is plain HTML.
"""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

from .html_lists import keep_list_type, remember_marker, typed_markers_to_word_lists, word_lists_to_lists
from .html_nodes import remove_keeping_tail


# "font-weight" on its own, not the tail of Word's "mso-bidi-font-weight".
_BOLD_WEIGHT = re.compile(r"(?<![\w-])font-weight\s*:\s*(?:bold|bolder|[6-9]00)", re.I)
_NORMAL_WEIGHT = re.compile(r"(?<![\w-])font-weight\s*:\s*(?:normal|[1-4]00)", re.I)
_ITALIC = re.compile(r"(?<![\w-])font-style\s*:\s*(?:italic|oblique)", re.I)
# Word's list marker between "if !supportLists" comments, when no span marks it.
_DOWNLEVEL_MARKER = re.compile(r"<!(?:--)?\[if !supportLists\](?:--)?>(.*?)<!(?:--)?\[endif\](?:--)?>", re.S | re.I)
_WORD_MARKER = re.compile(r"mso-list\s*:\s*ignore", re.I)
_HIDDEN = re.compile(r"display\s*:\s*none|mso-hide\s*:\s*all", re.I)
_USABLE_LINK = re.compile(r"^(?:https?:|mailto:|tel:)", re.I)
_NOT_A_LINK = re.compile(r"^(?:#|javascript:|vbscript:|data:)", re.I)
UNUSABLE_LINK = "data-unusable-href"


# Tidying what each source puts on the clipboard.
def tidy_html(html: str) -> str:
    """Plain HTML from what Word and Google Docs put on the clipboard."""
    if not html.strip():
        return ""
    html = _DOWNLEVEL_MARKER.sub(r'<span style="mso-list:Ignore">\1</span>', html)
    try:
        document = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    body = document.find("body")
    if body is None:
        body = document
    for node in list(body.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction)):
        remove_keeping_tail(node)
    for node in list(body.iter()):
        if not isinstance(node.tag, str) or node.getparent() is None and node is not body:
            continue
        style = node.get("style", "")
        if _WORD_MARKER.search(style):
            remember_marker(node)
            remove_keeping_tail(node)
        elif node.tag in ("style", "script", "head", "title", "meta", "xml") or _HIDDEN.search(style):
            remove_keeping_tail(node)
        elif node.tag in ("b", "strong") and _NORMAL_WEIGHT.search(style):
            node.drop_tag()  # Google Docs wraps the whole paste in <b style="font-weight:normal">.
        elif node.tag == "a":
            _keep_unusable_link(node)
        elif node.tag == "span":
            if _ITALIC.search(style):
                _wrap_children(node, "em")
            if _BOLD_WEIGHT.search(style):
                _wrap_children(node, "strong")
    typed_markers_to_word_lists(body)
    word_lists_to_lists(body)
    for ordered in body.iter("ol"):
        keep_list_type(ordered)
    return lxml.html.tostring(body, encoding="unicode")


def _keep_unusable_link(link) -> None:
    """A link to a file or a page on someone's computer cannot work in an email; remember where it went."""
    href = (link.get("href") or "").strip()
    if href and not _USABLE_LINK.match(href) and not _NOT_A_LINK.match(href):
        link.set("title", UNUSABLE_LINK + ":" + href)
        del link.attrib["href"]


def _wrap_children(node, tag: str) -> None:
    wrapper = lxml.html.Element(tag)
    wrapper.text, node.text = node.text, None
    for child in list(node):
        wrapper.append(child)
    node.append(wrapper)
