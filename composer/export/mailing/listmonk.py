"""listmonk, self-hosted: lists, campaigns, the media library and a campaign's test.

Follows https://listmonk.app/docs/apis/lists/, https://listmonk.app/docs/apis/campaigns/
(POST and PUT /api/campaigns, POST /api/campaigns/{id}/test with "subscribers"),
https://listmonk.app/docs/apis/media/ (a multipart "file") and the API overview
(HTTP Basic with an API user and its token; answers wrapped in {"data": …}, errors
as {"message": …}).
"""

from __future__ import annotations

from composer.export.images import EmailImage

from .campaign import Audience, CampaignContent, Draft
from .connection import Connection
from .errors import ProviderRefused


class Listmonk:
    name = "listmonk"
    title = "listmonk"

    def __init__(self, connection: Connection, server: str, sender: str):
        self.connection = connection
        self._server = server.rstrip("/")
        self._sender = sender  # "Name <address>", or empty for listmonk's own default

    def audiences(self) -> list[Audience]:
        found = _data(self.connection.call("GET", "/api/lists", "reading the lists", params={"per_page": "all"}))
        return [Audience(str(item["id"]), item.get("name", ""), item.get("subscriber_count"))
                for item in (found or {}).get("results", [])]

    def draft_status(self, campaign_id: str) -> str | None:
        found = self.connection.call("GET", f"/api/campaigns/{campaign_id}", "looking for the draft made before",
                               missing_ok=True)
        return None if found is None else str((_data(found) or {}).get("status", ""))

    def drafts_named(self, name: str) -> list[Draft]:
        found = _data(self.connection.call("GET", "/api/campaigns", "looking for a draft made before",
                                     params={"status": "draft", "per_page": 100, "order_by": "created_at",
                                             "order": "DESC", "no_body": "true"})) or {}
        return [self._draft(item) for item in found.get("results", []) if item.get("name") == name]

    def upload(self, picture: EmailImage, name: str, hosted_at: str) -> str:
        found = _data(self.connection.call("POST", "/api/media", f"uploading the picture {picture.name}",
                                     files={"file": (name, picture.data, picture.content_type)}))
        item = found[0] if isinstance(found, list) and found else found
        if isinstance(item, dict) and str(item.get("url", "")).startswith(("http://", "https://", "/")):
            url = item["url"]
            return url if url.startswith("http") else self._server + url
        raise ProviderRefused(f"listmonk took the picture {picture.name} but gave no address for it.")

    def create(self, content: CampaignContent, list_id: str) -> Draft:
        return self._draft(_data(self.connection.call("POST", "/api/campaigns", "creating the draft",
                                                json=self._body(content, list_id))))

    def fill(self, draft: Draft, content: CampaignContent) -> None:
        """The HTML went in with the campaign itself."""

    def update(self, campaign_id: str, content: CampaignContent, list_id: str) -> Draft:
        found = _data(self.connection.call("PUT", f"/api/campaigns/{campaign_id}", "updating the draft",
                                     json=self._body(content, list_id)))
        return self._draft(found if isinstance(found, dict) and found.get("id") else {"id": campaign_id})

    def send_test(self, campaign_id: str, content: CampaignContent, list_id: str, addresses: list[str]) -> None:
        self.connection.call("POST", f"/api/campaigns/{campaign_id}/test", "sending the test",
                       json={**self._body(content, list_id), "subscribers": addresses})

    def _body(self, content: CampaignContent, list_id: str) -> dict:
        try:
            lists = [int(list_id)]
        except ValueError:
            raise ProviderRefused(f"“{list_id}” is not a listmonk list id (they are numbers).") from None
        body = {"name": content.name, "subject": content.subject, "lists": lists, "type": "regular",
                "content_type": "html", "body": content.html, "altbody": content.text, "messenger": "email"}
        if self._sender:
            body["from_email"] = self._sender
        return body

    def _draft(self, found) -> Draft:
        if not isinstance(found, dict) or not found.get("id"):
            raise ProviderRefused("listmonk's answer has no campaign id; the draft may not have been made.")
        return Draft(str(found["id"]), f"{self._server}/admin/campaigns/{found['id']}")


def _data(found):
    """listmonk wraps every answer in {"data": …}."""
    return found.get("data") if isinstance(found, dict) and "data" in found else found
