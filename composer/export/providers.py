"""Mailing-provider profiles: the merge tags each provider fills in, and how it wants images.

Profiles are data, so adding a provider is adding one entry to PROVIDERS. The tags come
from each provider's documentation: the unsubscribe link (required by every provider and by
PECR), the web version, the reader's preferences page, and, for Mailchimp, the postal address
kept with the audience (*|LIST:ADDRESS|*). A provider without a tag for something gets none.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from composer.model import PROVIDER_TITLES, ComposerError

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
    update_preferences: str = ""  # the reader's own page of what they get, where the provider has one
    postal_address: str = ""  # the address the provider keeps, shown when the issue has none typed

    def merge_tags(self) -> dict[str, str]:
        """The tags for the footer and the head, keyed as the templates expect."""
        return {"unsubscribe": self.unsubscribe, "view_in_browser": self.view_in_browser, "preheader": self.preheader,
                "update_preferences": self.update_preferences, "postal_address": self.postal_address}


@dataclass(frozen=True)
class GenericPlaceholders:
    """The coordinator's own tags for a provider not in the list (kept in Preferences)."""

    unsubscribe: str = "{unsubscribe_url}"
    view_in_browser: str = "{web_version_url}"
    preheader: str = ""
    update_preferences: str = ""


def _profile(name: str, unsubscribe: str, view_in_browser: str = "", preheader: str = "", **details) -> ProviderProfile:
    """A provider's profile, with its title from the model's one list of providers."""
    return ProviderProfile(name, PROVIDER_TITLES[name], unsubscribe, view_in_browser, preheader, **details)


PROVIDERS: dict[str, ProviderProfile] = {
    profile.name: profile
    for profile in (
        _profile("mailchimp", "*|UNSUB|*", "*|ARCHIVE|*", "*|MC_PREVIEW_TEXT|*", images="zip",
                 update_preferences="*|UPDATE_PROFILE|*", postal_address="*|LIST:ADDRESS|*"),
        _profile("campaign_monitor", "[unsubscribe]", "[webversion]", images="zip", update_preferences="[preferences]"),
        _profile("brevo", "{{ unsubscribe }}", "{{ mirror }}", update_preferences="{{ update_profile }}"),
        _profile("mailerlite", "{$unsubscribe}", "{$url}", update_preferences="{$preferences}"),
        # listmonk's one link serves both; "?manage=true" opens the preferences page directly.
        _profile("listmonk", "{{ UnsubscribeURL }}", "{{ MessageURL }}", update_preferences="{{ UnsubscribeURL }}?manage=true"),
        _profile("generic", GenericPlaceholders.unsubscribe, GenericPlaceholders.view_in_browser),
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
        "generic", PROVIDER_TITLES["generic"],
        unsubscribe=placeholders.unsubscribe.strip(),
        view_in_browser=placeholders.view_in_browser.strip(),
        preheader=placeholders.preheader.strip(),
        update_preferences=placeholders.update_preferences.strip(),
    )
