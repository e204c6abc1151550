"""The newsletter issue as plain Python data: no Qt, no templates."""

from .blocks import (
    BLOCK_TITLES,
    BLOCK_TYPES,
    DEFAULT_TIMEZONE,
    AnyBlock,
    Block,
    ButtonBlock,
    ContactBlock,
    DividerBlock,
    EventBlock,
    HeadingBlock,
    ImageBlock,
    LinkItem,
    LinkListBlock,
    QuoteBlock,
    SignatureBlock,
    SpacerBlock,
    TextBlock,
    new_id,
)
from .errors import ComposerError, InvalidValue
from .issue import GENERIC_PROVIDER, PROVIDER_TITLES, SECTION_KIND_TITLES, Brand, Issue, Section, SectionKind, slugify

__all__ = [
    "BLOCK_TITLES", "BLOCK_TYPES", "DEFAULT_TIMEZONE", "AnyBlock", "Block", "ButtonBlock",
    "ContactBlock", "DividerBlock", "EventBlock", "HeadingBlock", "ImageBlock", "LinkItem",
    "LinkListBlock", "QuoteBlock", "SignatureBlock", "SpacerBlock", "TextBlock", "new_id",
    "ComposerError", "InvalidValue", "GENERIC_PROVIDER", "PROVIDER_TITLES", "SECTION_KIND_TITLES", "Brand", "Issue", "Section",
    "SectionKind", "slugify",
]
