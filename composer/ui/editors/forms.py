"""Which fields each block type, a section and the issue settings show, declared as data.

A block type's form is declared beside its model: which fields, in what order, with
what label and placeholder. What a field holds comes from the type's roles: a line of
prose is spell-checked as you type ("prose"), a link is checked as an address ("url"),
a list of entries gets a table built from the entries' own roles. A new block type
needs one entry in BLOCK_FORMS (an empty one when it has nothing to edit).
"""

from __future__ import annotations

from dataclasses import replace

from composer.model import BLOCK_TYPES, PROVIDER_TITLES, SECTION_KIND_TITLES
from composer.model.roles import Entries, Link, Prose
from composer.render.themes import available_themes

from .entries import EntriesField
from .fields import Field, register_field_kind

_TIMEZONES = tuple((zone, zone) for zone in (
    "Europe/London", "Europe/Dublin", "Europe/Paris", "UTC", "America/New_York", "Asia/Kolkata", "Australia/Sydney",
))

BLOCK_FORMS: dict[str, tuple[Field, ...]] = {
    "text": (Field("markdown", "Text", "rich"),),
    "heading": (
        Field("text", "Heading", "prose", placeholder="e.g. November"),
        Field("level", "Level", "choice", choices=((2, "Large"), (3, "Medium"), (4, "Small"))),
    ),
    "button": (
        Field("label", "Button text", "prose", placeholder="e.g. Register for the AGM"),
        Field("url", "Link", "url", placeholder="https://"),
    ),
    "event": (
        Field("title", "Title", "prose"),
        Field("start", "Starts", "datetime"),
        Field("end", "Ends", "datetime"),
        Field("timezone", "Time zone", "choice", choices=_TIMEZONES),
        Field("online", "Online event", "check"),
        Field("venue", "Venue", placeholder="Leave empty for online-only events"),
        Field("description", "Description", "rich"),
        Field("register_label", "Button text", "prose", placeholder="Register"),
        Field("register_url", "Booking link", "url", placeholder="https://"),
    ),
    "quote": (
        Field("text", "Quote", "multiline"),
        Field("attribution", "Said by"),
    ),
    "image": (
        Field("src", "Picture", "image", placeholder="https://… or choose a file"),
        Field("alt", "Alt text", placeholder="What the picture shows, for people who cannot see it"),
        Field("decorative", "Decorative only (no alt text needed)", "check"),
        Field("link_url", "Link", "url", placeholder="Optional: where a click on the picture goes"),
        Field("width", "Width (px)", "spin", minimum=20, maximum=640),
    ),
    "links": (Field("items", "Links"),),
    "signature": (
        Field("name", "Name"),
        Field("role", "Role"),
        Field("organisation", "Organisation"),
    ),
    "contact": (
        Field("phone", "Phone"),
        Field("email", "E-mail", "email"),
        Field("web", "Web address", "url", placeholder="https://"),
        Field("social", "Social handle", placeholder="@association"),
    ),
    "social": (Field("items", "Profiles"),),
    "divider": (),
    "spacer": (Field("height", "Height (px)", "spin", minimum=4, maximum=200),),
}


def _with_roles(type_name: str, fields: tuple[Field, ...]) -> tuple[Field, ...]:
    """The form's fields with what their roles imply: prose spell-checked, links checked, entries tabled."""
    roles = BLOCK_TYPES[type_name].roles
    derived = []
    for field in fields:
        role = roles[field.name]  # a form may only show fields its type declares
        kind = field.kind
        if isinstance(role, Entries):
            kind = f"entries:{type_name}.{field.name}"
            register_field_kind(kind, lambda spec, commit, role=role: EntriesField(spec, commit, role))
        elif kind == "line" and isinstance(role, Prose):
            kind = "prose"
        elif kind == "line" and isinstance(role, Link):
            kind = "url"
        derived.append(replace(field, kind=kind))
    return tuple(derived)


BLOCK_FIELDS: dict[str, tuple[Field, ...]] = {name: _with_roles(name, fields) for name, fields in BLOCK_FORMS.items()}

SECTION_FIELDS: tuple[Field, ...] = (
    Field("title", "Title", "prose"),
    Field("kind", "Kind", "choice", choices=tuple(SECTION_KIND_TITLES.items())),
    Field("anchor", "Link name", placeholder="For the “In this issue” list; made from the title when empty"),
    Field("group_events_by_month", "Events by month, in date order", "check"),
)


def issue_fields() -> tuple[Field, ...]:
    """Issue settings; "brand.x" names edit the issue's brand."""
    return (
        Field("title", "Title", "prose", placeholder=f"e.g. Newsletter – {_this_season()}"),
        Field("edition", "Edition", placeholder=f"e.g. {_this_season()}"),
        Field("issue_date", "Issue date", "date"),
        Field("send_date", "Planned send date", "date"),
        Field("preheader", "Preheader", "prose", placeholder="The line inboxes show after the subject", counter=100),
        Field("show_contents", "Start with “In this issue”", "check"),
        Field("theme", "Theme", "choice", choices=tuple((name, name.title()) for name in available_themes())),
        Field("provider", "Mailing provider", "choice", choices=tuple(PROVIDER_TITLES.items())),
        Field("hosted_base_url", "Pictures online at", "url",
              placeholder="The web folder you upload the pictures to (not needed when sending to Mailchimp or listmonk)"),
        Field("brand.organisation", "Organisation"),
        Field("brand.logo_url", "Logo address", "url", placeholder="https://…/logo.png"),
        Field("brand.website", "Website", "url", placeholder="https://"),
        Field("brand.primary_colour", "Primary colour", "colour"),
        Field("brand.accent_colour", "Accent colour", "colour"),
        Field("brand.footer_address", "Postal address"),
        Field("brand.phone", "Phone"),
        Field("brand.email", "E-mail", "email"),
        # The footer a UK charity's email must carry (checked before sending: composer/checks/footer.py).
        Field("brand.registered_charity", "Registered charity", "check"),
        Field("brand.charity_number", "Charity number", placeholder="e.g. 1234567"),
        Field("brand.company_number", "Company number", placeholder="For a charitable company"),
        Field("brand.registered_office", "Registered office", placeholder="For a charitable company"),
        Field("brand.subscription_reason", "Why readers get this", "prose",
              placeholder="You receive this because you are a member of …"),
    )


def _this_season() -> str:
    """“Spring 2027”: an example edition name that is never a stale one."""
    from datetime import date

    today = date.today()
    return f"{('Winter', 'Spring', 'Summer', 'Autumn')[(today.month % 12) // 3]} {today.year}"
