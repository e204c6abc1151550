"""The email as two files, <slug>.html and <slug>.txt: what `render` and the window's "Render email to folder" write."""

from __future__ import annotations

from pathlib import Path

from composer.model import Issue
from composer.render import render_email
from composer.storage import atomic_write_text


def write_email_files(issue: Issue, out_dir: Path) -> list[Path]:
    email = render_email(issue)
    out_dir.mkdir(parents=True, exist_ok=True)
    html_path = out_dir / f"{issue.slug()}.html"
    text_path = out_dir / f"{issue.slug()}.txt"
    atomic_write_text(html_path, email.html)
    atomic_write_text(text_path, email.text)
    return [html_path, text_path]
