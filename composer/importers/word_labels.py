"""What Word shows before a numbered paragraph, written as Word writes it.

A level's w:lvlText ("%1.%2.") is filled with each level's counter in that level's format
(letters, roman numerals, ordinal or cardinal words, "01", figures for legal numbering).
Kept apart from the counting so the label rules can be read, and tested, on their own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .word_numbering import Level, NumberedParagraph


# numFmt → <ol type>; the email shows figures whatever this says, and the import names the list.
HTML_TYPES = {"decimal": "1", "lowerLetter": "a", "upperLetter": "A", "lowerRoman": "i", "upperRoman": "I"}


def heading_label(paragraph: NumberedParagraph) -> str:
    """What goes before a numbered heading's words: Word's label and a space ("2.1 "), or nothing for a
    bullet or a level Word shows no number on."""
    if paragraph.format in ("bullet", "none") or not paragraph.label.strip():
        return ""
    return paragraph.label.strip() + " "


_PLACEHOLDER = re.compile("%([1-9])")
_PUNCTUATION_ONLY = re.compile(r"[\s.)(]*")


def word_label(level: Level, level_index: int, counts: dict[int, int | None], rule_of) -> tuple[str, bool]:
    """(what Word shows before the paragraph, whether that is only its own counter with punctuation).

    Each %n of w:lvlText is level n's counter written in level n's format (figures for a legal level);
    a level not reached yet shows the number before its start, as Word's "0.1" under no heading 1 does.
    """
    if level.format == "bullet":
        return (level.text or ""), True
    text = f"%{level_index + 1}." if level.text is None else level.text

    def counter(match: re.Match) -> str:
        index = int(match.group(1)) - 1
        rule = level if index == level_index else rule_of(index)
        value = counts.get(index)
        if value is None:
            value = max(0, (rule.start if rule is not None else 1) - 1)
        number_format = rule.format if rule is not None else "decimal"
        if level.legal and number_format not in ("none", "bullet"):
            number_format = "decimal"
        return format_number(value, number_format)

    placeholders = _PLACEHOLDER.findall(text)
    own_only = (placeholders == [str(level_index + 1)]
                and _PUNCTUATION_ONLY.fullmatch(_PLACEHOLDER.sub("", text)) is not None)
    return " ".join(_PLACEHOLDER.sub(counter, text).split()), own_only


_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
         "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}


def format_number(number: int, number_format: str) -> str:
    """*number* as Word writes it in a list format ("lowerRoman": "iv", "ordinalText": "Fourth")."""
    if number_format in ("none", "bullet"):
        return ""
    if number_format in ("lowerLetter", "upperLetter") and number > 0:
        letters = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in ("lowerRoman", "upperRoman") and 0 < number < 4000:
        roman = roman_numerals(number)
        return roman.upper() if number_format == "upperRoman" else roman
    if number_format == "decimalZero":
        return f"{number:02d}"
    if number_format == "ordinal":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    if number_format in ("cardinalText", "ordinalText") and 0 <= number < 1000:
        words = _in_words(number)
        if number_format == "ordinalText":
            head, _, last = words.rpartition("-" if "-" in words.split(" ")[-1] else " ")
            last = _ORDINAL_WORDS.get(last, last[:-1] + "ieth" if last.endswith("y") else last + "th")
            words = f"{head}{'-' if head and words[len(head)] == '-' else ' ' if head else ''}{last}"
        return words[0].upper() + words[1:]
    return str(number)


def _in_words(number: int) -> str:
    if number < 20:
        return _ONES[number]
    if number < 100:
        return _TENS[number // 10] + (f"-{_ONES[number % 10]}" if number % 10 else "")
    rest = number % 100
    return f"{_ONES[number // 100]} hundred" + (f" and {_in_words(rest)}" if rest else "")


def roman_numerals(number: int) -> str:
    """*number* in lower-case roman numerals ("iv"); a number below one stays in figures."""
    if number <= 0:
        return str(number)
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out
