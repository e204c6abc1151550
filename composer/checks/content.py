"""Content rules: empty sections, the inbox preview line, the unsubscribe link, the heading outline."""

from __future__ import annotations

import re
from collections.abc import Iterator

from composer.model import GENERIC_PROVIDER, Block
from composer.model.naming import block_name, section_name, sentence
from composer.model.roles import Picture, heading, heading_level, is_empty, parts

from .context import CheckContext
from .findings import Finding, Severity

RULE = "content"
PREHEADER_LIMIT = 100  # inboxes show roughly this much next to the subject
# Every provider's unsubscribe merge tag or link says so: *|UNSUB|*, [unsubscribe], {$unsubscribe}…
_UNSUBSCRIBE = re.compile(r"unsub", re.IGNORECASE)


def check_empty_sections(context: CheckContext) -> Iterator[Finding]:
    for section in context.issue.sections:
        if not section.blocks:
            yield Finding(RULE, Severity.WARNING, f"{sentence(section_name(section))} is empty.", section_id=section.id)


def check_empty_blocks(context: CheckContext) -> Iterator[Finding]:
    """A block that shows nothing (no words, links or pictures); a missing picture is the image rules' to report."""
    for section, block in context.blocks():
        if is_empty(block) and not any(isinstance(role, Picture) for role in type(block).roles.values()):
            field = next((part.path for part in parts(block)), None)
            yield Finding(RULE, Severity.ADVICE, f"{sentence(block_name(block))} in {section_name(section)} is empty.",
                          block.id, section.id, field)


def check_preheader(context: CheckContext) -> Iterator[Finding]:
    """The preheader is the line inboxes show after the subject; without one they show the masthead."""
    preheader = context.issue.preheader.strip()
    if not preheader:
        yield Finding(RULE, Severity.WARNING,
                      "There is no preheader; inboxes will show the first words of the email instead.",
                      field="preheader")
    elif len(preheader) > PREHEADER_LIMIT:
        yield Finding(RULE, Severity.WARNING,
                      f"The preheader is {len(preheader)} characters; inboxes show about {PREHEADER_LIMIT}.",
                      field="preheader")


def check_unsubscribe(context: CheckContext) -> Iterator[Finding]:
    """A provider refuses (or the law forbids) a bulk email with no way to unsubscribe.

    Assumes the rendered email carries the provider's merge tags, as the export
    makes it; the Generic provider leaves the link to the coordinator's own setup,
    so it is not checked.
    """
    if context.issue.provider == GENERIC_PROVIDER:
        return
    if not _UNSUBSCRIBE.search(context.rendered.html):
        yield Finding(RULE, Severity.ERROR,
                      f"The email has no unsubscribe link for {context.issue.provider}.", field="provider")


def check_heading_levels(context: CheckContext) -> Iterator[Finding]:
    """Headings that skip a level (a level 4 straight under a section title) confuse screen-reader navigation."""
    current = 1  # the masthead's title
    for section in context.issue.sections:
        if section.title:
            current = 2
        for block in section.blocks:
            level = heading_level(block)
            if level is None:
                continue
            if level > current + 1:
                yield Finding(RULE, Severity.WARNING,
                              f"{_name(block)} is a level {level} heading under a level {current} one; "
                              f"make it level {current + 1}.",
                              block.id, section.id, heading(block).role.level_field)
            current = level


def _name(block: Block) -> str:
    return sentence(block_name(block))


RULES = [check_empty_sections, check_empty_blocks, check_preheader, check_unsubscribe, check_heading_levels]
