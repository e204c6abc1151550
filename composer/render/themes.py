"""Themes: a folder under templates/themes/ with a theme.json and optional template overrides."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from composer.model import ComposerError
from composer.resources import TEMPLATES_DIR

THEMES_DIR = TEMPLATES_DIR / "themes"
DEFAULT_THEME = "classic"


class ThemeError(ComposerError):
    """A theme folder that is missing or whose settings cannot be read."""


@dataclass(frozen=True)
class Theme:
    name: str
    folder: Path
    settings: Mapping[str, str]


def available_themes() -> list[str]:
    return sorted(path.parent.name for path in THEMES_DIR.glob("*/theme.json"))


@lru_cache(maxsize=32)
def load_theme(name: str) -> Theme:
    folder = THEMES_DIR / name
    settings_file = folder / "theme.json"
    if not settings_file.is_file():
        if name != DEFAULT_THEME:
            return load_theme(DEFAULT_THEME)
        raise ThemeError(f"The theme {name!r} is missing its theme.json")
    try:
        settings = json.loads(settings_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ThemeError(f"The theme {name!r} has unreadable settings: {error}") from None
    return Theme(name=name, folder=folder, settings=MappingProxyType(settings))
