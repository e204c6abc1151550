"""Phone numbers that never wrap mid-number: their spaces become non-breaking.

"01632 960 123" split over two lines on a phone is misdialled; a non-breaking
space keeps the groups readable and the number whole.
"""

from __future__ import annotations

import re
from functools import lru_cache

NBSP = "\u00a0"
# Digits in groups, perhaps "+44 (0)20 …"; the length check below tells numbers from other figures.
_CANDIDATE = re.compile(r"(?<![\w/.,£$€-])\+?\d[\d ()]*\d(?![\w/-])")
_DIGIT = re.compile(r"\d")
# A tag (kept whole) or a number in the text between tags, in one pass over the HTML. A number
# never holds "<" or ">", and either one beside it passes the look-arounds as a text's edge does.
_TAG_OR_CANDIDATE = re.compile(r"<[^>]*>|" + _CANDIDATE.pattern)


def keep_phone_together(text: str) -> str:
    """*text* with the spaces inside phone numbers made non-breaking."""
    if not text or not _DIGIT.search(text):  # _CANDIDATE cannot match without a digit
        return text
    return _CANDIDATE.sub(_joined, text)


@lru_cache(maxsize=4096)
def keep_phones_in_html(html: str) -> str:
    """The same for HTML: only text between tags changes, never an attribute or a link address."""
    return _TAG_OR_CANDIDATE.sub(_joined_unless_tag, str(html))


def _joined_unless_tag(match: re.Match) -> str:
    return match.group() if match.group().startswith("<") else _joined(match)


def _joined(match: re.Match) -> str:
    number = match.group()
    digits = sum(char.isdigit() for char in number)
    looks_like_phone = (
        9 <= digits <= 15
        and " " in number
        and "  " not in number
        and (number.startswith(("0", "+")))
        and number.count("(") == number.count(")")
    )
    return number.replace(" ", NBSP) if looks_like_phone else number
