"""What a freshly added block contains: each type's own defaults (see Block.new), never a vague default."""

from __future__ import annotations

from datetime import date

from composer.model import BLOCK_TYPES, Block


def new_block(type_name: str, send_date: date | None = None) -> Block:
    """A new block of *type_name*; dated types start after the issue goes out (their ``new`` says how)."""
    return BLOCK_TYPES[type_name].new(send_date)
