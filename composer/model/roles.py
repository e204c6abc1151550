"""What each field of a block holds, declared once on its type, the way an MJML component declares its attributes.

A block type (and an entry of a list, such as one link of a list of links) maps each
of its fields to a role: prose readers read, a link they follow, a picture, a date, or
something plain (a setting, a phone number). Checks, spelling, dates, the export of
pictures, New from previous, the importers' report, the form and the preview read these
roles through the walk below and never name a block type, so a new type is checked,
spelt and exported as soon as it declares its fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from pydantic import BaseModel

SHARED_FIELDS = frozenset({"id", "type", "library_entry"})  # every block has them; they hold no content


@dataclass(frozen=True)
class Role:
    """What a field holds; ``title`` is the coordinator's word for it in messages ("button text")."""

    title: str = ""


@dataclass(frozen=True)
class Prose(Role):
    """Words the coordinator writes and readers read: spelt, checked for dates and capitals, typed in the preview.

    ``rich`` fields hold Markdown (paragraphs, bold, italic, links, lists); the others one
    line of plain text. ``level_field`` names the block's field holding a heading level
    (with its ``levels``): such a field is the block's heading. ``in_place`` is False for
    words the email shows where nobody can type (a picture's alt text).
    """

    rich: bool = False
    level_field: str | None = None
    levels: tuple[int, ...] = ()
    in_place: bool = True
    entries: bool = False  # only in the ``prose_fields`` view: a list whose entries declare their own


@dataclass(frozen=True)
class Link(Role):
    """An address readers follow. ``words`` names the field holding what they click ("label");
    without it the address is its own words. ``need`` says what an empty address means:
    "required" is an error (unless the whole block is empty), "advised" earns advice, "optional" nothing."""

    words: str | None = None
    default_words: str = ""
    need: Literal["required", "advised", "optional"] = "optional"


@dataclass(frozen=True)
class Picture(Role):
    """A picture: a web address, a file beside the issue, or one shipped with the app (app:…).

    ``alt`` and ``decorative`` name the fields holding its description and whether it
    needs one; ``width_field`` its display width in pixels, else ``width``.
    """

    alt: str | None = None
    decorative: str | None = None
    width_field: str | None = None
    width: int = 584


@dataclass(frozen=True)
class Date(Role):
    """When something happens: ``part`` is "start" or "end" (a block with a start is a dated item)."""

    part: Literal["start", "end"] = "start"


@dataclass(frozen=True)
class Plain(Role):
    """A setting or a value shown as typed, not prose (a phone number, a venue, a time zone).

    ``shown`` is True when readers see it; ``choices`` maps stored values to the words shown for them.
    """

    shown: bool = False
    choices: Mapping[str, str] | None = None


@dataclass(frozen=True)
class Entries(Role):
    """A list whose entries are models of their own (``of``), each declaring its fields' roles;
    ``title`` is the word for one entry ("link")."""

    of: type | None = None


RICH = Prose(rich=True)
LINE = Prose()
ENTRIES = Prose(entries=True)
PLAIN = Plain()
SHOWN = Plain(shown=True)


