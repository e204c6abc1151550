"""Helpers for the pre-flight check tests: a small issue around the blocks under test, and one rule run."""

from datetime import date

from composer.checks.context import CheckContext
from composer.model import Brand, Issue, Section
from composer.render import RenderedEmail

TODAY = date(2025, 2, 1)


def issue_with(*blocks, **fields):
    """An otherwise tidy issue (dates ahead, a preheader, hosting set) holding *blocks* in one section."""
    settings = dict(
        title="Spring newsletter",
        issue_date=date(2025, 3, 3),
        send_date=date(2025, 3, 4),
        preheader="Spring webinars and a new network",
        hosted_base_url="https://files.charity.org.uk/spring",
        brand=Brand(organisation="Safeguarding Partnerships", email="hello@charity.org.uk"),
        sections=(Section(kind="news", title="News", blocks=blocks),),
    )
    settings.update(fields)
    return Issue(**settings)


def run_rule(rule, issue, html="<html><body><p>Hello</p></body></html>", today=TODAY, base_folder=None):
    """The findings of one rule, given the email's HTML without rendering it."""
    rendered = RenderedEmail(html=html, text="", mjml="")
    return list(rule(CheckContext(issue, rendered, today, base_folder)))
