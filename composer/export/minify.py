"""Smaller email HTML without breaking Outlook.

Outlook on Windows reads its layout from conditional comments
(``<!--[if mso]>…<![endif]-->``), so those are kept byte for byte; ordinary
comments go, and runs of whitespace shrink. Tags and attribute values are left
as they are.
"""

from __future__ import annotations

import re

_TOKENS = re.compile(
    r"(?P<keep><!--\[if[^\]]*\]><!-->|<!--<!\[endif\]-->|<!--\[if[^\]]*\]>.*?<!\[endif\]-->"
    r"|<(?P<raw>pre|textarea|script)\b.*?</(?P=raw)\s*>)"
    r"|(?P<style><style\b[^>]*>)(?P<css>.*?)(?P<style_end></style\s*>)"
    r"|(?P<comment><!--.*?-->)"
    r"|(?P<tag><[^>]*>)"
    r"|(?P<text>[^<]+|<)",
    re.S | re.I,
)
_BLOCK_TAG = re.compile(
    r"</?(?:html|head|body|title|meta|link|style|table|thead|tbody|tr|td|th|div|p|h[1-6]|ul|ol|li|br|hr|center|img|!doctype)\b",
    re.I,
)
_CSS_SPACE = re.compile(r"\s*([{};])\s*")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def minify_html(page: str) -> str:
    """*page* with comments and redundant whitespace removed, Outlook's conditionals intact."""
    pieces: list[str] = []
    for match in _TOKENS.finditer(page):
        if match["keep"]:
            pieces.append(match["keep"])
        elif match["style"]:
            pieces.append(match["style"] + _minify_css(match["css"]) + match["style_end"])
        elif match["comment"]:
            continue
        elif match["tag"]:
            pieces.append(match["tag"])
        else:
            pieces.append(re.sub(r"\s+", " ", match["text"]))
    return "".join(_drop_space_between_blocks(pieces)).strip()


def _minify_css(css: str) -> str:
    css = _CSS_COMMENT.sub("", css)
    css = re.sub(r"\s+", " ", css)
    return _CSS_SPACE.sub(r"\1", css).strip()


def _drop_space_between_blocks(pieces: list[str]) -> list[str]:
    """A lone space next to a block-level tag shows nowhere; between inline tags it separates words."""
    kept = []
    for index, piece in enumerate(pieces):
        if piece == " ":
            before = pieces[index - 1] if index else ""
            after = pieces[index + 1] if index + 1 < len(pieces) else ""
            if _BLOCK_TAG.match(before) or _BLOCK_TAG.match(after) or before.startswith("<!--") or after.startswith("<!--"):
                continue
        kept.append(piece)
    return kept
