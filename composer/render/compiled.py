"""The built-in email templates, compiled once and kept on disk for the next start of the app.

Compiling the templates was half of a new process's first render. Jinja checks each kept
template against its source, so an edited template is compiled afresh; the folder is named
after Jinja's version and the settings that change the compiled code, so no other setting
can read it. A cache never stops a render: a folder that cannot be written is simply not used.
The coordinator's own themes are never kept: they run in the sandbox, whose compiled code differs.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from types import CodeType

import jinja2
from jinja2 import FileSystemBytecodeCache

from composer.user_folders import cache_folder


def template_cache(settings: dict) -> FileSystemBytecodeCache | None:
    """The on-disk cache for an environment made with *settings*, or None where none can be kept."""
    return _cache_for(_fingerprint(settings))


@lru_cache(maxsize=4)
def _cache_for(fingerprint: str) -> FileSystemBytecodeCache | None:
    folder = cache_folder(f"templates-{fingerprint}")
    return None if folder is None else _QuietCache(str(folder))


def _fingerprint(settings: dict) -> str:
    """What the compiled code depends on besides a template's source: Jinja's version and the
    settings, functions by their code (an edited autoescape rule must not reuse old code)."""
    parts = [jinja2.__version__]
    for name in sorted(settings):
        value = settings[name]
        if callable(value):
            code = getattr(value, "__code__", None)
            value = getattr(value, "__qualname__", type(value).__qualname__) + (_code_print(code) if code else "")
        parts.append(f"{name}={value!r}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def _code_print(code: CodeType) -> str:
    """A function's code as text that is the same in every process (no addresses, no set order)."""
    consts = []
    for const in code.co_consts:
        if isinstance(const, CodeType):
            consts.append(_code_print(const))
        elif isinstance(const, frozenset):
            consts.append(repr(sorted(map(repr, const))))
        else:
            consts.append(repr(const))
    return code.co_code.hex() + "|" + "|".join(consts) + "|" + " ".join(code.co_names)


class _QuietCache(FileSystemBytecodeCache):
    """A kept template that cannot be read or written is compiled as if never kept."""

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass
