"""Small named rules that say what a line or a paragraph of an old newsletter is.

Each rule looks at plain text only and knows nothing of the others; the order
in which they are tried lives in ``recogniser.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from composer.model.values import email_problem

from .inline import EMAIL_ADDRESS, WEB_ADDRESS

# Known section headings: the whole line must match, so "Business Managers Network"
# (an item inside a section) is not taken for "Networks".
SECTION_HEADINGS: tuple[tuple[str, re.Pattern], ...] = tuple(
    (kind, re.compile(pattern, re.IGNORECASE))
    for kind, pattern in (
        ("introduction", r"(?:[\w’']+\s+){0,2}introduction(?:\s+(?:from|by)\s+.+)?"),
        ("introduction", r"(?:a\s+)?(?:welcome|foreword)(?:\s+from\s+.+)?"),
        ("stakeholder_news", r"(?:news\s+from\s+)?(?:our\s+)?(?:stakeholders?|partners?)(?:\s+news)?"),
        ("news", r"(?:[\w’'&]+\s+){0,2}news|news\s+(?:and|&)\s+updates|latest\s+news"),
        ("webinars", r"(?:[\w’']+\s+)?(?:webinars|events)(?:\s+(?:and|&)\s+\w+)?"),
        ("networks", r"(?:[\w’']+\s+)?networks"),
        ("afterword", r"afterword|(?:a\s+)?final\s+word|last\s+word"),
        ("vacancies", r"(?:[\w’']+\s+)?(?:vacancies|jobs)"),
        ("your_views", r"your\s+views|have\s+your\s+say|contact(?:\s+(?:us|the\s+\w+|details))?|get\s+in\s+touch"),
    )
)

BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·■□➢➤]|[-*–](?=\s))\s*")
_SMALL_WORDS = {
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "re", "the", "to",
    "with", "&", "-", "–", "—", "vs", "via", "our", "your",
}
_SENTENCE_END = re.compile(r"[.,;:!]$")
_TRAILING_DOTS = re.compile(r"(?:\.{2,}|…)$")
SIGN_OFF = re.compile(
    r"(?:with\s+)?(?:(?:very\s+)?(?:best|kind|kindest|warm|warmest|many)\s+(?:wishes|regards|thanks)"
    r"|(?:yours\s+)?(?:sincerely|faithfully|truly)|best|regards|thanks|thank\s+you|many\s+thanks|cheers"
    r"|all\s+the\s+best|with\s+(?:thanks|love|gratitude)|in\s+partnership)\s*[,.!]?",
    re.IGNORECASE,
)
_ABBREVIATION_END = re.compile(r"\b[A-Z][a-z]{0,3}\.$")
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zA-Z’'\-]*[a-z][a-zA-Z’'\-]*|[A-Z]\.?)$")
_HONORIFICS = {"Dr", "Dr.", "Prof", "Prof.", "Professor", "Mr", "Mrs", "Ms", "Miss", "Cllr", "Sir", "Dame", "Lord", "Lady", "Rev", "Revd"}
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}[\s-]?\d{3,4}[\s-]?\d{3,4}(?!\d)")
SOCIAL_HANDLE = re.compile(r"(?<![\w.@])@[A-Za-z0-9_]{2,30}\b")
QUOTE_WITH_ATTRIBUTION = re.compile(r"^(?P<text>.*\S)\s*\((?P<who>[^()]{2,60})\)\s*[.]?$")
_QUOTE_MARKS = {"“": "”", '"': '"', "”": "”", "‘": "’", "'": "'"}


def section_kind(line: str) -> str | None:
    """The section kind a heading line names ("Association News" → news), or None."""
    text = " ".join(line.split()).strip(" :")
    if not text or len(text) > 60:
        return None
    for kind, pattern in SECTION_HEADINGS:
        if pattern.fullmatch(text):
            return kind
    return None


def is_title_like(line: str) -> bool:
    """A short line in title case with no sentence ending: a heading someone typed as a line.

    A trailing ".." or "..." ("Coming Soon...") is a heading's flourish, not a full stop.
    """
    text = _TRAILING_DOTS.sub("", " ".join(line.split())).rstrip()
    words = text.split()
    if not words or len(text) > 90 or len(words) > 14 or not (text[0].isupper() or text[0].isdigit()):
        return False
    if WEB_ADDRESS.search(text) or EMAIL_ADDRESS.search(text) or PHONE.search(text) or button_label(text):
        return False
    if text.endswith("?"):
        if "?" in text[:-1] or ". " in text:
            return False
    elif _SENTENCE_END.search(text) and not _ABBREVIATION_END.search(text):
        return False
    if ". " in text.rstrip("."):
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not significant:
        return False
    capitalised = sum(1 for w in significant if w.lstrip("(“\"'‘")[:1].isupper() or w[:1].isdigit())
    return capitalised * 2 >= len(significant) + (1 if len(significant) > 2 else 0)


def button_label(line: str) -> str | None:
    """A call to action typed in capitals ("REGISTER FOR AGM") stands for a button; its label."""
    text = " ".join(line.split())
    letters = [ch for ch in text if ch.isalpha()]
    words = text.split()
    if len(letters) < 4 or not 2 <= len(words) <= 7 or len(text) > 45:
        return None
    if any(ch.islower() for ch in letters) or re.search(r"[.:;,]$", text):
        return None
    return text


def bullet_text(line: str) -> str | None:
    """The item of a bulleted line ("• Dorset" → "Dorset"), or None for other lines."""
    match = BULLET.match(line)
    if not match:
        return None
    return line[match.end():].strip()


@dataclass(frozen=True)
class Quote:
    text: str
    attribution: str


def quote_parts(text: str) -> Quote | None:
    """A one-line saying with its source in brackets, or a paragraph wholly in quotation marks."""
    text = " ".join(text.split())
    match = QUOTE_WITH_ATTRIBUTION.match(text)
    if match:
        said, who = match.group("text").strip(), match.group("who").strip()
        if said[-1:] in ".!?”\"" and looks_like_name(who) and len(said.split()) >= 4:
            return Quote(_unquote(said), who)
    if len(text) > 2 and text[0] in _QUOTE_MARKS and text[-1] in ("”", '"', "’", "'"):
        inner = text[1:-1].strip()
        if inner and not any(mark in inner for mark in "“”\""):
            return Quote(inner, "")
    return None


def looks_like_name(text: str) -> bool:
    """Two to five capitalised words, optionally after a title: "Dr Jo Bloggs", "Taylor Swift"."""
    words = text.split()
    if words and words[0] in _HONORIFICS:
        words = words[1:]
    if not 1 <= len(words) <= 5 or (len(words) == 1 and len(text.split()) == 1):
        return False
    return all(_NAME_WORD.match(w) or w.lower() in ("de", "van", "von", "la", "le", "du") for w in words)


@dataclass(frozen=True)
class Signature:
    name: str
    role: str
    rest: tuple[str, ...]
    closing: str = ""  # the sign-off line above the name, kept as text


def is_sign_off(line: str) -> bool:
    """ "With best wishes,", "Kind regards", "Yours sincerely": the line before a name at a letter's end."""
    return SIGN_OFF.fullmatch(" ".join(line.split())) is not None


