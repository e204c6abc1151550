"""Content rules: the parts readers and mailing providers expect are all there."""

from composer.checks.content import (
    check_empty_blocks,
    check_empty_sections,
    check_heading_levels,
    check_preheader,
    check_unsubscribe,
)
from composer.checks.findings import Severity
from composer.model import HeadingBlock, Section, TextBlock

from check_helpers import issue_with


def test_empty_section_is_a_warning_naming_the_section(run_rule):
    empty = Section(kind="vacancies", title="Vacancies")
    issue = issue_with(TextBlock(markdown="Hello"))
    issue = issue.model_copy(update={"sections": issue.sections + (empty,)})
    [finding] = run_rule(check_empty_sections, issue)
    assert (finding.section_id, finding.severity) == (empty.id, Severity.WARNING)
    assert "Vacancies" in finding.message


def test_sections_with_blocks_pass(run_rule):
    assert run_rule(check_empty_sections, issue_with(TextBlock(markdown="Hello"))) == []


def test_empty_text_block_gets_advice(run_rule):
    empty = TextBlock(markdown="  ")
    [finding] = run_rule(check_empty_blocks, issue_with(empty, TextBlock(markdown="Hello")))
    assert (finding.block_id, finding.severity) == (empty.id, Severity.ADVICE)


def test_missing_or_long_preheader_is_a_warning(run_rule):
    [missing] = run_rule(check_preheader, issue_with(preheader=""))
    [long] = run_rule(check_preheader, issue_with(preheader="word " * 30))
    assert missing.field == long.field == "preheader"
    assert "150 characters" not in long.message and "149" in long.message


def test_short_preheader_passes(run_rule):
    assert run_rule(check_preheader, issue_with(preheader="Spring webinars and a new network")) == []


def test_provider_email_without_unsubscribe_link_is_an_error(run_rule):
    issue = issue_with(provider="mailchimp")
    [finding] = run_rule(check_unsubscribe, issue, html="<html><body><p>Bye</p></body></html>")
    assert finding.severity is Severity.ERROR and "mailchimp" in finding.message


def test_unsubscribe_merge_tag_or_generic_provider_passes(run_rule):
    with_tag = '<html><body><a href="*|UNSUB|*">Leave the list</a></body></html>'
    assert run_rule(check_unsubscribe, issue_with(provider="mailchimp"), html=with_tag) == []
    assert run_rule(check_unsubscribe, issue_with(provider="generic"), html="<p>Bye</p>") == []


def test_heading_that_skips_a_level_is_a_warning(run_rule):
    skipping = HeadingBlock(text="Details", level=4)
    [finding] = run_rule(check_heading_levels, issue_with(skipping))
    assert (finding.block_id, finding.field) == (skipping.id, "level")
    assert "level 3" in finding.message


def test_headings_in_order_pass(run_rule):
    issue = issue_with(HeadingBlock(text="Webinars", level=3), HeadingBlock(text="January", level=4),
                       HeadingBlock(text="Networks", level=3))
    assert run_rule(check_heading_levels, issue) == []
