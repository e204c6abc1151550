"""The block types an issue is built from.

Each block is an immutable pydantic model with a stable id and a ``type``
name. The type name is the key every layer uses to find its part for the
block: the template partials ``templates/email/blocks/<type>.html.j2`` (or
``.mjml.j2``) and ``templates/text/blocks/<type>.txt.j2``, and the form entry.
Each type declares its content once (``roles``: what each field holds, see
roles.py) with its ``title``, ``icon`` and the ``defaults`` a new block starts with.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, ClassVar, Literal, Mapping, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, ConfigDict, Field, field_validator, model_validator

from .roles import PLAIN, SHOWN, Date, Declared, Entries, Link, Picture, Plain, Prose
from .values import email_problem, picture_source_problem, url_problem

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


def _check_picture(value: str) -> str:
    value = value.strip()
    problem = picture_source_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Url = Annotated[str, AfterValidator(_check_url)]
Email = Annotated[str, AfterValidator(_check_email)]
PictureSource = Annotated[str, AfterValidator(_check_picture)]


@dataclass(frozen=True)
class BlockIcon:
    """How the outline, the form and the block palette draw a type: one glyph on a colour."""

    glyph: str
    colour: str


class Block(Declared):
    """Fields every block shares. Subclasses add their own, a ``type`` and a role for each field."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    block_title: ClassVar[str] = "Block"
    icon: ClassVar[BlockIcon] = BlockIcon("•", "#6b7280")
    defaults: ClassVar[Mapping[str, Any]] = {}

    id: str = Field(default_factory=new_id, min_length=1)
    type: str
    # Set when the block was inserted from the library as a linked (synced) copy.
    library_entry: str | None = None

    @classmethod
    def new(cls, send_date: date | None = None) -> "Block":
        """A freshly added block of this type, with its ``defaults`` (helpful words, never a vague one)."""
        return cls(**cls.defaults)

    def summary(self) -> str:
        """A one-line description for the outline."""
        return self.type.title()

    def follow_changes(self, changes: dict) -> dict:
        """The changes an edit of some fields brings to others (none, unless a type says so)."""
        return changes


def _first_words(text: str, limit: int = 60) -> str:
    # Only the beginning is read: a name is wanted per link in the checks, and a long text has many links.
    head = text[: limit * 20]
    words = _visible_words(head)
    if len(words) <= limit and len(head) < len(text):
        words = _visible_words(text)  # mostly marks and spaces at its start: read all of it
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def _visible_words(text: str) -> str:
    text = re.sub(r"(?<!\\)[*_#]", "", text)   # Markdown's marks, but not a mark typed as a character…
    return " ".join(re.sub(r"\\(.)", r"\1", text).split())  # …which is shown without its escape


class TextBlock(Block):
    """Rich text, stored as Markdown (bold, italic, links, lists)."""

    type: Literal["text"] = "text"
    block_title = "Text"
    icon = BlockIcon("¶", "#2563eb")
    roles = {"markdown": Prose(rich=True, title="text")}
    markdown: str = ""

    def summary(self) -> str:
        return _first_words(self.markdown) or "Empty text"


class HeadingBlock(Block):
    type: Literal["heading"] = "heading"
    block_title = "Heading"
    icon = BlockIcon("H", "#7c3aed")
    defaults = {"text": "New heading"}
    roles = {"text": Prose(level_field="level", levels=(2, 3, 4), title="heading"), "level": PLAIN}
    text: str = ""
    level: int = Field(default=3, ge=2, le=4)

    def summary(self) -> str:
        return _first_words(self.text) or "Empty heading"


class ButtonBlock(Block):
    """A call to action: one button with a label and a link."""

    type: Literal["button"] = "button"
    block_title = "Button"
    icon = BlockIcon("➜", "#c2410c")
    roles = {"label": Prose(title="button text"), "url": Link(words="label", need="required", title="link")}
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
    block_title = "Event"
    icon = BlockIcon("◷", "#059669")
    roles = {
        "title": Prose(title="title"),
        "start": Date("start", part="start"),
        "end": Date("end", part="end"),
        "timezone": PLAIN,
        "online": PLAIN,
        "venue": SHOWN,
        "description": Prose(rich=True, title="description"),
        "register_url": Link(words="register_label", default_words="Register", need="advised", title="booking link"),
        "register_label": Prose(title="button text"),
    }
    title: str = ""
    start: datetime
    end: datetime | None = None
    timezone: str = DEFAULT_TIMEZONE
    online: bool = True
    venue: str = ""
    description: str = ""
    register_url: Url = ""
    register_label: str = "Register"

    @classmethod
    def new(cls, send_date: date | None = None) -> "EventBlock":
        """Two weeks after the issue goes out (never before today), at 10am, for an hour."""
        day = max(send_date or date.today(), date.today()) + timedelta(days=14)
        start = datetime.combine(day, time(10, 0))
        return cls(start=start, end=start + timedelta(hours=1))

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
    block_title = "Quote"
    icon = BlockIcon("“", "#db2777")
    roles = {"text": Prose(title="quote"), "attribution": Prose(title="attribution")}
    text: str = ""
    attribution: str = ""

    def summary(self) -> str:
        return "“" + _first_words(self.text, 50) + "”"


