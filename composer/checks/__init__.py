"""Pre-flight checks: rules over an issue and its rendered email, each finding with a severity,
plain words and the block at fault. No Qt."""

from .accessibility import contrast_ratio
from .context import CheckContext, Rule
from .engine import RULES, count_by_severity, run_checks
from .findings import Finding, Severity
from .size import SizeReport, size_report

__all__ = [
    "CheckContext", "Finding", "RULES", "Rule", "Severity", "SizeReport",
    "contrast_ratio", "count_by_severity", "run_checks", "size_report",
]
