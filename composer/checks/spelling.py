"""British spelling: one checker for the editor's underlines and the pre-flight check.

Past issues went out with typos ("PARTICPATE HERE", "relavant") and American
spellings; this catches them. The dictionary is the en_GB Hunspell one that ships
with the app (hunspell_dictionary.py; else enchant's), plus the organisation word list
and the coordinator's personal word list, a plain UTF-8 file one word a line.
Words ignored "in this issue" are passed in and handed back, so the issue file
can keep them. Answers are cached per word: the highlighter calls
``misspellings`` for every paragraph as the coordinator types.
"""

from __future__ import annotations

import difflib
import os
import re
import threading
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from composer.model.blocks import Block
from composer.model.issue import Issue, Section
from composer.model.naming import block_name, field_name, section_name
from composer.model.roles import prose
from composer.resources import RESOURCES_DIR
from composer.storage.atomic import atomic_write_text

from .findings import Finding, Severity
from .words import compound_parts, prose_words, straighten

LANGUAGE = "en_GB"
ORGANISATION_WORDS = RESOURCES_DIR / "dictionary" / "organisation-words.txt"
PERSONAL_WORDS_FILE = "personal-words.txt"
INSTALL_HINT = (
    "install a British English dictionary and restart: "
    "sudo apt-get install libenchant-2-2 hunspell-en-gb"
)
FINDING_SUGGESTIONS = 3


class SpellingUnavailable(Exception):
    """No en_GB dictionary (or no enchant library) on this machine; the app carries on without spelling."""

    def __init__(self, cause: str):
        super().__init__(f"Spelling can't be checked ({cause}); {INSTALL_HINT}.")
        self.cause = cause


@dataclass(frozen=True)
class SpellingFinding(Finding):
    """A spelling finding that also says which word, where in the field, and what to write instead."""

    word: str = ""
    start: int = -1                     # offset of the first occurrence in the field's text
    end: int = -1
    suggestions: tuple[str, ...] = ()

    def to_json(self) -> dict:
        return {**super().to_json(), "word": self.word, "start": self.start,
                "end": self.end, "suggestions": list(self.suggestions)}


def spelling_available(language: str = LANGUAGE) -> bool:
    """Whether a dictionary for *language* can be opened, so the GUI can hide spelling actions."""
    try:
        _open_dictionary(language)
    except SpellingUnavailable:
        return False
    return True


def personal_dictionary_path(directory: str | os.PathLike | None = None) -> Path:
    """The personal word list: in *directory*, else in the user's data folder."""
    if directory is None:
        from composer.user_folders import data_dir

        directory = data_dir()
    return Path(directory) / PERSONAL_WORDS_FILE


def spelling_rule(context) -> list[Finding]:
    """The pre-flight rule for the checks engine, which hands every rule a CheckContext."""
    return check_spelling(context.issue)


def check_spelling(issue: Issue, ignored: Collection[str] = (), checker: SpellChecker | None = None) -> list[Finding]:
    """Spelling findings with the shared checker, or one finding saying spelling is unavailable and why."""
    try:
        checker = checker or shared_checker()
    except SpellingUnavailable as error:
        return [unavailable_finding(error)]
    return check_issue_spelling(issue, checker, ignored or getattr(issue, "spelling_ignored", ()))


def check_issue_spelling(issue: Issue, checker: SpellChecker, ignored: Collection[str] = ()) -> list[Finding]:
    """One warning per misspelt word per field, naming the word, where it is and up to three suggestions."""
    ignored_keys = _keys(ignored)
    findings: list[Finding] = []
    for section, block, field, text in _prose_fields(issue):
        first_seen: dict[str, tuple[int, int, str, int]] = {}
        for start, end, word in checker.misspellings(text, ignored_keys):
            seen = first_seen.get(word)
            first_seen[word] = (start, end, word, 1) if seen is None else (*seen[:3], seen[3] + 1)
        for start, end, word, count in first_seen.values():
            suggestions = tuple(checker.suggest(word, FINDING_SUGGESTIONS))
            findings.append(SpellingFinding(
                rule="spelling",
                severity=Severity.WARNING,
                message=_message(word, count, suggestions, _where(section, block, field)),
                block_id=block.id if block else None,
                section_id=section.id if section else None,
                field=field,
                word=word, start=start, end=end, suggestions=suggestions,
            ))
    return findings


