"""Size rule: Gmail cuts off emails whose HTML is over about 102 KB, hiding the end (and the unsubscribe link)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from composer.limits import GMAIL_CLIP_BYTES

from .context import CheckContext
from .findings import Finding, Severity

RULE = "size"
WARN_BYTES = 90 * 1024
LIMIT_BYTES = GMAIL_CLIP_BYTES


class SizeReport(NamedTuple):
    """The gauge's values: the email's size, where it turns amber, where Gmail clips."""

    bytes: int
    warn_at: int
    limit: int


def size_report(html: str) -> SizeReport:
    """The size that matters to Gmail: the HTML's bytes as sent (UTF-8)."""
    return SizeReport(len(html.encode("utf-8")), WARN_BYTES, LIMIT_BYTES)


def check_size(context: CheckContext) -> Iterator[Finding]:
    size, warn_at, limit = size_report(context.rendered.html)
    shown = f"{size / 1024:.0f} KB"
    if size > limit:
        yield Finding(RULE, Severity.ERROR,
                      f"The email is {shown}; Gmail clips emails over {limit // 1024} KB and hides the rest, "
                      "including the unsubscribe link. Shorten it or link to the full stories.")
    elif size > warn_at:
        yield Finding(RULE, Severity.WARNING,
                      f"The email is {shown}, close to Gmail's {limit // 1024} KB clipping limit.")


RULES = [check_size]
