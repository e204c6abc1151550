"""Pre-flight checks: rules over an issue and its rendered email, each finding with a severity,
plain words and the block at fault. No Qt.

Names are loaded on first use, so the editor can use the colour-contrast helper
without loading the engine and the render pipeline behind it.
"""

from importlib import import_module

_EXPORTS = {
    "contrast_ratio": "accessibility", "CheckContext": "context", "Rule": "context", "RULES": "engine",
    "count_by_severity": "engine", "run_checks": "engine", "Finding": "findings", "Severity": "findings",
    "SizeReport": "size", "size_report": "size",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