class Declared(BaseModel):
    """A model whose fields all declare a role: a block type, or an entry of a list.

    A field without a role is refused when the class is made, so no layer can meet
    content it does not know how to treat.
    """

    roles: ClassVar[Mapping[str, Role]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        missing = [name for name in cls.model_fields if name not in SHARED_FIELDS and name not in cls.roles]
        unknown = [name for name in cls.roles if name not in cls.model_fields]
        if missing or unknown:
            raise TypeError(f"{cls.__name__} must declare a role for each of its fields: "
                            f"missing {missing}, unknown {unknown}")
        cls.prose_fields = _prose_view(cls.roles)

    # Which fields are prose (and lists of entries with prose), for the preview's in-place editing.
    prose_fields: ClassVar[Mapping[str, Prose]] = {}


@dataclass(frozen=True)
class Part:
    """One field of a block's content: where it is (``path``: "url", "items.2.label"), its role and value.

    ``owner`` is the model holding the field (the block, or one entry of its list), so a
    role naming a sibling field ("words", "alt") is read from the same entry.
    """

    path: str
    name: str
    role: Role
    value: Any
    owner: BaseModel

    def sibling(self, name: str | None) -> Any:
        """The value of another field of the same owner, or None."""
        return getattr(self.owner, name) if name else None

    def sibling_path(self, name: str) -> str:
        return self.path[: len(self.path) - len(self.name)] + name


def parts(model: BaseModel, prefix: str = "") -> Iterator[Part]:
    """Every declared field of *model*, entries of lists flattened, in the order the type declares them."""
    for name, role in type(model).roles.items():
        value = getattr(model, name)
        if isinstance(role, Entries):
            for number, entry in enumerate(value):
                yield from parts(entry, f"{prefix}{name}.{number}.")
        else:
            yield Part(f"{prefix}{name}", name, role, value, model)


def parts_of(model: BaseModel, kind: type[Role]) -> Iterator[Part]:
    """Only the parts whose role is *kind* (Prose, Link, Picture, Date or Plain)."""
    return (part for part in parts(model) if isinstance(part.role, kind))


def prose(model: BaseModel) -> Iterator[Part]:
    return parts_of(model, Prose)


def pictures(model: BaseModel) -> Iterator[Part]:
    return parts_of(model, Picture)


def with_pictures(model: BaseModel, change: Callable[[str], str]) -> BaseModel:
    """A copy of *model* with every picture source it declares replaced by ``change(source)``.

    Not validated again: the change is where the pictures were put (an upload's address).
    """
    updates: dict[str, Any] = {}
    for name, role in type(model).roles.items():
        value = getattr(model, name)
        if isinstance(role, Picture) and value and change(value) != value:
            updates[name] = change(value)
        elif isinstance(role, Entries):
            entries = tuple(with_pictures(entry, change) for entry in value)
            if any(new is not old for new, old in zip(entries, value)):
                updates[name] = entries
    return model.model_copy(update=updates) if updates else model


def link_words(part: Part) -> str:
    """What readers click for a link part: its words field, else the default, else the address."""
    role: Link = part.role  # type: ignore[assignment]
    return (part.sibling(role.words) or "").strip() or role.default_words or part.value


def picture_alt(part: Part) -> str:
    role: Picture = part.role  # type: ignore[assignment]
    return (part.sibling(role.alt) or "").strip()


def is_decorative(part: Part) -> bool:
    role: Picture = part.role  # type: ignore[assignment]
    return bool(part.sibling(role.decorative))


def display_width(part: Part) -> int:
    role: Picture = part.role  # type: ignore[assignment]
    return min(int(part.sibling(role.width_field) or role.width), role.width) if role.width_field else role.width


def starts(model: BaseModel):
    """When a dated item starts (its start date role), or None for undated blocks."""
    return next((part.value for part in parts_of(model, Date) if part.role.part == "start"), None)


def ends(model: BaseModel):
    """When a dated item ends, or None when it declares no end or has none set."""
    return next((part.value for part in parts_of(model, Date) if part.role.part == "end"), None)


def heading(model: BaseModel) -> Part | None:
    """The prose field that makes a block a heading (it declares levels), or None."""
    return next((part for part in prose(model) if part.role.level_field), None)


def heading_level(model: BaseModel) -> int | None:
    found = heading(model)
    return int(getattr(model, found.role.level_field)) if found else None


def is_empty(model: BaseModel) -> bool:
    """Whether a block shows nothing: it declares content (words, links, pictures) and all of it is blank.

    A dated item is never empty (it shows its date); a block declaring no content (a divider) never is.
    """
    if starts(model) is not None:
        return False
    content = [part for part in parts(model) if isinstance(part.role, (Prose, Link, Picture))
               or (isinstance(part.role, Plain) and part.role.shown)]
    declares = any(isinstance(role, (Prose, Link, Picture, Entries)) or (isinstance(role, Plain) and role.shown)
                   for role in type(model).roles.values())
    return declares and not any(str(part.value).strip() for part in content)


def is_call_to_action(model: BaseModel) -> bool:
    """A block that is one link and its words (a button): it belongs with the item before it."""
    top = [(name, role) for name, role in type(model).roles.items()]
    link_roles = [role for _, role in top if isinstance(role, Link)]
    words = {role.words for role in link_roles}
    return (len(link_roles) == 1
            and all(isinstance(role, (Link, Plain)) or (isinstance(role, Prose) and name in words) for name, role in top))


def visible_words(model: BaseModel) -> Iterator[tuple[Part, str]]:
    """Every piece of text readers see, with its part: prose, plain values shown as typed, bare addresses."""
    for part in parts(model):
        role = part.role
        if isinstance(part.value, str) and part.value.strip() and (
                isinstance(role, Prose) or (isinstance(role, Plain) and role.shown)
                or (isinstance(role, Link) and not role.words)):
            yield part, part.value


def _prose_view(roles: Mapping[str, Role]) -> dict[str, Prose]:
    view: dict[str, Prose] = {}
    for name, role in roles.items():
        if isinstance(role, Prose):
            if role.in_place:
                view[name] = role
        elif isinstance(role, Entries) and role.of is not None and role.of.prose_fields:
            view[name] = ENTRIES
    return view
