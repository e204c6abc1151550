"""Premailer's answers for each kind of element (inlining.py), kept on disk for the next start of the app.

A new process's first render spent a third of its time in premailer and cssutils (importing
them, and cssutils compiling its checks on first use) to learn what a few dozen kinds of element
get from a stylesheet that rarely changes. The answers are kept per stylesheet, in a folder named
after the versions of everything that shapes them and our premailer settings; with them the
next start never imports premailer at all. A file that cannot be read, written or understood is
ignored, and premailer is asked again.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from composer.user_folders import cache_folder

_FORMAT = 1
_SHAPERS = ("premailer", "cssutils", "cssselect", "lxml")


def read(css: str, settings: dict) -> dict[tuple, tuple]:
    """The answers kept for *css*: {kind: ((attribute, value), ...)}; empty when none are kept."""
    path = _file(css, settings)
    if path is None:
        return {}
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        return dict(_answer(kind, pairs) for kind, pairs in kept)
    except (OSError, ValueError, TypeError):
        return {}


def keep(css: str, settings: dict, answers: dict[tuple, tuple]) -> None:
    """Write *answers* for *css* for the next start (all of them, replacing the file whole)."""
    path = _file(css, settings)
    if path is None:
        return
    writing = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        listed = [[list(kind), [list(pair) for pair in pairs]] for kind, pairs in answers.items()]
        writing.write_text(json.dumps(listed), encoding="utf-8")
        os.replace(writing, path)
    except OSError:
        try:
            writing.unlink(missing_ok=True)
        except OSError:
            pass


def _answer(kind, pairs) -> tuple[tuple, tuple]:
    """One kept answer, checked: a kind is (tag, id, class, style), an answer (attribute, value) pairs."""
    if len(kind) != 4 or not isinstance(kind[0], str) or \
            not all(part is None or isinstance(part, str) for part in kind):
        raise ValueError("not a kind of element")
    if not all(len(pair) == 2 and all(isinstance(part, str) for part in pair) for pair in pairs):
        raise ValueError("not an answer")
    return tuple(kind), tuple(tuple(pair) for pair in pairs)


def _file(css: str, settings: dict) -> Path | None:
    folder = _folder(_fingerprint(tuple(sorted((name, repr(value)) for name, value in settings.items()))))
    if folder is None:
        return None
    return folder / (hashlib.sha256(css.encode("utf-8")).hexdigest()[:32] + ".json")


@lru_cache(maxsize=4)
def _fingerprint(settings: tuple) -> str | None:
    """The versions and settings the answers depend on; None when a version cannot be known
    (then nothing is kept: an upgrade could not be told apart)."""
    try:
        versions = [f"{name} {metadata.version(name)}" for name in _SHAPERS]
    except metadata.PackageNotFoundError:
        return None
    text = "\n".join([str(_FORMAT), *versions, *(f"{name}={value}" for name, value in settings)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@lru_cache(maxsize=4)
def _folder(fingerprint: str | None) -> Path | None:
    return None if fingerprint is None else cache_folder(f"premailer-{fingerprint}")
