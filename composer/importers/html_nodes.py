"""Edits to a parsed HTML tree that lose no words, shared by the clipboard and Word importers."""

from __future__ import annotations


def remove_keeping_tail(node) -> None:
    """Take *node* out of the tree; the text after it stays where it was."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail or ""
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(node)
