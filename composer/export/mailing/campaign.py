"""What every provider's adapter is given and gives back, whatever its API looks like."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from composer.export.images import EmailImage

from .connection import Connection


@dataclass(frozen=True)
class Audience:
    """A list (Mailchimp calls it an audience) that a campaign can be addressed to."""

    id: str
    name: str
    members: int | None = None

    def label(self) -> str:
        count = f" ({self.members:,} contacts)" if self.members is not None else ""
        return f"{self.name}{count}"


@dataclass(frozen=True)
class CampaignContent:
    """The email as the provider stores it in a draft."""

    name: str          # the campaign's name in the provider's list of campaigns
    subject: str
    preheader: str
    from_name: str
    reply_to: str
    html: str
    text: str


@dataclass(frozen=True)
class Draft:
    """A draft campaign the provider made: its id and its page in the provider's app."""

    id: str
    page: str


class ProviderApi(Protocol):
    """The few calls a draft needs; mailchimp.py, brevo.py and listmonk.py each answer them."""

    name: str
    title: str
    connection: Connection

    def audiences(self) -> list[Audience]: ...

    def draft_status(self, campaign_id: str) -> str | None:
        """"draft" while it can still be changed, another word once sent or scheduled, None when it is gone."""

    def drafts_named(self, name: str) -> list[Draft]:
        """Drafts with exactly this name, newest first (to find one whose creation went unanswered)."""

    def upload(self, picture: EmailImage, name: str, hosted_at: str) -> str:
        """Put one picture in the provider's file storage; its address there."""

    def create(self, content: CampaignContent, list_id: str) -> Draft: ...

    def fill(self, draft: Draft, content: CampaignContent) -> None:
        """Give a just-created draft its HTML and text, where creating it could not."""

    def update(self, campaign_id: str, content: CampaignContent, list_id: str) -> Draft: ...

    def send_test(self, campaign_id: str, content: CampaignContent, list_id: str, addresses: list[str]) -> None: ...
