"""`python main.py check ISSUE.newsletter [--json]`: the pre-flight checks from the command line.

Exit status: 0 when nothing is an error, 1 when something is, 2 when the file cannot be read.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from composer.model import ComposerError
from composer.render import render_email
from composer.storage import IssueFileError, load_issue

from .engine import SEVERITY_ORDER, count_by_severity, provider_merge_tags, run_checks
from .findings import Finding, Severity
from .size import size_report

EXIT_CLEAN, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def check_command(path: str | os.PathLike, as_json: bool = False, online: bool = False) -> int:
    """Print the findings for the issue at *path* and return the exit status.

    With *online*, every web address is also tried; without it nothing touches the network.
    """
    path = Path(path)
    try:
        issue = load_issue(path)
    except IssueFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        rendered = render_email(issue, merge_tags=provider_merge_tags(issue.provider))
    except ComposerError as error:  # a broken template or theme: nothing can be checked
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERRORS
    findings = run_checks(issue, rendered, base_folder=path.parent)
    if online:
        from .online_links import check_links_online

        findings = sorted(findings + check_links_online(issue), key=lambda finding: SEVERITY_ORDER[finding.severity])
    counts = count_by_severity(findings)
    if as_json:
        print(json.dumps(_as_json(path, findings, counts, rendered.html), ensure_ascii=False, indent=2))
    else:
        print(_as_text(path, findings, counts))
    return EXIT_ERRORS if counts[Severity.ERROR] else EXIT_CLEAN


def _as_text(path: Path, findings: list[Finding], counts: dict[Severity, int]) -> str:
    lines = [f"{path.name}: {_summary(counts)}"]
    for finding in findings:
        lines.append(f"  {finding.severity.value:<8} {finding.rule:<13} {finding.message}")
    return "\n".join(lines)


def _summary(counts: dict[Severity, int]) -> str:
    if not any(counts.values()):
        return "no problems found"
    errors, warnings, advice = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.ADVICE]
    return (f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}, "
            f"{advice} piece{'s' * (advice != 1)} of advice")


def _as_json(path: Path, findings: list[Finding], counts: dict[Severity, int], html: str) -> dict:
    size, warn_at, limit = size_report(html)
    return {
        "file": str(path),
        "counts": {severity.value: count for severity, count in counts.items()},
        "size": {"bytes": size, "warn_at": warn_at, "limit": limit},
        "findings": [finding.to_json() for finding in findings],
    }
