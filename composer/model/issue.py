"""An issue of the newsletter: its settings and its ordered sections."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .blocks import AnyBlock, Email, Url, new_id
from .drafts import ProviderDraft
from .values import colour_problem

SectionKind = Literal[
    "introduction",
    "news",
    "webinars",
    "networks",
    "stakeholder_news",
    "afterword",
    "vacancies",
    "your_views",
    "custom",
]

SECTION_KIND_TITLES: dict[str, str] = {
    "introduction": "Introduction",
    "news": "News",
    "webinars": "Webinars",
    "networks": "Networks",
    "stakeholder_news": "Stakeholder News",
    "afterword": "Afterword",
    "vacancies": "Vacancies",
    "your_views": "Your Views",
    "custom": "Custom section",
}


GENERIC_PROVIDER = "generic"
# The mailing providers an issue can be made for, one place: the form, the checks and the export's profiles.
PROVIDER_TITLES: dict[str, str] = {
    "generic": "Generic",
    "mailchimp": "Mailchimp",
    "campaign_monitor": "Campaign Monitor",
    "brevo": "Brevo",
    "mailerlite": "MailerLite",
    "listmonk": "listmonk",
}


def _check_colour(value: str) -> str:
    problem = colour_problem(value)
    if problem:
        raise ValueError(problem)
    return value.lower()


Colour = Annotated[str, AfterValidator(_check_colour)]


class Brand(BaseModel):
    """Who sends the newsletter and how it looks."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    organisation: str = ""
    logo_url: Url = ""
    website: Url = ""
    primary_colour: Colour = "#1d4f73"
    accent_colour: Colour = "#c2410c"
    footer_address: str = ""  # the postal address every marketing email must give
    phone: str = ""
    email: Email = ""
    # A UK charity's footer: its registration, and why the reader gets the email.
    registered_charity: bool = False
    charity_number: str = ""
    company_number: str = ""  # a charitable company also gives its registered office
    registered_office: str = ""
    subscription_reason: str = ""  # e.g. "You receive this because you are a member of …"


class Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(default_factory=new_id, min_length=1)
    kind: SectionKind = "custom"
    title: str = ""
    anchor: str = ""
    blocks: tuple[AnyBlock, ...] = ()
    group_events_by_month: bool = False

    def anchor_name(self) -> str:
        """The anchor used for "In this issue" links: the one set, or one made from the title."""
        return self.anchor or slugify(self.title) or f"section-{self.id}"


class Issue(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = "Newsletter"
    edition: str = ""
    issue_date: date | None = None
    send_date: date | None = None
    preheader: str = ""
    language: str = "en-GB"
    brand: Brand = Brand()
    provider: str = GENERIC_PROVIDER
    theme: str = "classic"
    hosted_base_url: Url = ""
    show_contents: bool = False
    sections: tuple[Section, ...] = ()
    # Words the coordinator chose to ignore in this issue's spelling check.
    spelling_ignored: tuple[str, ...] = ()
    # Draft campaigns made from this issue (File → Send to …), so sending again updates the same one.
    provider_drafts: tuple[ProviderDraft, ...] = ()

    def slug(self) -> str:
        """A file-name friendly name for exports, e.g. ``newsletter-autumn-2023``."""
        return slugify(self.title) or "newsletter"

    def all_blocks(self):
        """Every block with the section it stands in, in reading order."""
        for section in self.sections:
            for block in section.blocks:
                yield section, block


def slugify(text: str) -> str:
    text = text.lower().replace("&", " and ")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
