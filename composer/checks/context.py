"""What every pre-flight rule is given: the issue, its rendered email, today and where its files are."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from typing import TYPE_CHECKING

from composer.model import Block, Issue, Section

if TYPE_CHECKING:  # the pipeline is heavy to import; checks that need it load it themselves
    from composer.render import RenderedEmail

from .findings import Finding

# A rule looks at the issue (and its rendered email) and reports what it finds.
Rule = Callable[["CheckContext"], Iterable[Finding]]


@dataclass(frozen=True)
class CheckContext:
    issue: Issue
    rendered: RenderedEmail
    today: date
    # Where local image paths are relative to (the issue file's folder), if known.
    base_folder: Path | None = None

    def blocks(self, *types: type[Block]) -> Iterator[tuple[Section, Block]]:
        """Blocks in reading order with their section, only of *types* when given.

        The app's own rules read each block's roles (composer.model.roles) and never pass types.
        """
        for section, block in self.issue.all_blocks():
            if not types or isinstance(block, types):
                yield section, block