class ImageBlock(Block):
    """A picture: a web address, or a local file the export will host."""

    type: Literal["image"] = "image"
    block_title = "Image"
    icon = BlockIcon("▣", "#0891b2")
    roles = {
        "src": Picture("picture", alt="alt", decorative="decorative", width_field="width"),
        "alt": Prose(in_place=False, title="alt text"),
        "decorative": PLAIN,
        "link_url": Link(words="alt", title="link"),
        "width": PLAIN,
    }
    src: PictureSource = ""
    alt: str = ""
    decorative: bool = False
    link_url: Url = ""
    width: int = Field(default=600, ge=20, le=640)

    def summary(self) -> str:
        return self.alt.strip() or self.src.rsplit("/", 1)[-1] or "Image"


class LinkItem(Declared):
    """One link of a list of links: its words, its address and a line about it."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    roles = {"label": Prose(title="label"), "url": Link(words="label", need="required", title="address"),
             "blurb": Prose(title="one-line blurb")}

    label: str = ""
    url: Url = ""
    blurb: str = ""


class LinkListBlock(Block):
    """A list of links, each with a one-line blurb (reports, resources)."""

    type: Literal["links"] = "links"
    block_title = "List of links"
    icon = BlockIcon("☰", "#4f46e5")
    roles = {"items": Entries("link", of=LinkItem)}
    items: tuple[LinkItem, ...] = ()

    def summary(self) -> str:
        return f"{len(self.items)} links" if self.items else "Empty list of links"


class SignatureBlock(Block):
    type: Literal["signature"] = "signature"
    block_title = "Signature"
    icon = BlockIcon("✎", "#9333ea")
    roles = {"name": Prose(title="name"), "role": Prose(title="role"), "organisation": Prose(title="organisation")}
    name: str = ""
    role: str = ""
    organisation: str = ""

    def summary(self) -> str:
        return ", ".join(part for part in (self.name, self.role) if part) or "Signature"


class ContactBlock(Block):
    type: Literal["contact"] = "contact"
    block_title = "Contact details"
    icon = BlockIcon("☎", "#0d9488")
    roles = {"phone": SHOWN, "email": SHOWN, "web": Link(title="web address"), "social": SHOWN}
    phone: str = ""
    email: Email = ""
    web: Url = ""
    social: str = ""

    def summary(self) -> str:
        return " · ".join(part for part in (self.phone, self.email) if part) or "Contact details"


SOCIAL_NETWORKS: dict[str, str] = {
    "mastodon": "Mastodon", "bluesky": "Bluesky", "linkedin": "LinkedIn", "instagram": "Instagram",
    "facebook": "Facebook", "youtube": "YouTube", "website": "Website",
}
SOCIAL_ICONS = "app:social/social-"  # each network's icon ships with the app and is hosted like any picture


class SocialLink(Declared):
    """One profile readers can follow: its network (which gives the icon), the icon's words and the address."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    roles = {
        "network": Plain("network", choices=SOCIAL_NETWORKS),
        "label": Prose(in_place=False, title="alt text"),
        "url": Link(words="label", need="required", title="address"),
        "icon": Picture("icon", alt="label", width=32),
    }

    network: Literal[tuple(SOCIAL_NETWORKS)] = "website"
    label: str = ""
    url: Url = ""
    icon: PictureSource = ""

    @model_validator(mode="before")
    @classmethod
    def _icon_of_network(cls, data):
        """The network's own icon, unless another picture was chosen."""
        if isinstance(data, dict) and (not data.get("icon") or str(data["icon"]).startswith(SOCIAL_ICONS)):
            data = {**data, "icon": f"{SOCIAL_ICONS}{data.get('network') or 'website'}.png"}
        return data


class SocialLinksBlock(Block):
    """Where readers can follow the organisation: a row of icons, each a link to one profile."""

    type: Literal["social"] = "social"
    block_title = "Social links"
    icon = BlockIcon("@", "#0284c7")
    defaults = {"items": ({"network": "website", "label": "Our website"},)}
    roles = {"items": Entries("profile", of=SocialLink)}
    items: tuple[SocialLink, ...] = ()

    def summary(self) -> str:
        return ", ".join(SOCIAL_NETWORKS[item.network] for item in self.items) or "No profiles yet"


class DividerBlock(Block):
    type: Literal["divider"] = "divider"
    block_title = "Divider"
    icon = BlockIcon("—", "#6b7280")

    def summary(self) -> str:
        return "Divider"


class SpacerBlock(Block):
    type: Literal["spacer"] = "spacer"
    block_title = "Spacer"
    icon = BlockIcon("↕", "#6b7280")
    roles = {"height": PLAIN}
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
    SocialLinksBlock,
    DividerBlock,
    SpacerBlock,
)

AnyBlock = Annotated[Union[_BLOCK_CLASSES], Field(discriminator="type")]

BLOCK_TYPES: dict[str, type[Block]] = {
    cls.model_fields["type"].default: cls for cls in _BLOCK_CLASSES
}

# Each type's title, for menus and messages (read from the classes).
BLOCK_TITLES: dict[str, str] = {name: cls.block_title for name, cls in BLOCK_TYPES.items()}
