"""What a freshly added block contains: helpful defaults, never empty forms."""

from __future__ import annotations

from datetime import datetime, timedelta

from composer.model import BLOCK_TYPES, Block


def new_block(type_name: str) -> Block:
    if type_name == "event":
        start = (datetime.now() + timedelta(days=14)).replace(hour=16, minute=0, second=0, microsecond=0)
        return BLOCK_TYPES["event"](start=start, end=start + timedelta(hours=1))
    defaults = {
        "text": {"markdown": ""},
        "heading": {"text": "New heading"},
        "button": {"label": "Find out more"},
    }
    return BLOCK_TYPES[type_name](**defaults.get(type_name, {}))
