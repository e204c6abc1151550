"""The headless commands: `python main.py render|validate|check|export|import …`.

A coordinator's mistake (a bad file, a bad link) prints one clear line on
stderr and exits non-zero; programming errors are left to raise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from composer.model import ComposerError
from composer.storage import load_issue

COMMANDS = ("render", "validate", "check", "export", "import")


def is_command(argv: list[str]) -> bool:
    return bool(argv) and (argv[0] in COMMANDS or argv[0] in ("-h", "--help"))


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ComposerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


def render_issue_files(issue_path: Path, out_dir: Path) -> list[Path]:
    """Render an issue file to <slug>.html and <slug>.txt in *out_dir*; return the paths."""
    from composer.export.email_files import write_email_files

    return write_email_files(load_issue(issue_path), out_dir)


def _render(args) -> int:
    for path in render_issue_files(Path(args.issue), Path(args.output)):
        print(f"{path}  {_size(path.stat().st_size)}")
    return 0


def _validate(args) -> int:
    issue = load_issue(args.issue)
    blocks = sum(len(section.blocks) for section in issue.sections)
    print(f"{args.issue}: valid — {len(issue.sections)} sections, {blocks} blocks")
    return 0


def _check(args) -> int:
    from composer.checks.command import check_command

    return check_command(args.issue, args.json, online=args.online)


def _export(args) -> int:
    from composer.export import export_command

    return export_command(args.issue, args.output, args.provider, args.minify)


def _import(args) -> int:
    from composer.importers import import_to_newsletter

    print(import_to_newsletter(args.source, args.output))
    print(f"Wrote {args.output}")
    return 0


def _size(count: int) -> str:
    return f"{count / 1024:.1f} KB" if count >= 1024 else f"{count} bytes"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Newsletter Composer. With no command, opens the composer window.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    render = commands.add_parser("render", help="write the email as HTML and plain text")
    render.add_argument("issue", help="the .newsletter file")
    render.add_argument("-o", "--output", default="out", help="folder to write into (default: out)")
    render.set_defaults(run=_render)

    validate = commands.add_parser("validate", help="check that an issue file loads")
    validate.add_argument("issue")
    validate.set_defaults(run=_validate)

    check = commands.add_parser("check", help="pre-flight checks: links, images, size, dates, spelling")
    check.add_argument("issue")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.add_argument("--online", action="store_true", help="also test every web address (uses the network)")
    check.set_defaults(run=_check)

    export = commands.add_parser("export", help="write the bundle for the mailing provider")
    export.add_argument("issue")
    export.add_argument("-o", "--output", required=True, help="folder to write into")
    export.add_argument("--provider", help="mailchimp, campaign_monitor, brevo, mailerlite, listmonk or generic")
    export.add_argument("--minify", action="store_true", help="make the HTML smaller (keeps Outlook's comments)")
    export.set_defaults(run=_export)

    importer = commands.add_parser("import", help="turn an old newsletter (.txt or .docx) into an issue")
    importer.add_argument("source")
    importer.add_argument("-o", "--output", required=True, help="the .newsletter file to write")
    importer.set_defaults(run=_import)
    return parser
