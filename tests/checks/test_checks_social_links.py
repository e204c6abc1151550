"""The Social links block gets every check from its roles alone (nothing in composer/checks names it)."""

from pathlib import Path

import pytest

from composer.checks import content, engine, images, links
from composer.checks.findings import Severity
from composer.checks.spelling import SpellChecker, SpellingUnavailable, check_issue_spelling
from composer.model.blocks import SocialLink, SocialLinksBlock

from check_helpers import issue_with

CHECKS = Path(__file__).resolve().parents[2] / "composer" / "checks"


def _profiles(*items):
    return SocialLinksBlock(items=tuple(SocialLink(**item) for item in items))


def _found(run_rule, rules, block, **settings):
    return {(finding.field, finding.severity) for rule in rules
            for finding in run_rule(rule, issue_with(block, **settings)) if finding.block_id == block.id}


def test_nothing_in_the_checks_names_the_block():
    source = "\n".join(path.read_text(encoding="utf-8") for path in CHECKS.glob("*.py"))
    assert "social" not in source.lower()


def test_placeholder_missing_and_example_addresses_are_found(run_rule):
    block = _profiles(dict(network="mastodon", label="Follow us on Mastodon", url="https://mastodon.social/@TODO"),
                      dict(network="bluesky", label="Follow us on Bluesky", url=""),
                      dict(network="website", label="Our website", url="https://www.example.org"))
    assert _found(run_rule, links.RULES, block) == {
        ("items.0.url", Severity.ERROR), ("items.1.url", Severity.ERROR), ("items.2.url", Severity.WARNING)}
    [missing] = [f for f in run_rule(links.check_link_targets, issue_with(block)) if f.field == "items.1.url"]
    assert missing.message == "The social links “Mastodon, Bluesky, Website”: the link “Follow us on Bluesky” has no address."


def test_an_icon_without_words_has_no_alt_text_and_vague_words_are_flagged(run_rule):
    block = _profiles(dict(network="youtube", label="", url="https://www.youtube.com/@charity"),
                      dict(network="facebook", label="Click here", url="https://www.facebook.com/charity"))
    assert ("items.0.label", Severity.ERROR) in _found(run_rule, images.RULES, block)
    assert _found(run_rule, [links.check_link_text], block) == {("items.1.url", Severity.WARNING)}


def test_icons_need_a_hosting_address_like_any_local_picture(run_rule):
    block = _profiles(dict(network="linkedin", label="Our page on LinkedIn", url="https://www.linkedin.com/company/x"))
    assert _found(run_rule, images.RULES, block) == set()  # the shipped icon is there and usable
    assert _found(run_rule, images.RULES, block, hosted_base_url="") == {("items.0.icon", Severity.ERROR)}


def test_an_empty_block_gets_advice(run_rule):
    assert _found(run_rule, content.RULES, SocialLinksBlock()) == {(None, Severity.ADVICE)}


def test_the_words_of_each_icon_are_spell_checked():
    try:
        checker = SpellChecker(organisation_words=None)
    except SpellingUnavailable as error:
        pytest.skip(str(error))
    block = _profiles(dict(network="youtube", label="Wacth our webinars on YouTube", url="https://www.youtube.com/@x"))
    [finding] = [f for f in check_issue_spelling(issue_with(block), checker) if f.block_id == block.id]
    assert (finding.word, finding.field) == ("Wacth", "items.0.label")
    assert "(alt text)" in finding.message


def test_the_whole_check_run_includes_the_block(small_issue):
    block = _profiles(dict(network="instagram", label="", url="https://localhost/insta"))
    issue = small_issue.model_copy(update={"sections": small_issue.sections[:1] + (
        small_issue.sections[1].model_copy(update={"blocks": small_issue.sections[1].blocks + (block,)}),
    ) + small_issue.sections[2:]})
    fields = {finding.field for finding in engine.run_checks(issue) if finding.block_id == block.id}
    assert {"items.0.url", "items.0.label"} <= fields
