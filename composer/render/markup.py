"""The markup we hand to mjml-python, tidied so it builds the email official MJML would.

mjml-python (MRML) differs from official MJML in two ways that matter here:
- it rejects spaces between head elements on one line, which templates need not care about;
- it drops a whitespace-only gap that holds a newline between two inline elements, so
  ``<strong>Bold</strong>\\n<em>Italic</em>`` shows "BoldItalic" and two links on
  consecutive lines run together. Official MJML keeps the space; so do we, by turning
  such gaps into a plain space, which HTML shows exactly as it shows a newline.

Prose also gets non-breaking spaces inside phone numbers here, once for every template.
"""

from __future__ import annotations

import re

from .phones import keep_phones_in_html

_HEAD_END = "</mj-head>"
_HEAD_GAP = re.compile(r">[ \t]+<")
# The words inside components whose content MJML passes through as HTML.
_PROSE_COMPONENT = re.compile(r"(<mj-(?:text|raw|button)\b[^>]*>)(.*?)(</mj-(?:text|raw|button)>)", re.S)
_NEWLINE_GAP = re.compile(r">[ \t\r\f\v]*\n\s*<")
_PAGE_OPEN = re.compile(r'<div\b[^>]*\bclass="nc-page"[^>]*>')


def tidy_mjml(mjml: str) -> str:
    """*mjml* as mjml-python needs it to match official MJML's output."""
    head_end = mjml.find(_HEAD_END)
    if head_end < 0:
        return _PROSE_COMPONENT.sub(_tidy_component, mjml)
    head, body = mjml[:head_end], mjml[head_end:]
    return _HEAD_GAP.sub(">\n<", head) + _PROSE_COMPONENT.sub(_tidy_component, body)


def tidy_prose(html: str) -> str:
    """HTML meant for the inside of an mj-text: newline gaps kept as spaces, phone numbers whole."""
    return keep_phones_in_html(_NEWLINE_GAP.sub("> <", html))


def add_main_landmark(html: str) -> str:
    """Put the email (MJML's role="article" wrapper) inside a ``main`` landmark.

    Screen-reader users jump to "main" to skip to the content; axe-core reports a page
    without one (landmark-one-main) and content outside any landmark (region).
    """
    opening = _PAGE_OPEN.search(html)
    closing = html.rfind("</div></body>")
    if opening is None or closing < opening.end():
        return html
    return (html[:opening.start()] + '<div role="main">' + html[opening.start():closing]
            + "</div></div></body>" + html[closing + len("</div></body>"):])


def _tidy_component(match: re.Match) -> str:
    opening, content, closing = match.groups()
    return opening + tidy_prose(content) + closing
