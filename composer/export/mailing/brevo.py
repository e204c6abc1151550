"""Brevo's API v3: contact lists, email campaigns, their test send, and the image gallery.

Follows https://developers.brevo.com/reference/get-lists, …/create-email-campaign,
…/update-email-campaign, …/send-test-email (POST /emailCampaigns/{id}/sendTest),
…/upload-image-to-gallery and https://developers.brevo.com/docs/limit-headers (the
api-key header; errors as {"code", "message"}; 429 with x-sib-ratelimit-reset).

Brevo's gallery takes a picture only from a web address ("no local file"), so local
pictures must first be at the issue's hosted files address; Brevo then keeps its own copy.
A Brevo campaign has no separate plain-text part in this API: Brevo makes one itself.
"""

from __future__ import annotations

from composer.export.images import EmailImage

from .campaign import Audience, CampaignContent, Draft
from .connection import Connection
from .errors import ProviderRefused

API_ADDRESS = "https://api.brevo.com/v3"
APP_PAGE = "https://app.brevo.com/"  # the campaign's own page address is not documented; Campaigns is one click away
_PAGE_SIZE = 50


class Brevo:
    name = "brevo"
    title = "Brevo"

    def __init__(self, connection: Connection, sender_email: str):
        self.connection = connection
        self._sender_email = sender_email

    def audiences(self) -> list[Audience]:
        audiences: list[Audience] = []
        while True:
            found = self.connection.call("GET", "/contacts/lists", "reading the lists",
                                   params={"limit": _PAGE_SIZE, "offset": len(audiences)}) or {}
            page = found.get("lists") or []
            audiences += [Audience(str(item["id"]), item.get("name", ""), item.get("uniqueSubscribers",
                                                                                   item.get("totalSubscribers")))
                          for item in page]
            if len(page) < _PAGE_SIZE or len(audiences) >= int(found.get("count", 0) or 0):
                return audiences

    def draft_status(self, campaign_id: str) -> str | None:
        found = self.connection.call("GET", f"/emailCampaigns/{campaign_id}", "looking for the draft made before",
                               missing_ok=True)
        return None if found is None else str(found.get("status", ""))

    def drafts_named(self, name: str) -> list[Draft]:
        found = self.connection.call("GET", "/emailCampaigns", "looking for a draft made before",
                               params={"type": "classic", "status": "draft", "limit": 100, "sort": "desc"}) or {}
        return [Draft(str(item["id"]), APP_PAGE) for item in found.get("campaigns") or [] if item.get("name") == name]

    def upload(self, picture: EmailImage, name: str, hosted_at: str) -> str:
        if not hosted_at:
            raise ProviderRefused(
                f"Brevo takes pictures only from a web address, and {picture.name} is on this computer. Put the "
                "pictures on your website (Export writes them in its images folder), fill in Issue settings → "
                "“Pictures online at”, and send again.")
        source = f"{hosted_at.rstrip('/')}/images/{picture.name}"
        found = self.connection.call("POST", "/emailCampaigns/images", f"copying the picture {source} into Brevo",
                               json={"imageUrl": source, "name": name})
        if isinstance(found, dict) and str(found.get("url", "")).startswith(("http://", "https://")):
            return found["url"]
        raise ProviderRefused(f"Brevo took the picture {picture.name} but gave no address for it.")

    def create(self, content: CampaignContent, list_id: str) -> Draft:
        found = self.connection.call("POST", "/emailCampaigns", "creating the draft", json=self._body(content, list_id))
        if not isinstance(found, dict) or not found.get("id"):
            raise ProviderRefused("Brevo's answer has no campaign id; the draft may not have been made.")
        return Draft(str(found["id"]), APP_PAGE)

    def fill(self, draft: Draft, content: CampaignContent) -> None:
        """The HTML went in with the campaign itself."""

    def update(self, campaign_id: str, content: CampaignContent, list_id: str) -> Draft:
        self.connection.call("PUT", f"/emailCampaigns/{campaign_id}", "updating the draft", json=self._body(content, list_id))
        return Draft(campaign_id, APP_PAGE)

    def send_test(self, campaign_id: str, content: CampaignContent, list_id: str, addresses: list[str]) -> None:
        self.connection.call("POST", f"/emailCampaigns/{campaign_id}/sendTest", "sending the test",
                       json={"emailTo": addresses})

    def _body(self, content: CampaignContent, list_id: str) -> dict:
        if not self._sender_email:
            raise ProviderRefused("Brevo needs the sender's e-mail address: fill in Issue settings → E-mail "
                                  "with an address Brevo knows as a sender, and send again.")
        try:
            lists = [int(list_id)]
        except ValueError:
            raise ProviderRefused(f"“{list_id}” is not a Brevo list id (they are numbers).") from None
        body = {"name": content.name, "subject": content.subject, "htmlContent": content.html,
                "sender": {"name": content.from_name, "email": self._sender_email} if content.from_name
                else {"email": self._sender_email},
                "recipients": {"listIds": lists}, "previewText": content.preheader, "replyTo": content.reply_to}
        return {key: value for key, value in body.items() if value}
