"""run_checks and `python main.py check`: the whole pre-flight, as the GUI and the CLI use it."""

import json
from datetime import date, datetime

from composer.checks import RULES, Finding, Severity, run_checks
from composer.checks.command import check_command
from composer.model import ButtonBlock, EventBlock
from composer.storage import save_issue

from check_helpers import TODAY, issue_with


def test_sample_issue_sent_before_its_events_has_no_errors(sample_issue):
    issue = sample_issue.model_copy(update={"show_contents": True})
    findings = run_checks(issue, today=issue.send_date)
    assert [f.message for f in findings if f.severity is Severity.ERROR] == []


def test_findings_come_errors_first_and_each_names_its_rule():
    broken = issue_with(ButtonBlock(label="Book now"), preheader="")
    findings = run_checks(broken, today=TODAY)
    order = [f.severity for f in findings]
    assert order == sorted(order, key=[Severity.ERROR, Severity.WARNING, Severity.ADVICE].index)
    assert {"links", "content"} <= {f.rule for f in findings}


def test_an_extra_rule_can_be_added_without_touching_the_engine():
    def check_no_lorem(context):
        for section, block in context.blocks(ButtonBlock):
            if "lorem" in block.label.lower():
                yield Finding("placeholder", Severity.ADVICE, "Placeholder text left in.", block.id, section.id, "label")

    issue = issue_with(ButtonBlock(label="Lorem ipsum", url="https://www.charity.org.uk"))
    findings = run_checks(issue, today=TODAY, rules=[*RULES, check_no_lorem])
    assert [f.field for f in findings if f.rule == "placeholder"] == ["label"]
    assert not [f for f in run_checks(issue, today=TODAY) if f.rule == "placeholder"]


def test_check_command_exits_0_when_only_warnings(tmp_path, capsys):
    path = tmp_path / "spring.newsletter"
    save_issue(issue_with(issue_date=date(2099, 1, 1), send_date=date(2099, 1, 2)), path)
    assert check_command(path, as_json=False) == 0
    assert "spring.newsletter" in capsys.readouterr().out


def test_check_command_exits_1_with_errors_and_prints_json(tmp_path, capsys):
    path = tmp_path / "spring.newsletter"
    event = EventBlock(title="Old webinar", start=datetime(2025, 1, 1, 16), register_url="https://www.charity.org.uk/b")
    save_issue(issue_with(event, issue_date=date(2099, 1, 1), send_date=date(2099, 1, 2)), path)
    assert check_command(path, as_json=True) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["error"] >= 1
    assert report["size"]["limit"] == 102 * 1024
    assert any(f["block_id"] == event.id and f["rule"] == "dates" for f in report["findings"])


def test_check_command_exits_2_with_the_loaders_message_for_unreadable_files(tmp_path, capsys):
    path = tmp_path / "broken.newsletter"
    path.write_text("{ not json", encoding="utf-8")
    assert check_command(path, as_json=False) == 2
    captured = capsys.readouterr()
    assert "broken.newsletter" in captured.err and captured.out == ""
