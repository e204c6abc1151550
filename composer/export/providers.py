"""Mailing-provider profiles: the merge tags each provider fills in, and how it wants images.

Profiles are data, so adding a provider is adding one entry to PROVIDERS.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from composer.model import ComposerError

ImagePolicy = Literal["zip", "hosted"]


@dataclass(frozen=True)
class ProviderProfile:
    """What one provider expects in the HTML we give it.

    ``images`` is "zip" when the provider imports a zip and hosts the pictures
    itself, "hosted" when the pictures must already be on the web at the
    issue's hosting address.
    """

    name: str
    title: str
    unsubscribe: str
    view_in_browser: str = ""
    preheader: str = ""
    images: ImagePolicy = "hosted"

    def merge_tags(self) -> dict[str, str]:
        """The tags for the footer and the head, keyed as the templates expect."""
        return {"unsubscribe": self.unsubscribe, "view_in_browser": self.view_in_browser, "preheader": self.preheader}


@dataclass(frozen=True)
class GenericPlaceholders:
    """The coordinator's own tags for a provider not in the list (kept in Preferences)."""

    unsubscribe: str = "{unsubscribe_url}"
    view_in_browser: str = "{web_version_url}"
    preheader: str = ""


PROVIDERS: dict[str, ProviderProfile] = {
    profile.name: profile
    for profile in (
        ProviderProfile("mailchimp", "Mailchimp", "*|UNSUB|*", "*|ARCHIVE|*", "*|MC_PREVIEW_TEXT|*", images="zip"),
        ProviderProfile("campaign_monitor", "Campaign Monitor", "[unsubscribe]", "[webversion]", images="zip"),
        ProviderProfile("brevo", "Brevo", "{{ unsubscribe }}", "{{ mirror }}"),
        ProviderProfile("mailerlite", "MailerLite", "{$unsubscribe}", "{$url}"),
        ProviderProfile("listmonk", "listmonk", "{{ UnsubscribeURL }}", "{{ MessageURL }}"),
        ProviderProfile("generic", "Generic", GenericPlaceholders.unsubscribe, GenericPlaceholders.view_in_browser),
    )
}


def provider_profile(name: str, generic: GenericPlaceholders | None = None) -> ProviderProfile:
    """The profile called *name* (as stored in ``Issue.provider``); Generic takes the user's tags."""
    key = name.strip().lower().replace(" ", "_").replace("-", "_")
    if key == "generic":
        return generic_profile(generic or GenericPlaceholders())
    try:
        return PROVIDERS[key]
    except KeyError:
        known = ", ".join(PROVIDERS)
        raise ComposerError(f"“{name}” is not a mailing provider this app knows; choose one of {known}") from None


def provider_merge_tags(name: str) -> dict[str, str] | None:
    """The tags an email for *name* carries, so checks and previews see the email as sent.

    None for a provider this app does not know: the unsubscribe check then reports it.
    """
    try:
        return provider_profile(name).merge_tags()
    except ComposerError:
        return None


def generic_profile(placeholders: GenericPlaceholders) -> ProviderProfile:
    return ProviderProfile(
        "generic", "Generic",
        unsubscribe=placeholders.unsubscribe.strip(),
        view_in_browser=placeholders.view_in_browser.strip(),
        preheader=placeholders.preheader.strip(),
    )
