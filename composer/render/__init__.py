"""Rendering an issue to email HTML and plain text. No Qt here.

Names are loaded on first use, so importing a light module such as
composer.render.themes does not pull in the whole pipeline (premailer, mjml).
"""

from importlib import import_module

_EXPORTS = {
    "RenderError": "pipeline", "RenderedEmail": "pipeline", "compile_mjml": "pipeline", "inline_css": "pipeline",
    "render_email": "pipeline", "render_mjml": "pipeline", "render_text": "pipeline",
}

__all__ = list(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
