"""Runs the pre-flight rules over an issue and its rendered email.

A rule is a small function ``(CheckContext) -> Iterable[Finding]``; RULES lists
them in the order their findings read best. A new rule (spelling, a live link
check) is one more function appended to RULES, or passed in ``rules``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from composer.model import Issue
from composer.render import RenderedEmail, render_email

from . import accessibility, content, dates, footer, images, links, size, spelling
from .context import CheckContext, Rule
from .findings import Finding, Severity

RULES: list[Rule] = [
    *links.RULES,
    *images.RULES,
    *size.RULES,
    *dates.RULES,
    *content.RULES,
    *accessibility.RULES,
    *footer.RULES,
    spelling.spelling_rule,
]

SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.ADVICE: 2}


def run_checks(
    issue: Issue,
    rendered: RenderedEmail | None = None,
    *,
    today: date | None = None,
    base_folder: Path | None = None,
    rules: Iterable[Rule] | None = None,
    merge_tags: Mapping[str, str] | None = None,
) -> list[Finding]:
    """Every finding, errors first, each severity in reading order.

    Pass ``rendered`` when the email is already rendered (the preview) to save a
    render; it should be rendered as it will be sent, with the provider's merge tags.
    Otherwise the email is rendered here with *merge_tags* (the caller knows the
    provider; the checks do not reach into the export to find out).
    """
    if rendered is None:
        rendered = render_email(issue, merge_tags=merge_tags)
    context = CheckContext(issue, rendered, today or date.today(), base_folder)
    findings = [finding for rule in (RULES if rules is None else rules) for finding in rule(context)]
    return sorted(findings, key=lambda finding: SEVERITY_ORDER[finding.severity])


def count_by_severity(findings: Iterable[Finding]) -> dict[Severity, int]:
    counts = {severity: 0 for severity in Severity}
    for finding in findings:
        counts[finding.severity] += 1
    return counts
