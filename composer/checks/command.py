"""How `python main.py check` prints the findings: a short list to read, or JSON for scripts.

The command itself (loading the file, rendering with the provider's tags) lives with the
other headless commands in composer/cli.py; this module only words the result.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from .engine import count_by_severity
from .findings import Finding, Severity
from .size import size_report


def has_errors(findings: Sequence[Finding]) -> bool:
    return any(finding.severity is Severity.ERROR for finding in findings)


def findings_as_text(path: Path, findings: Sequence[Finding]) -> str:
    lines = [f"{path.name}: {_summary(count_by_severity(findings))}"]
    for finding in findings:
        lines.append(f"  {finding.severity.value:<8} {finding.rule:<13} {finding.message}")
    return "\n".join(lines)


def findings_as_json(path: Path, findings: Sequence[Finding], html: str) -> str:
    size, warn_at, limit = size_report(html)
    report = {
        "file": str(path),
        "counts": {severity.value: count for severity, count in count_by_severity(findings).items()},
        "size": {"bytes": size, "warn_at": warn_at, "limit": limit},
        "findings": [finding.to_json() for finding in findings],
    }
    return json.dumps(report, ensure_ascii=False, indent=2)


def _summary(counts: dict[Severity, int]) -> str:
    if not any(counts.values()):
        return "no problems found"
    errors, warnings, advice = counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.ADVICE]
    return (f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}, "
            f"{advice} piece{'s' * (advice != 1)} of advice")
