"""Accessibility rules: colour contrast of the theme, shouting capitals, pictures of words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer.model import Block, Issue
from composer.model.naming import block_name, sentence
from composer.model.roles import is_decorative, picture_alt, pictures, prose
from composer.render.colours import contrast_ratio
from composer.render.themes import load_theme

from .context import CheckContext
from .findings import Finding, Severity

RULE = "accessibility"
NORMAL_TEXT_RATIO = 4.5  # WCAG 2.2 AA for body text
LARGE_TEXT_RATIO = 3.0   # WCAG 2.2 AA for text from 24px (or 18.7px bold)
SHORT_ALT_WORDS = 5

# (what, foreground, background, ratio needed): "brand.x" reads the issue's brand, other names the theme.
COLOUR_PAIRS = (
    ("Body text", "text_colour", "content_background", NORMAL_TEXT_RATIO),
    ("Small grey text", "muted_colour", "content_background", NORMAL_TEXT_RATIO),
    ("Links", "brand.primary_colour", "content_background", NORMAL_TEXT_RATIO),
    ("Section titles", "brand.primary_colour", "content_background", LARGE_TEXT_RATIO),
    ("Masthead text", "masthead_text_colour", "brand.primary_colour", NORMAL_TEXT_RATIO),
    ("Button text", "button_text_colour", "brand.accent_colour", NORMAL_TEXT_RATIO),
    ("Footer text", "muted_colour", "page_background", NORMAL_TEXT_RATIO),
    ("Body text in dark mode", "dark_text_colour", "dark_content_background", NORMAL_TEXT_RATIO),
    ("Links in dark mode", "dark_link_colour", "dark_content_background", NORMAL_TEXT_RATIO),
)

# File names that usually mean a picture of words: posters, flyers, infographics.
_TEXT_IMAGE_NAME = re.compile(
    r"poster|flyer|leaflet|infographic|banner|invite|invitation|agenda|programme|save[-_ ]?the[-_ ]?date|"
    r"quote|screenshot|screen[-_ ]?shot|(?<![a-z])text(?![a-z])|timetable|notice",
    re.IGNORECASE,
)
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<[^>]+>|https?://\S+")


def check_colour_contrast(context: CheckContext) -> Iterator[Finding]:
    """Text that fails WCAG AA is hard to read for many; below 3:1 it is hard for almost everyone."""
    for what, fore, back, needed, ratio, colours in hard_to_read(context.issue):
        severity = Severity.ERROR if ratio < LARGE_TEXT_RATIO else Severity.WARNING
        field = next((name for name in (fore, back) if name.startswith("brand.")), None)
        yield Finding(RULE, severity,
                      f"{what} ({colours[fore]} on {colours[back]}) has a contrast of {ratio:.1f}:1; "
                      f"it needs at least {needed:g}:1 to be easy to read.",
                      field=field)


def hard_to_read(issue: Issue, involving: str | None = None) -> Iterator[tuple[str, str, str, float, float, dict]]:
    """(what, foreground, background, ratio needed, ratio, colours) for each text pair below WCAG AA,
    only those *involving* one colour (e.g. "brand.accent_colour") when given: the checks and the form's flag."""
    colours = _colours(issue)
    for what, fore, back, needed in COLOUR_PAIRS:
        if fore not in colours or back not in colours or (involving and involving not in (fore, back)):
            continue
        ratio = contrast_ratio(colours[fore], colours[back])
        if ratio < needed:
            yield what, fore, back, needed, ratio, colours


def check_all_caps(context: CheckContext) -> Iterator[Finding]:
    """Capitals are slower to read, and some screen readers spell them out letter by letter."""
    for section, block in context.blocks():
        for part in prose(block):
            if any(is_shouting(paragraph) for paragraph in re.split(r"\n\s*\n", part.value)):
                yield Finding(RULE, Severity.WARNING,
                              f"{_name(block)} is written in capitals; use normal capitalisation and bold for emphasis.",
                              block.id, section.id, part.path)
                break


def check_images_of_text(context: CheckContext) -> Iterator[Finding]:
    """A poster or flyer carries words; readers who cannot see it need those words in the alt text."""
    for section, block in context.blocks():
        for part in pictures(block):
            file_name = part.value.replace("\\", "/").rsplit("/", 1)[-1]
            if not part.value or not _TEXT_IMAGE_NAME.search(file_name):
                continue
            alt = picture_alt(part)
            if is_decorative(part):
                yield Finding(RULE, Severity.WARNING,
                              f"{_name(block)} looks like a picture of words but is marked decorative; "
                              "give it alt text with those words.",
                              block.id, section.id, part.sibling_path(part.role.decorative))
            elif alt and len(alt.split()) < SHORT_ALT_WORDS:
                yield Finding(RULE, Severity.ADVICE,
                              f"{_name(block)} looks like a picture of words; make sure its alt text says what it says.",
                              block.id, section.id, part.sibling_path(part.role.alt))


RULES = [check_colour_contrast, check_all_caps, check_images_of_text]


def is_shouting(paragraph: str) -> bool:
    """Mostly capitals over several words; acronyms in ordinary sentences do not count."""
    letters = [char for char in _LINK_TARGET.sub(" ", paragraph) if char.isalpha()]
    words = [word for word in paragraph.split() if any(char.isalpha() for char in word)]
    if len(letters) < 15 or len(words) < 4:
        return False
    return sum(char.isupper() for char in letters) / len(letters) >= 0.8


def _colours(issue: Issue) -> dict[str, str]:
    colours = {name: value for name, value in load_theme(issue.theme).settings.items()
               if isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value)}
    colours["brand.primary_colour"] = issue.brand.primary_colour
    colours["brand.accent_colour"] = issue.brand.accent_colour
    return colours


def _name(block: Block) -> str:
    return sentence(block_name(block))
