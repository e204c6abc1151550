"""Footer rules: what a UK charity's newsletter must say at its foot.

The law asks every marketing email for a way to opt out (PECR, the charitable-purpose
soft opt-in included) and the sender's postal address; a registered charity says so with
its number (Charities Act 2011), and a charitable company also gives its company number
and registered office. Readers also deserve to know why the email reached them.

The rules read the brand settings and the email as rendered for the provider, so an
address or unsubscribe link the provider fills in (Mailchimp's *|LIST:ADDRESS|*) counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer.model import GENERIC_PROVIDER, PROVIDER_TITLES

from .context import CheckContext
from .findings import Finding, Severity

RULE = "footer"
_ADDRESS = re.compile(r'<p\b[^>]*\bclass="nc-address"[^>]*>\s*\S')
_UNSUBSCRIBE_LINK = re.compile(r'<a\b[^>]*\bhref="(?!#?")[^"]+"[^>]*>[^<]*unsubscribe', re.IGNORECASE)
_ANY_UNSUBSCRIBE = re.compile(r"unsub", re.IGNORECASE)


def check_postal_address(context: CheckContext) -> Iterator[Finding]:
    """Every marketing email gives an address where the sender can be written to."""
    if context.issue.brand.footer_address.strip():
        return
    if _ADDRESS.search(context.rendered.html):
        yield Finding(RULE, Severity.WARNING,
                      f"The postal address will be filled in by {_provider(context)} from its own settings; "
                      "type it in Issue settings → Postal address so previews, test emails and the web "
                      "version show it too.", field="brand.footer_address")
        return
    yield Finding(RULE, Severity.ERROR,
                  "The footer has no postal address. Every marketing email must give one: "
                  "add it in Issue settings → Postal address.", field="brand.footer_address")


def check_opt_out(context: CheckContext) -> Iterator[Finding]:
    """Every message must let the reader opt out: an unsubscribe link in the footer.

    A provider the app knows but whose tag is missing is already reported by the content
    rule's unsubscribe check; this one covers the Generic provider and a link that leads nowhere.
    """
    html = context.rendered.html
    if _UNSUBSCRIBE_LINK.search(html):
        return
    if context.issue.provider != GENERIC_PROVIDER and not _ANY_UNSUBSCRIBE.search(html):
        return  # content.check_unsubscribe says so already
    yield Finding(RULE, Severity.ERROR,
                  "The email has no working unsubscribe link. Every message must let readers opt out: "
                  "set the unsubscribe link for your mailing provider.", field="provider")


def check_charity_number(context: CheckContext) -> Iterator[Finding]:
    """A registered charity must say so, with its number, on its emails."""
    brand = context.issue.brand
    if brand.registered_charity and not brand.charity_number.strip():
        yield Finding(RULE, Severity.ERROR,
                      "The organisation is set as a registered charity but the footer has no charity number: "
                      "add it in Issue settings → Charity number.", field="brand.charity_number")


def check_registered_office(context: CheckContext) -> Iterator[Finding]:
    """A charitable company gives its registered office beside its company number."""
    brand = context.issue.brand
    if brand.company_number.strip() and not brand.registered_office.strip():
        yield Finding(RULE, Severity.ADVICE,
                      "A company number is given without the registered office; a company's emails "
                      "should give both (Issue settings → Registered office).", field="brand.registered_office")


def check_reason(context: CheckContext) -> Iterator[Finding]:
    """Readers who remember why they get an email rarely mark it as spam."""
    if not context.issue.brand.subscription_reason.strip():
        yield Finding(RULE, Severity.WARNING,
                      "The footer does not say why readers get this email, e.g. “You receive this because "
                      "you are a member of …”: add it in Issue settings → Why readers get this.",
                      field="brand.subscription_reason")


def _provider(context: CheckContext) -> str:
    provider = context.issue.provider
    return PROVIDER_TITLES.get(provider, "the mailing provider") if provider != GENERIC_PROVIDER else "the mailing provider"


RULES = [check_postal_address, check_opt_out, check_charity_number, check_registered_office, check_reason]
