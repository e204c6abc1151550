"""Rendering an issue to email HTML and plain text. No Qt here."""

from .pipeline import RenderError, RenderedEmail, compile_mjml, inline_css, render_email, render_mjml, render_text

__all__ = ["RenderError", "RenderedEmail", "compile_mjml", "inline_css", "render_email", "render_mjml", "render_text"]
