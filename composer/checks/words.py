"""Splits prose into the words a spell checker should look at.

Kept apart from the dictionary so the editor's highlighter, the pre-flight
check and the tests share one idea of what a word is. Positions always refer
to the text as given, so the GUI can underline or select exactly that word.
Things that are not words to a reader of a British newsletter are left out:
web and e-mail addresses, Markdown link targets, numbers and ordinals ("7th"),
handles and hashtags, and acronyms (TASP, DfE, LSCPs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

APOSTROPHES = "'’‘ʼ"
ACRONYM_MAX_LENGTH = 5  # all-caps words up to this long are acronyms; longer ones are shouting

# Spans that are not prose: replaced by spaces before words are looked for.
_NOT_PROSE = re.compile(
    r"""
      \]\([^)\n]*\)                                    # Markdown link target: [label](target "title")
    | <[^>\s]+>                                        # autolink or tag: <https://…>
    | (?:https?|ftp)://[^\s<>()\[\]]+                  # web address
    | \b(?:mailto|tel):[^\s<>()\[\]]+                  # mailto: / tel: link
    | \bwww\.[^\s<>()\[\]]+                            # www.example.org
    | (?<![\w.+'’-])[\w.+'’-]+@[\w-]+(?:\.[\w-]+)+     # e-mail address
    | (?<![\w@])[@\#][\w]+                             # @handle, #hashtag
    | (?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:org|com|net|gov|uk|nhs|ac|co|io|info|edu)\b(?:/[^\s<>()\[\]]*)?  # bare domain
    """,
    re.VERBOSE | re.IGNORECASE,
)

# Only texts with one of these can hold anything _NOT_PROSE removes; most paragraphs have none.
_MAY_HOLD_NON_PROSE = re.compile(r"[:@#<]|\]\(|\.[^\W\d_]")

# A word: letters, with apostrophes or hyphens only between letters or digits.
_WORD = re.compile(r"[^\W_](?:[^\W_]|[" + APOSTROPHES + r"-](?=[^\W_]))*")
_PART = re.compile(r"[^\W_](?:[^\W_]|[" + APOSTROPHES + r"](?=[^\W_]))*")
_TO_STRAIGHT = str.maketrans({mark: "'" for mark in APOSTROPHES})


def prose_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, word) for each word worth spell-checking, with apostrophes straightened.

    A hyphenated compound ("long-standing") comes as one word; the checker
    decides whether to look at its parts. Cached per text: the highlighter asks
    again for every paragraph it repaints.
    """
    return _prose_words(text)


def compound_parts(word: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, part) for the checkable parts of a hyphenated word, offsets within *word*."""
    for match in _PART.finditer(word):
        if _is_checkable(match.group()):
            yield match.start(), match.end(), match.group()


def straighten(word: str) -> str:
    """*word* with curly apostrophes made straight, as dictionaries expect."""
    return word.translate(_TO_STRAIGHT)


def is_acronym(word: str) -> bool:
    """Short words in capitals (TASP) and words with inner capitals (DfE, LSCPs) are names, not typos."""
    letters = [ch for ch in word if ch.isalpha()]
    if len(letters) < 2:
        return False
    if all(ch.isupper() for ch in letters):
        return len(letters) <= ACRONYM_MAX_LENGTH
    return any(ch.isupper() for ch in letters[1:])


@lru_cache(maxsize=4096)
def _prose_words(text: str) -> tuple[tuple[int, int, str], ...]:
    masked = _NOT_PROSE.sub(_blank, text) if _MAY_HOLD_NON_PROSE.search(text) else text
    found = []
    for match in _WORD.finditer(masked):
        word = _checkable_form(match.group())
        if word:
            found.append((match.start(), match.end(), word))
    return tuple(found)


@lru_cache(maxsize=65536)
def _checkable_form(word: str) -> str | None:
    return word.translate(_TO_STRAIGHT) if _is_checkable(word) else None


def _is_checkable(word: str) -> bool:
    if "-" in word:
        return any(_is_checkable(part) for part in word.split("-"))
    if len(word) < 2 or any(ch.isdigit() for ch in word):
        return False  # single letters, numbers, ordinals (7th), times (4pm), codes (B12)
    return not is_acronym(word)


def _blank(match: re.Match) -> str:
    return " " * len(match.group())
