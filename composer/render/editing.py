"""The preview's editable marks on prose fields; the real email gets the bare words.

Templates print every prose field through ``prose(block, "field")``. In a
preview render the words are wrapped in an element carrying the block id and
the field's path and made editable, so the preview itself is the editor; in
every other render (export, web version, test send) the same call prints only
the words, so no mark can reach a reader.
"""

from __future__ import annotations

import re

from jinja2 import pass_context
from markupsafe import Markup, escape

from composer.model.prose import prose_at, prose_value

from .markdown import markdown_to_html

_SAFE_ID = re.compile(r"[0-9a-zA-Z_-]+")
FIELD_ATTRIBUTE = "data-nc-field"
BLOCK_ATTRIBUTE = "data-nc-block"


@pass_context
def prose(context, block, path: str) -> Markup:
    """The field's words as the email shows them; in the preview, wrapped and editable."""
    declared = prose_at(block, path)
    if declared is None:
        raise KeyError(f"{block.type} block has no prose field {path!r}")
    value = prose_value(block, path)
    shown = markdown_to_html(value) if declared.rich else escape(value)
    if not context.get("preview") or not _SAFE_ID.fullmatch(block.id):
        return Markup(shown)
    # A block linked to the library is edited in its entry, not in the issue.
    editable = "false" if block.library_entry else ("true" if declared.rich else "plaintext-only")
    tag = "div" if declared.rich else "span"
    levels = ""
    if declared.level_field:  # the toolbar offers the heading levels the block type allows
        levels = (f' data-nc-levels="{" ".join(str(level) for level in declared.levels)}"'
                  f' data-nc-level="{int(getattr(block, declared.level_field))}"')
    return Markup(
        f'<{tag} {BLOCK_ATTRIBUTE}="{block.id}" {FIELD_ATTRIBUTE}="{escape(path)}"{levels} '
        f'contenteditable="{editable}" spellcheck="true">{shown}</{tag}>'
    )
