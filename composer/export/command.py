"""`python main.py export ISSUE.newsletter -o DIR [--provider NAME] [--minify]`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from composer.model import ComposerError
from composer.storage import load_issue

from .bundle import export_issue


def export_command(path: str | os.PathLike, out_dir: str | os.PathLike, provider: str | None = None,
                   minify: bool = False) -> int:
    """Export one issue file; print what was written. Returns the process exit code."""
    try:
        issue = load_issue(path)
        result = export_issue(issue, out_dir, provider=provider, minify=minify, base_dir=Path(path).parent)
    except ComposerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for item in result.files:
        print(f"{item.path}  {format_size(item.size)}")
    share = 100 * result.html_size / result.gmail_clip_limit
    print(f"HTML {format_size(result.html_size)} of Gmail's {result.gmail_clip_limit // 1024} KB clip limit ({share:.0f}%)"
          f", for {result.provider.title}")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def format_size(size: int) -> str:
    return f"{size} bytes" if size < 1024 else f"{size / 1024:.1f} KB"
