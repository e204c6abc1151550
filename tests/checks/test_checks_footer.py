"""A UK charity's footer: address, opt-out, charity number, why the reader gets it — checked before sending.

The rules read the email as the export renders it for the provider, so these tests render for real.
"""

from composer.checks import RULES, Severity, run_checks
from composer.checks.footer import (
    check_charity_number,
    check_opt_out,
    check_postal_address,
    check_reason,
    check_registered_office,
)
from composer.export.providers import provider_profile
from composer.model import Brand
from composer.render import render_email

from check_helpers import TODAY, issue_with, run_rule

CHARITY = Brand(
    organisation="Northbridge Befriending Trust",
    footer_address="2 Mill Lane, Northbridge NB2 5QT",
    registered_charity=True,
    charity_number="1234567",
    company_number="08765432",
    registered_office="2 Mill Lane, Northbridge NB2 5QT",
    subscription_reason="You receive this because you volunteer with the Trust.",
)


def _as_sent(issue):
    """The email as the export makes it: with the provider's merge tags."""
    return render_email(issue, merge_tags=provider_profile(issue.provider).merge_tags())


def _footer_findings(issue):
    return [finding for finding in run_checks(issue, _as_sent(issue), today=TODAY) if finding.rule == "footer"]


def test_a_complete_charity_footer_passes_for_every_provider():
    for provider in ("mailchimp", "campaign_monitor", "brevo", "mailerlite", "listmonk", "generic"):
        issue = issue_with(brand=CHARITY, provider=provider)
        assert _footer_findings(issue) == [], provider


def test_the_footer_rules_run_with_the_other_checks():
    assert {check_postal_address, check_opt_out, check_charity_number, check_reason} <= set(RULES)


def test_a_missing_postal_address_is_an_error_naming_where_to_add_it():
    issue = issue_with(brand=CHARITY.model_copy(update={"footer_address": ""}), provider="brevo")
    [finding] = run_rule(check_postal_address, issue, html=_as_sent(issue).html)
    assert finding.severity is Severity.ERROR
    assert finding.field == "brand.footer_address"
    assert "Postal address" in finding.message


def test_mailchimps_audience_address_stands_in_for_a_missing_one_with_a_warning():
    issue = issue_with(brand=CHARITY.model_copy(update={"footer_address": ""}), provider="mailchimp")
    rendered = _as_sent(issue)
    assert "*|LIST:ADDRESS|*" in rendered.html and "*|LIST:ADDRESS|*" in rendered.text
    [finding] = run_rule(check_postal_address, issue, html=rendered.html)
    assert finding.severity is Severity.WARNING and "Mailchimp" in finding.message


def test_an_email_without_an_unsubscribe_link_is_an_error():
    issue = issue_with(brand=CHARITY, provider="generic")
    unsent = render_email(issue)  # no provider tags: the footer has no way to opt out
    [finding] = run_rule(check_opt_out, issue, html=unsent.html)
    assert finding.severity is Severity.ERROR and finding.field == "provider"
    assert run_rule(check_opt_out, issue, html=_as_sent(issue).html) == []


def test_an_unsubscribe_link_that_leads_nowhere_is_an_error():
    issue = issue_with(brand=CHARITY, provider="generic")
    html = '<p><a href="#">Unsubscribe</a></p>'
    [finding] = run_rule(check_opt_out, issue, html=html)
    assert finding.severity is Severity.ERROR


def test_a_missing_unsubscribe_tag_is_reported_once_not_twice():
    issue = issue_with(brand=CHARITY, provider="mailchimp")
    findings = run_checks(issue, render_email(issue), today=TODAY)
    unsubscribe = [f for f in findings if "unsubscribe" in f.message.lower()]
    assert len(unsubscribe) == 1, [f.message for f in unsubscribe]


def test_a_registered_charity_without_its_number_is_an_error():
    issue = issue_with(brand=CHARITY.model_copy(update={"charity_number": " "}))
    [finding] = run_rule(check_charity_number, issue)
    assert finding.severity is Severity.ERROR and finding.field == "brand.charity_number"
    not_registered = issue_with(brand=CHARITY.model_copy(update={"charity_number": "", "registered_charity": False}))
    assert run_rule(check_charity_number, not_registered) == []


def test_a_missing_reason_is_a_warning():
    issue = issue_with(brand=CHARITY.model_copy(update={"subscription_reason": ""}))
    [finding] = run_rule(check_reason, issue)
    assert finding.severity is Severity.WARNING and finding.field == "brand.subscription_reason"


def test_a_company_number_without_a_registered_office_is_advice():
    issue = issue_with(brand=CHARITY.model_copy(update={"registered_office": ""}))
    [finding] = run_rule(check_registered_office, issue)
    assert finding.severity is Severity.ADVICE
