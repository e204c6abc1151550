"""The British dictionary that ships with the app, opened through Hunspell.

chunspell is Hunspell compiled into a Python wheel (Linux, Windows, macOS on
Apple silicon), so spelling needs no system library and the same en_GB files
(resources/dictionary/hunspell, from Debian's hunspell-en-gb) are used in a
checkout, an installed wheel and the desktop bundle.
"""

from __future__ import annotations

from pathlib import Path

from composer.resources import HUNSPELL_DIR


def shipped_dictionary(language: str, folder: Path = HUNSPELL_DIR):
    """A dictionary with ``check`` and ``suggest``, or None when none ships for *language* or chunspell is missing."""
    if not (folder / f"{language}.dic").is_file() or not (folder / f"{language}.aff").is_file():
        return None
    try:
        from hunspell import Hunspell
    except ImportError:
        return None
    return HunspellDictionary(Hunspell(language, hunspell_data_dir=str(folder)))


class HunspellDictionary:
    """The two calls the spelling checker makes, with enchant's names."""

    def __init__(self, hunspell):
        self._hunspell = hunspell

    def check(self, word: str) -> bool:
        return bool(self._hunspell.spell(word))

    def suggest(self, word: str) -> list[str]:
        return list(self._hunspell.suggest(word))