def unavailable_finding(error: SpellingUnavailable) -> Finding:
    """The single finding the Checks panel and ``check`` show when there is no dictionary."""
    return Finding(rule="spelling", severity=Severity.WARNING, message=str(error))


@lru_cache(maxsize=1)
def shared_checker() -> SpellChecker:
    """The app-wide checker for the default personal word list (opening a dictionary once is enough)."""
    return SpellChecker()


class SpellChecker:
    """An en_GB dictionary with the organisation's and the coordinator's own words.

    Safe to share between the GUI thread and a checks worker: enchant calls are
    serialised and answers are cached per word.
    """

    def __init__(self, directory: str | os.PathLike | None = None, *, language: str = LANGUAGE,
                 organisation_words: str | os.PathLike | None = ORGANISATION_WORDS):
        self._dictionary = _open_dictionary(language)
        self._lock = threading.Lock()
        self.personal_path = personal_dictionary_path(directory)
        self._organisation = _read_word_list(organisation_words) if organisation_words else []
        self._personal = _read_word_list(self.personal_path)
        self._extra_keys = _keys(self._organisation) | _keys(self._personal)
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, tuple[str, ...]] = {}

    @property
    def personal_words(self) -> tuple[str, ...]:
        return tuple(self._personal)

    def misspellings(self, text: str, ignored: Collection[str] = ()) -> list[tuple[int, int, str]]:
        """(start, end, word) of each misspelt word in *text*, for underlining; *word* is as written."""
        ignored_keys = _keys(ignored)
        found = []
        for start, end, word in prose_words(text):
            if self._known_word(word):
                continue
            if "-" in word:
                spans = [(start + s, start + e) for s, e, part in compound_parts(word)
                         if not self._known_word(part)]
            else:
                spans = [(start, end)]
            for s, e in spans:
                if straighten(text[s:e]).casefold() not in ignored_keys:
                    found.append((s, e, text[s:e]))
        return found

    def is_correct(self, word: str) -> bool:
        """Whether *word* (one word, as typed) passes: in a dictionary and not an American spelling."""
        return self._known_word(straighten(word.strip()))

    def suggest(self, word: str, limit: int = 5) -> list[str]:
        """Up to *limit* replacements, British forms first, in the case the word was typed in."""
        word = straighten(word.strip())
        if not word:
            return []
        if word not in self._suggestions:
            self._suggestions[word] = tuple(self._find_suggestions(word))
        return list(self._suggestions[word][:limit])

    def add_to_dictionary(self, word: str) -> None:
        """Accept *word* from now on, here and in every later session (the word list is re-read and merged)."""
        word = straighten(word.strip())
        if not word or any(ch.isspace() for ch in word):
            raise ValueError(f"{word!r} is not a single word")
        merged = {key.casefold(): key for key in _read_word_list(self.personal_path)}
        merged.setdefault(word.casefold(), word)
        words = sorted(merged.values(), key=str.casefold)
        self.personal_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.personal_path, "".join(line + "\n" for line in words))
        self._personal = words
        self._extra_keys = self._extra_keys | _keys(words)
        self._known.clear()

    @staticmethod
    def ignore(word: str, ignored: Iterable[str] = ()) -> tuple[str, ...]:
        """The issue's ignore list with *word* added: save the result in the issue and pass it back in."""
        merged = {straighten(key).casefold(): key for key in ignored}
        merged.setdefault(straighten(word.strip()).casefold(), straighten(word.strip()))
        return tuple(sorted(merged.values(), key=str.casefold))

    def _known_word(self, word: str) -> bool:
        known = self._known.get(word)
        if known is None:
            known = self._known[word] = self._look_up(word)
        return known

    def _look_up(self, word: str) -> bool:
        if _extra_key(word) in self._extra_keys:
            return True
        with self._lock:
            known = self._dictionary.check(word)
        if not known:
            # "Policing's": a known word with a possessive the dictionary lacks
            return word.endswith(("'s", "'S")) and len(word) > 3 and self._known_word(word[:-2])
        return self._british_form(word) is None

    def _british_form(self, word: str) -> str | None:
        """The -ise spelling when *word* is an -ize spelling whose -ise form the dictionary knows."""
        match = _IZE.match(word)
        if not match:
            return None
        british = match.group(1) + ("S" if match.group(2) == "Z" else "s") + match.group(3) + (match.group(4) or "")
        with self._lock:
            return british if self._dictionary.check(british) else None

    def _find_suggestions(self, word: str) -> Iterator[str]:
        british = self._british_form(word)
        with self._lock:
            candidates = [british] if british else []
            candidates += self._dictionary.suggest(word)
        own_words = self._organisation + self._personal
        candidates[1:1] = difflib.get_close_matches(word, own_words, n=2, cutoff=0.8)
        seen = {word.casefold()}
        for candidate in candidates:
            candidate = self._british_form(candidate) or candidate
            candidate = _match_case(candidate, word)
            if candidate.casefold() in seen or _odd_split(candidate):
                continue
            seen.add(candidate.casefold())
            yield candidate


