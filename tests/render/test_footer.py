"""A UK charity's footer in the email (both themes) and in the plain text, with each provider's tags."""

import lxml.html
import pytest

from composer.export.merge import render_for_provider
from composer.export.providers import PROVIDERS, provider_profile
from composer.model import Brand
from composer.render import render_email

CHARITY = Brand(
    organisation="Northbridge Befriending Trust",
    footer_address="2 Mill Lane, Northbridge NB2 5QT",
    phone="01632 960 555",
    registered_charity=True,
    charity_number="1234567",
    company_number="08765432",
    registered_office="9 Quay Street, Northbridge NB1 1AA",
    subscription_reason="You receive this because you volunteer with the Trust.",
)
FOOTER_LINES = (
    "Northbridge Befriending Trust",
    "2 Mill Lane, Northbridge NB2 5QT",
    "Registered charity number 1234567",
    "Company number 08765432",
    "Registered office: 9 Quay Street, Northbridge NB1 1AA",
    "You receive this because you volunteer with the Trust.",
)


def _footer(html):
    [footer] = lxml.html.fromstring(html).xpath("//div[contains(@class, 'nc-footer')]")
    return footer


@pytest.mark.parametrize("theme", ["classic", "bulletin"])
def test_the_charity_footer_shows_in_both_themes_and_the_plain_text(small_issue, theme):
    issue = small_issue.model_copy(update={"brand": CHARITY, "theme": theme, "provider": "mailchimp"})
    email = render_for_provider(issue, provider_profile("mailchimp"))
    footer_text = " ".join(_footer(email.html).text_content().split())
    for line in FOOTER_LINES:
        assert line in footer_text, line
        assert line in email.text, line
    links = {a.text_content(): a.get("href") for a in _footer(email.html).iter("a")}
    assert links["Unsubscribe"] == "*|UNSUB|*"
    assert links["Update your preferences"] == "*|UPDATE_PROFILE|*"
    assert "Update your preferences: *|UPDATE_PROFILE|*" in email.text


@pytest.mark.parametrize("name", sorted(PROVIDERS))
def test_each_provider_gets_its_own_unsubscribe_and_preferences_tags(small_issue, name):
    profile = provider_profile(name)
    issue = small_issue.model_copy(update={"brand": CHARITY, "provider": name})
    email = render_for_provider(issue, profile)
    links = {a.text_content(): a.get("href") for a in _footer(email.html).iter("a")}
    assert links["Unsubscribe"] == profile.unsubscribe
    if profile.update_preferences:
        assert links["Update your preferences"] == profile.update_preferences
    else:
        assert "Update your preferences" not in links


def test_the_documented_tags_of_each_provider():
    """From each provider's documentation (see composer/export/providers.py)."""
    assert provider_profile("mailchimp").update_preferences == "*|UPDATE_PROFILE|*"
    assert provider_profile("mailchimp").postal_address == "*|LIST:ADDRESS|*"
    assert provider_profile("brevo").update_preferences == "{{ update_profile }}"
    assert provider_profile("listmonk").update_preferences == "{{ UnsubscribeURL }}?manage=true"


def test_the_web_version_has_the_address_but_no_personal_links(small_issue):
    issue = small_issue.model_copy(update={"brand": CHARITY})
    footer = _footer(render_email(issue).html)
    assert "2 Mill Lane" in footer.text_content()
    assert not [a for a in footer.iter("a") if "Unsubscribe" in a.text_content()]


def test_phone_numbers_do_not_break_across_lines(small_issue):
    issue = small_issue.model_copy(update={"brand": CHARITY})
    html = render_email(issue).html
    assert "01632\u00a0960\u00a0555" in html  # the footer's phone
    assert "01632\u00a0960\u00a0000" in html  # the contact block's phone
    assert 'href="tel:01632960555"' in html