def signature_parts(lines: list[str]) -> Signature | None:
    """A name (and a role on the next line) ending a section, e.g. "Jo Bloggs / Chair",
    after a sign-off line ("With best wishes,") when there is one."""
    closing = ""
    if len(lines) >= 2 and is_sign_off(lines[0]):
        closing, lines = " ".join(lines[0].split()), lines[1:]
    if not 1 <= len(lines) <= 5:
        return None
    name = " ".join(lines[0].split()).rstrip(",")
    if not looks_like_name(name) or contact_values(name):
        return None
    role, rest = "", list(lines[1:])
    if rest and _is_role(rest[0]):
        role, rest = " ".join(rest.pop(0).split()), rest
    if any(not contact_values(line) for line in rest):
        return None
    return Signature(name, role, tuple(rest), closing)


@dataclass(frozen=True)
class ContactValues:
    phone: str = ""
    email: str = ""
    social: str = ""

    def __bool__(self) -> bool:
        return bool(self.phone or self.email or self.social)


def contact_values(text: str) -> ContactValues:
    """The first phone number, e-mail address and social handle written in *text*."""
    phone = PHONE.search(text)
    emails = [m.group(0).rstrip(".") for m in EMAIL_ADDRESS.finditer(text)]
    email = next((e for e in emails if not email_problem(e)), "")
    handle = next((m.group(0) for m in SOCIAL_HANDLE.finditer(text) if not _inside_email(m, text)), "")
    return ContactValues(phone.group(0).strip() if phone else "", email, handle)


def _is_role(line: str) -> bool:
    text = " ".join(line.split())
    return bool(text) and len(text.split()) <= 8 and len(text) <= 70 and not _SENTENCE_END.search(text) and not contact_values(text)


def _inside_email(match: re.Match, text: str) -> bool:
    return match.start() > 0 and not text[match.start() - 1].isspace() and text[match.start() - 1] not in "(“\"'"


def _unquote(text: str) -> str:
    if len(text) > 2 and text[0] in _QUOTE_MARKS and text[-1] in ("”", '"', "’", "'"):
        return text[1:-1].strip()
    return text
