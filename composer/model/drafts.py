"""Where an issue was sent as a draft campaign, kept in the issue file.

Sending again updates the same draft instead of making another, and pictures already
uploaded are not uploaded twice. No keys or tokens are ever kept here.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class UploadedPicture(BaseModel):
    """One picture in the provider's file storage: the fingerprint of the bytes sent, and its address there."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fingerprint: str
    url: str


class ProviderDraft(BaseModel):
    """The draft campaign an issue became in one provider's account."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    provider: str                      # mailchimp, brevo or listmonk
    campaign_id: str = ""              # empty until the provider confirmed the draft
    list_id: str = ""                  # the audience it is addressed to
    name: str = ""                     # the campaign's name there, to find a draft whose creation went unanswered
    unconfirmed: bool = False          # a draft was asked for and no answer came: look for it before making another
    page: str = ""                     # the campaign's page in the provider's app
    pictures: tuple[UploadedPicture, ...] = ()

    def uploaded(self, fingerprint: str) -> str | None:
        """The address of a picture with these exact bytes, when it was uploaded already."""
        return next((picture.url for picture in self.pictures if picture.fingerprint == fingerprint), None)
