"""What a pre-flight check reports: a finding with a severity, plain words and the block at fault."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    ADVICE = "advice"


@dataclass(frozen=True)
class Finding:
    rule: str                      # e.g. "links", "images", "size", "spelling"
    severity: Severity
    message: str                   # one sentence a coordinator understands
    block_id: str | None = None    # the block concerned, if any
    section_id: str | None = None  # the section concerned, if any
    field: str | None = None       # the block's field at fault, e.g. "url", "alt"

    def to_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "block_id": self.block_id,
            "section_id": self.section_id,
            "field": self.field,
        }
