"""Colour arithmetic the templates need: WCAG contrast, to keep a button's shape visible."""

from __future__ import annotations

SHAPE_RATIO = 3.0  # WCAG 1.4.11: a control's boundary needs 3:1 against what surrounds it


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two "#rrggbb" colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def stands_out(fill: str, surroundings: str) -> bool:
    """Whether a fill alone shows a button's shape on *surroundings*; otherwise it needs a border."""
    return contrast_ratio(fill, surroundings) >= SHAPE_RATIO


def _luminance(colour: str) -> float:
    colour = colour.lstrip("#")
    if len(colour) == 3:
        colour = "".join(digit * 2 for digit in colour)
    channels = [int(colour[index:index + 2], 16) / 255 for index in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
