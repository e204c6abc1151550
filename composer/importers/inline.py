"""Plain text as it was typed → Markdown that shows exactly those words.

Characters Markdown would read as formatting are escaped, and web and e-mail
addresses written out in the text become links, so nothing the old newsletter
said is lost or changed by the import.
"""

from __future__ import annotations

import re

from composer.model.values import email_problem, url_problem, web_address_to_url

WEB_ADDRESS = re.compile(
    r"(?<![\w@./-])(?:https?://|www\.)[^\s<>\"“”]+",
    re.IGNORECASE,
)
EMAIL_ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")

_TRAILING = ".,;:!?)]}’'"
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)((?:[-+*](?=\s|$))|#|>|\|(?=.*\|)|~(?=~~)|[-=](?=[-=\s]*$)|\d+(?=[.)](?:\s|$)))")


def lines_to_markdown(lines: list[str]) -> str:
    """Markdown for a paragraph of plain lines; line breaks are kept."""
    return "\n".join(line_to_markdown(line) for line in lines)


def line_to_markdown(line: str) -> str:
    """One plain line as Markdown: escaped, with its addresses linked."""
    return escape_line_start(inline_markdown(line.strip()))


def escape_line_start(markdown: str) -> str:
    """Keep a line that begins like a list item, heading or quote from being read as one."""
    return _LINE_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2)[0].isdigit() else m.group(2) + "\\"),
        markdown, count=1,
    )


def inline_markdown(line: str) -> str:
    """Text inside a line as Markdown: escaped, with its web and e-mail addresses linked."""
    out: list[str] = []
    position = 0
    for start, end, label, url in _links(line):
        out.append(escape_markdown(line[position:start]))
        out.append(f"[{escape_markdown(label)}]({url})")
        position = end
    out.append(escape_markdown(line[position:]))
    return "".join(out)


def escape_markdown(text: str) -> str:
    """Backslash the characters Markdown would take as formatting inside a line."""
    return _ENTITY.sub("\\&", _INLINE_SPECIAL.sub(r"\\\1", text))


def _links(line: str):
    """(start, end, label, url) for each web or e-mail address in *line*, in order."""
    found = []
    for match in WEB_ADDRESS.finditer(line):
        label = match.group(0).rstrip(_TRAILING)
        url = web_address_to_url(label).replace("(", "%28").replace(")", "%29")
        if label and not url_problem(url):
            found.append((match.start(), match.start() + len(label), label, url))
    for match in EMAIL_ADDRESS.finditer(line):
        label = match.group(0).rstrip(_TRAILING)
        if email_problem(label) or any(s <= match.start() < e for s, e, *_ in found):
            continue
        found.append((match.start(), match.start() + len(label), label, "mailto:" + label))
    return sorted(found)
