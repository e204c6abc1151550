"""Themes: a folder under templates/themes/ with a theme.json and optional template overrides."""

from __future__ import annotations

import json
import re
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from composer.model import ComposerError
from composer.resources import TEMPLATES_DIR

THEMES_DIR = TEMPLATES_DIR / "themes"
DEFAULT_THEME = "classic"
# Theme values are written into <style> unescaped (quotes in font names must survive),
# so anything that could close the rule or the tag is refused.
_UNSAFE_CSS = re.compile(r"[<>{};\\]|/\*")
_THEME_NAME = re.compile(r"[A-Za-z0-9_-]+")


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
    # The name comes from the issue file: "../x" or "/tmp/x" must not load templates from elsewhere.
    if not _THEME_NAME.fullmatch(name):
        name = DEFAULT_THEME
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
    unsafe = [key for key, value in settings.items() if not isinstance(value, str) or _UNSAFE_CSS.search(value)]
    if unsafe:
        raise ThemeError(f"The theme {name!r} has settings that cannot go into a stylesheet: {', '.join(unsafe)}")
    return Theme(name=name, folder=folder, settings=MappingProxyType(settings))
