"""run_checks: the whole pre-flight, as the GUI and the CLI use it (the `check` command is tested in tests/test_cli.py)."""

from composer.checks import RULES, Finding, Severity, run_checks
from composer.export.providers import provider_merge_tags
from composer.model import ButtonBlock

from check_helpers import TODAY, issue_with


def test_sample_issue_sent_before_its_events_has_no_errors(sample_issue):
    issue = sample_issue.model_copy(update={"show_contents": True})
    findings = run_checks(issue, today=issue.send_date, merge_tags=provider_merge_tags(issue.provider))
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
