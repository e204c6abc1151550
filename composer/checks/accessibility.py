"""Accessibility rules: colour contrast of the theme, shouting capitals, pictures of words."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer.model import HeadingBlock, ImageBlock, QuoteBlock, TextBlock
from composer.render.themes import load_theme

from .context import CheckContext, name_block
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


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two "#rrggbb" colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def check_colour_contrast(context: CheckContext) -> Iterator[Finding]:
    """Text that fails WCAG AA is hard to read for many; below 3:1 it is hard for almost everyone."""
    colours = _colours(context)
    for what, fore, back, needed in COLOUR_PAIRS:
        if fore not in colours or back not in colours:
            continue
        ratio = contrast_ratio(colours[fore], colours[back])
        if ratio < needed:
            severity = Severity.ERROR if ratio < LARGE_TEXT_RATIO else Severity.WARNING
            field = next((name for name in (fore, back) if name.startswith("brand.")), None)
            yield Finding(RULE, severity,
                          f"{what} ({colours[fore]} on {colours[back]}) has a contrast of {ratio:.1f}:1; "
                          f"it needs at least {needed:g}:1 to be easy to read.",
                          field=field)


def check_all_caps(context: CheckContext) -> Iterator[Finding]:
    """Capitals are slower to read, and some screen readers spell them out letter by letter."""
    for section, block in context.blocks(TextBlock, QuoteBlock, HeadingBlock):
        text, field = (block.markdown, "markdown") if isinstance(block, TextBlock) else (block.text, "text")
        for paragraph in re.split(r"\n\s*\n", text):
            if is_shouting(paragraph):
                yield Finding(RULE, Severity.WARNING,
                              f"{name_block(block)} is written in capitals; use normal capitalisation and bold for emphasis.",
                              block.id, section.id, field)
                break


def check_images_of_text(context: CheckContext) -> Iterator[Finding]:
    """A poster or flyer carries words; readers who cannot see it need those words in the alt text."""
    for section, block in context.blocks(ImageBlock):
        file_name = block.src.replace("\\", "/").rsplit("/", 1)[-1]
        if not block.src or not _TEXT_IMAGE_NAME.search(file_name):
            continue
        if block.decorative:
            yield Finding(RULE, Severity.WARNING,
                          f"{name_block(block)} looks like a picture of words but is marked decorative; "
                          "give it alt text with those words.",
                          block.id, section.id, "decorative")
        elif block.alt.strip() and len(block.alt.split()) < SHORT_ALT_WORDS:
            yield Finding(RULE, Severity.ADVICE,
                          f"{name_block(block)} looks like a picture of words; make sure its alt text says what it says.",
                          block.id, section.id, "alt")


RULES = [check_colour_contrast, check_all_caps, check_images_of_text]


def is_shouting(paragraph: str) -> bool:
    """Mostly capitals over several words; acronyms in ordinary sentences do not count."""
    letters = [char for char in _LINK_TARGET.sub(" ", paragraph) if char.isalpha()]
    words = [word for word in paragraph.split() if any(char.isalpha() for char in word)]
    if len(letters) < 15 or len(words) < 4:
        return False
    return sum(char.isupper() for char in letters) / len(letters) >= 0.8


def _colours(context: CheckContext) -> dict[str, str]:
    colours = {name: value for name, value in load_theme(context.issue.theme).settings.items()
               if isinstance(value, str) and re.fullmatch(r"#[0-9a-fA-F]{6}", value)}
    brand = context.issue.brand
    colours["brand.primary_colour"] = brand.primary_colour
    colours["brand.accent_colour"] = brand.accent_colour
    return colours


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(char * 2 for char in value)
    channels = [int(value[index:index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