_IZE = re.compile(r"^([^\W\d_]{3,}i)([zZ])(e|es|ed|ing|ation|ations|er|ers|E|ES|ED|ING|ATION|ATIONS|ER|ERS)('[sS])?$")


def _open_dictionary(language: str):
    from .hunspell_dictionary import shipped_dictionary

    shipped = shipped_dictionary(language)
    if shipped is not None:
        return shipped
    try:
        import enchant
    except ImportError as error:  # pyenchant not installed, or the enchant C library missing
        raise SpellingUnavailable(f"the enchant library is missing: {error}") from None
    broker = enchant.Broker()
    try:
        broker.set_ordering(language, "hunspell,nuspell,aspell,myspell")
        if not broker.dict_exists(language):
            raise SpellingUnavailable(f"no {language} dictionary is installed")
        return broker.request_dict(language)
    except enchant.errors.Error as error:
        raise SpellingUnavailable(f"the {language} dictionary could not be opened: {error}") from None


def _read_word_list(path: str | os.PathLike) -> list[str]:
    """Words from a UTF-8 list, one a line; blank lines and # comments skipped; a missing file is empty."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    return [straighten(line.strip()) for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _keys(words: Iterable[str]) -> frozenset[str]:
    return frozenset(straighten(word).casefold() for word in words)


def _extra_key(word: str) -> str:
    key = word.casefold()
    return key[:-2] if key.endswith("'s") else key


def _match_case(candidate: str, typed: str) -> str:
    if typed.isupper() and len(typed) > 1:
        return candidate.upper()
    if typed[:1].isupper():
        return candidate[:1].upper() + candidate[1:]
    return candidate


def _odd_split(candidate: str) -> bool:
    """Suggestions like "everyone s" that split off a stray letter."""
    parts = candidate.split()
    return len(parts) > 1 and any(len(part) == 1 and part not in "aAI" for part in parts)


def _prose_fields(issue: Issue) -> Iterator[tuple[Section | None, Block | None, str, str]]:
    """(section, block, field path, text) for each field a reader reads as prose: what the blocks declare."""
    yield None, None, "title", issue.title
    yield None, None, "preheader", issue.preheader
    for section in issue.sections:
        yield section, None, "title", section.title
        for block in section.blocks:
            for part in prose(block):
                yield section, block, part.path, part.value


def _where(section: Section | None, block: Block | None, field: str) -> str:
    if section is None:
        return "the issue title" if field == "title" else "the preheader"
    if block is None:
        return f"the title of {section_name(section)}"
    several = "." in field or sum(1 for _ in prose(block)) > 1  # a list's entries always say which field
    part = f" ({field_name(block, field)})" if several else ""
    return f"{block_name(block)}{part} in {section_name(section)}"


def _message(word: str, count: int, suggestions: tuple[str, ...], where: str) -> str:
    times = f" ({count} times)" if count > 1 else ""
    if suggestions:
        quoted = [f"“{s}”" for s in suggestions]
        options = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
        advice = f"perhaps {options}?"
    else:
        advice = "no suggestions; add it to the dictionary if it is right."
    return f"“{word}”{times} in {where} may be misspelt: {advice}"
