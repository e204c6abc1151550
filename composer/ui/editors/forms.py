"""Which fields each block type, a section and the issue settings show, declared as data.

"prose" marks one-line fields readers read as words (titles, headings, button text):
they are spell-checked as you type.

A new block type needs one entry in BLOCK_FIELDS; the form is built from it.
"""

from __future__ import annotations

from composer.model import SECTION_KIND_TITLES
from composer.render.themes import available_themes

from .fields import Field

_TIMEZONES = tuple((zone, zone) for zone in (
    "Europe/London", "Europe/Dublin", "Europe/Paris", "UTC", "America/New_York", "Asia/Kolkata", "Australia/Sydney",
))

BLOCK_FIELDS: dict[str, tuple[Field, ...]] = {
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
    "links": (Field("items", "Links", "link_items"),),
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
    "divider": (),
    "spacer": (Field("height", "Height (px)", "spin", minimum=4, maximum=200),),
}

SECTION_FIELDS: tuple[Field, ...] = (
    Field("title", "Title", "prose"),
    Field("kind", "Kind", "choice", choices=tuple(SECTION_KIND_TITLES.items())),
    Field("anchor", "Anchor", placeholder="Made from the title when empty"),
    Field("group_events_by_month", "Events by month, in date order", "check"),
)


def issue_fields() -> tuple[Field, ...]:
    """Issue settings; "brand.x" names edit the issue's brand."""
    return (
        Field("title", "Title", "prose", placeholder="Newsletter – Autumn 2023"),
        Field("edition", "Edition", placeholder="Autumn 2023"),
        Field("issue_date", "Issue date", "date"),
        Field("send_date", "Planned send date", "date"),
        Field("preheader", "Preheader", "prose", placeholder="The line inboxes show after the subject", counter=100),
        Field("show_contents", "Start with “In this issue”", "check"),
        Field("theme", "Theme", "choice", choices=tuple((name, name.title()) for name in available_themes())),
        Field("provider", "Mailing provider", "choice", choices=(
            ("generic", "Generic"), ("mailchimp", "Mailchimp"), ("campaign_monitor", "Campaign Monitor"),
            ("brevo", "Brevo"), ("mailerlite", "MailerLite"), ("listmonk", "listmonk"))),
        Field("hosted_base_url", "Files hosted at", "url", placeholder="https://… where images and .ics files live"),
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
