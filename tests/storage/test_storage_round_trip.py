"""Saving and reopening an issue gives back exactly the issue, whatever was typed."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.model import Issue
from composer.storage import FORMAT_VERSION, IssueFileError, dumps_issue, load_issue, loads_issue, save_issue
from composer.storage.issue_file import MIGRATIONS

from storage_strategies import BLOCK_STRATEGIES, issue_with, issues

FAST = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("kind", sorted(BLOCK_STRATEGIES))
@FAST
@given(data=st.data())
def test_every_block_type_survives_save_and_reopen(kind, data, tmp_path):
    issue = issue_with(data.draw(BLOCK_STRATEGIES[kind]))
    path = tmp_path / "issue.newsletter"
    save_issue(issue, path)
    assert load_issue(path) == issue


@settings(max_examples=40, deadline=None)
@given(issue=issues)
def test_whole_issues_with_odd_unicode_survive_a_round_trip(issue):
    assert loads_issue(dumps_issue(issue).encode("utf-8")) == issue


def test_saved_file_is_readable_utf8_json_with_a_format_version(tmp_path):
    issue = Issue(title="Newsletter – Autumn 2023 “quoted” 🎉 שלום")
    path = tmp_path / "autumn.newsletter"
    save_issue(issue, path)
    text = path.read_text(encoding="utf-8")
    assert "“quoted” 🎉 שלום" in text  # not \u-escaped: diff-friendly
    assert json.loads(text)["format_version"] == FORMAT_VERSION


def test_coordinator_opens_a_format_1_file_from_the_first_release(tmp_path):
    assert 1 in MIGRATIONS
    old = {
        "format_version": 1,
        "title": "Newsletter – Spring 2023",
        "organisation": "Carers Network",
        "primary_colour": "#112233",
        "email": "info@example.org",
        "sections": [{"kind": "news", "title": "News", "content": [{"type": "heading", "id": "h1", "text": "AGM"}]}],
    }
    path = tmp_path / "spring.newsletter"
    path.write_text(json.dumps(old), encoding="utf-8")
    issue = load_issue(path)
    assert issue.brand.organisation == "Carers Network"
    assert issue.brand.primary_colour == "#112233"
    assert issue.brand.email == "info@example.org"
    assert issue.sections[0].blocks[0].text == "AGM"
    assert path.read_text(encoding="utf-8") == json.dumps(old)  # opening never rewrites the file


def test_a_file_from_a_newer_app_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "future.newsletter"
    data = json.loads(dumps_issue(Issue(title="From the future")))
    data["format_version"] = FORMAT_VERSION + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(IssueFileError) as caught:
        load_issue(path)
    message = str(caught.value)
    assert "future.newsletter" in message
    assert "newer version" in message and f"format {FORMAT_VERSION + 1}" in message
