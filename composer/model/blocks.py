"""The block types an issue is built from.

Each block is an immutable pydantic model with a stable id and a ``type``
name. The type name is the key every layer uses to find its part for the
block: the template partial ``templates/email/blocks/<type>.mjml.j2``, the
plain-text partial, and the editor widget.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, ClassVar, Literal, Mapping, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from .values import email_problem, url_problem

DEFAULT_TIMEZONE = "Europe/London"


def new_id() -> str:
    """A short random id, stable for the life of a block or section."""
    return uuid.uuid4().hex[:12]


def _check_url(value: str) -> str:
    problem = url_problem(value)
    if problem:
        raise ValueError(problem)
    return value.strip()


def _check_email(value: str) -> str:
    problem = email_problem(value)
    if problem:
        raise ValueError(problem)
    return value.strip()


Url = Annotated[str, AfterValidator(_check_url)]
Email = Annotated[str, AfterValidator(_check_email)]


@dataclass(frozen=True)
class Prose:
    """A field the coordinator writes in words, typed in the form and in the preview itself.

    ``rich`` fields hold Markdown (paragraphs, bold, italic, links, lists); the others
    one line of plain text. ``level_field`` names the block's field holding a heading
    level (with its ``levels``); ``entries`` marks a list whose items declare their own.
    """

    rich: bool = False
    level_field: str | None = None
    levels: tuple[int, ...] = ()
    entries: bool = False


RICH = Prose(rich=True)
LINE = Prose()
ENTRIES = Prose(entries=True)


class Block(BaseModel):
    """Fields every block shares. Subclasses add their own and a ``type``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    # Which fields are prose, declared once for the form, the preview, spelling and checks.
    prose_fields: ClassVar[Mapping[str, Prose]] = {}

    id: str = Field(default_factory=new_id, min_length=1)
    type: str
    # Set when the block was inserted from the library as a linked (synced) copy.
    library_entry: str | None = None

    def summary(self) -> str:
        """A one-line description for the outline."""
        return self.type.title()

    def follow_changes(self, changes: dict) -> dict:
        """The changes an edit of some fields brings to others (none, unless a type says so)."""
        return changes


def _first_words(text: str, limit: int = 60) -> str:
    text = " ".join(text.replace("*", "").replace("_", "").replace("#", "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class TextBlock(Block):
    """Rich text, stored as Markdown (bold, italic, links, lists)."""

    type: Literal["text"] = "text"
    prose_fields = {"markdown": RICH}
    markdown: str = ""

    def summary(self) -> str:
        return _first_words(self.markdown) or "Empty text"


class HeadingBlock(Block):
    type: Literal["heading"] = "heading"
    prose_fields = {"text": Prose(level_field="level", levels=(2, 3, 4))}
    text: str = ""
    level: int = Field(default=3, ge=2, le=4)

    def summary(self) -> str:
        return _first_words(self.text) or "Empty heading"


class ButtonBlock(Block):
    """A call to action: one button with a label and a link."""

    type: Literal["button"] = "button"
    prose_fields = {"label": LINE}
    label: str = ""
    url: Url = ""

    def summary(self) -> str:
        return self.label or "Button"


class EventBlock(Block):
    """A webinar, meeting or conference readers can book.

    Start and end are wall-clock times in ``timezone`` so that editing a date
    across a clock change keeps the time the coordinator typed.
    """

    type: Literal["event"] = "event"
    prose_fields = {"title": LINE, "description": RICH}
    title: str = ""
    start: datetime
    end: datetime | None = None
    timezone: str = DEFAULT_TIMEZONE
    online: bool = True
    venue: str = ""
    description: str = ""
    register_url: Url = ""
    register_label: str = "Register"

    @field_validator("start", "end")
    @classmethod
    def _wall_clock(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            raise ValueError("give the time without a zone; the zone is a field of its own")
        return value

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not a known time zone") from None
        return value

    def summary(self) -> str:
        return f"{self.title or 'Event'} · {self.start:%d %b %Y}"

    def follow_changes(self, changes: dict) -> dict:
        """Moving the start moves the end with it, so the event keeps its length."""
        if "start" in changes and "end" not in changes and self.end is not None and changes["start"] is not None:
            return {**changes, "end": changes["start"] + (self.end - self.start)}
        return changes


class QuoteBlock(Block):
    type: Literal["quote"] = "quote"
    prose_fields = {"text": LINE, "attribution": LINE}
    text: str = ""
    attribution: str = ""

    def summary(self) -> str:
        return "“" + _first_words(self.text, 50) + "”"


class ImageBlock(Block):
    """A picture: a web address, or a local file the export will host."""

    type: Literal["image"] = "image"
    src: str = ""
    alt: str = ""
    decorative: bool = False
    link_url: Url = ""
    width: int = Field(default=600, ge=20, le=640)

    @field_validator("src")
    @classmethod
    def _source(cls, value: str) -> str:
        value = value.strip()
        if "://" in value or value.lower().startswith(("javascript:", "data:")):
            scheme = value.split(":", 1)[0].lower()
            if scheme not in ("http", "https"):
                raise ValueError(f"the image source {value!r} must be a web address or a file")
        return value

    def summary(self) -> str:
        return self.alt or self.src.rsplit("/", 1)[-1] or "Image"


class LinkItem(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    prose_fields: ClassVar[Mapping[str, Prose]] = {"label": LINE, "blurb": LINE}

    label: str = ""
    url: Url = ""
    blurb: str = ""


class LinkListBlock(Block):
    """A list of links, each with a one-line blurb (reports, resources)."""

    type: Literal["links"] = "links"
    prose_fields = {"items": ENTRIES}
    items: tuple[LinkItem, ...] = ()

    def summary(self) -> str:
        return f"{len(self.items)} links" if self.items else "Empty list of links"


class SignatureBlock(Block):
    type: Literal["signature"] = "signature"
    prose_fields = {"name": LINE, "role": LINE, "organisation": LINE}
    name: str = ""
    role: str = ""
    organisation: str = ""

    def summary(self) -> str:
        return ", ".join(part for part in (self.name, self.role) if part) or "Signature"


class ContactBlock(Block):
    type: Literal["contact"] = "contact"
    phone: str = ""
    email: Email = ""
    web: Url = ""
    social: str = ""

    def summary(self) -> str:
        return " · ".join(part for part in (self.phone, self.email) if part) or "Contact details"


class DividerBlock(Block):
    type: Literal["divider"] = "divider"

    def summary(self) -> str:
        return "Divider"


class SpacerBlock(Block):
    type: Literal["spacer"] = "spacer"
    height: int = Field(default=24, ge=4, le=200)

    def summary(self) -> str:
        return f"Space, {self.height} px"


_BLOCK_CLASSES = (
    TextBlock,
    HeadingBlock,
    ButtonBlock,
    EventBlock,
    QuoteBlock,
    ImageBlock,
    LinkListBlock,
    SignatureBlock,
    ContactBlock,
    DividerBlock,
    SpacerBlock,
)

AnyBlock = Annotated[Union[_BLOCK_CLASSES], Field(discriminator="type")]

BLOCK_TYPES: dict[str, type[Block]] = {
    cls.model_fields["type"].default: cls for cls in _BLOCK_CLASSES
}

BLOCK_TITLES: dict[str, str] = {
    "text": "Text",
    "heading": "Heading",
    "button": "Button",
    "event": "Event",
    "quote": "Quote",
    "image": "Image",
    "links": "List of links",
    "signature": "Signature",
    "contact": "Contact details",
    "divider": "Divider",
    "spacer": "Spacer",
}
