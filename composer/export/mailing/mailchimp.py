"""Mailchimp's Marketing API 3.0: audiences, a regular campaign, its content, the file manager, a test.

Follows https://mailchimp.com/developer/guides/marketing-api-conventions/ (HTTP Basic
with the API key as password; the key's "-us6" ending names the data centre and so the
server), https://mailchimp.com/developer/marketing/docs/errors/ (problem+json errors) and
the reference pages for lists, campaigns, campaign content, file-manager files and the
campaign's test action (https://mailchimp.com/developer/marketing/api/).
"""

from __future__ import annotations

import base64
import re

from composer.export.images import EmailImage

from .campaign import Audience, CampaignContent, Draft
from .connection import Connection
from .errors import ProviderRefused

_KEY = re.compile(r"^[0-9a-f]{32}-([a-z]{2}\d{1,3})$")


def data_centre(key: str) -> str:
    """"…-us6" → "us6"; a key without the ending is refused before anything is sent."""
    found = _KEY.match(key.strip())
    if not found:
        raise ProviderRefused("That does not look like a Mailchimp API key: it is 32 letters and digits ending "
                              "with the data centre, such as “-us6”. Copy it again from Mailchimp "
                              "(Profile → Extras → API keys).")
    return found.group(1)


def api_address(key: str) -> str:
    return f"https://{data_centre(key)}.api.mailchimp.com/3.0"


class Mailchimp:
    name = "mailchimp"
    title = "Mailchimp"

    def __init__(self, connection: Connection, key: str):
        self.connection = connection
        self._data_centre = data_centre(key)

    def audiences(self) -> list[Audience]:
        found = self.connection.call("GET", "/lists", "reading the audiences",
                               params={"count": 1000, "fields": "lists.id,lists.name,lists.stats.member_count"})
        return [Audience(str(item["id"]), item.get("name", ""), (item.get("stats") or {}).get("member_count"))
                for item in (found or {}).get("lists", [])]

    def draft_status(self, campaign_id: str) -> str | None:
        found = self.connection.call("GET", f"/campaigns/{campaign_id}", "looking for the draft made before",
                               params={"fields": "id,status"}, missing_ok=True)
        if found is None:
            return None
        return "draft" if found.get("status") == "save" else str(found.get("status"))

    def drafts_named(self, name: str) -> list[Draft]:
        found = self.connection.call("GET", "/campaigns", "looking for a draft made before",
                               params={"status": "save", "count": 100, "sort_field": "create_time", "sort_dir": "DESC",
                                       "fields": "campaigns.id,campaigns.web_id,campaigns.settings.title"})
        return [self._draft(item) for item in (found or {}).get("campaigns", [])
                if (item.get("settings") or {}).get("title") == name]

    def upload(self, picture: EmailImage, name: str, hosted_at: str) -> str:
        body = {"name": name, "file_data": base64.b64encode(picture.data).decode("ascii")}
        found = self.connection.call("POST", "/file-manager/files", f"uploading the picture {picture.name}", json=body)
        return _address(found, "full_size_url", self.title, picture.name)

    def create(self, content: CampaignContent, list_id: str) -> Draft:
        body = {"type": "regular", **self._settings(content, list_id)}
        return self._draft(self.connection.call("POST", "/campaigns", "creating the draft", json=body))

    def fill(self, draft: Draft, content: CampaignContent) -> None:
        self.connection.call("PUT", f"/campaigns/{draft.id}/content", "putting the email in the draft",
                       json={"html": content.html, "plain_text": content.text})

    def update(self, campaign_id: str, content: CampaignContent, list_id: str) -> Draft:
        draft = self._draft(self.connection.call("PATCH", f"/campaigns/{campaign_id}", "updating the draft",
                                           json=self._settings(content, list_id)))
        self.fill(draft, content)
        return draft

    def send_test(self, campaign_id: str, content: CampaignContent, list_id: str, addresses: list[str]) -> None:
        self.connection.call("POST", f"/campaigns/{campaign_id}/actions/test", "sending the test",
                       json={"test_emails": addresses, "send_type": "html"})

    def _settings(self, content: CampaignContent, list_id: str) -> dict:
        settings = {"subject_line": content.subject, "preview_text": content.preheader, "title": content.name,
                    "from_name": content.from_name, "reply_to": content.reply_to}
        return {"recipients": {"list_id": list_id}, "settings": {key: value for key, value in settings.items() if value}}

    def _draft(self, found) -> Draft:
        if not isinstance(found, dict) or not found.get("id"):
            raise ProviderRefused("Mailchimp's answer has no campaign id; the draft may not have been made.")
        page = f"https://{self._data_centre}.admin.mailchimp.com/campaigns/edit?id={found.get('web_id', '')}"
        return Draft(str(found["id"]), page)


def _address(found, key: str, title: str, picture: str) -> str:
    if isinstance(found, dict) and isinstance(found.get(key), str) and found[key].startswith(("http://", "https://")):
        return found[key]
    raise ProviderRefused(f"{title} took the picture {picture} but gave no address for it.")
