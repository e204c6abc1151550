"""The headless commands, all in one place: ``python main.py <command> …`` (``--help`` on each).

Every command answers with the same exit codes:

    0  done
    1  done, and the checks found errors to fix before sending
    2  the input is wrong: an unknown command or option, a file that cannot be read or used,
       a value or key the provider refuses, a list it does not have
    3  the provider or the network failed (down, too slow, busy); nothing was lost, try again later

A coordinator's mistake prints one clear line on stderr; programming errors are left to raise.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from composer.model import ComposerError
from composer.storage import load_issue

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_UNAVAILABLE = 0, 1, 2, 3
EXIT_STOPPED = 130  # Ctrl+C, as shells expect
PUSH_PROVIDERS = ("mailchimp", "brevo", "listmonk")


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as stop:  # --help (0) or a wrong command or option (2): argparse has said why
        return EXIT_OK if stop.code in (None, 0) else EXIT_BAD_INPUT
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("Stopped.", file=sys.stderr)
        return EXIT_STOPPED
    except ComposerError as error:
        print(f"error: {error}", file=sys.stderr)
        return _exit_code_for(error)


def render_issue_files(issue_path: Path, out_dir: Path) -> list[Path]:
    """Render an issue file to <slug>.html and <slug>.txt in *out_dir*; return the paths."""
    from composer.export.email_files import write_email_files

    return write_email_files(load_issue(issue_path), out_dir)


# --- the commands ------------------------------------------------------------------------------

def _render(args) -> int:
    for path in render_issue_files(Path(args.issue), Path(args.output)):
        print(f"{path}  {_size(path.stat().st_size)}")
    return EXIT_OK


def _validate(args) -> int:
    issue = load_issue(args.issue)
    blocks = sum(len(section.blocks) for section in issue.sections)
    print(f"{args.issue}: valid — {len(issue.sections)} sections, {blocks} blocks")
    return EXIT_OK


def _check(args) -> int:
    from composer.checks.command import findings_as_json, findings_as_text, has_errors
    from composer.checks.engine import SEVERITY_ORDER, run_checks
    from composer.export.providers import provider_merge_tags
    from composer.render import render_email

    path = Path(args.issue)
    issue = load_issue(path)
    rendered = render_email(issue, merge_tags=provider_merge_tags(issue.provider))
    findings = run_checks(issue, rendered, base_folder=path.parent)
    if args.online:
        from composer.checks.online_links import check_links_online

        findings = sorted(findings + check_links_online(issue), key=lambda finding: SEVERITY_ORDER[finding.severity])
    print(findings_as_json(path, findings, rendered.html) if args.json else findings_as_text(path, findings))
    return EXIT_FINDINGS if has_errors(findings) else EXIT_OK


def _export(args) -> int:
    from composer.export import export_issue

    path = Path(args.issue)
    result = export_issue(load_issue(path), args.output, provider=args.provider, minify=args.minify,
                          base_dir=path.parent)
    for item in result.files:
        print(f"{item.path}  {_size(item.size)}")
    share = 100 * result.html_size / result.gmail_clip_limit
    print(f"HTML {_size(result.html_size)} of Gmail's {result.gmail_clip_limit // 1024} KB clip limit ({share:.0f}%)"
          f", for {result.provider.title}")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return EXIT_OK


def _import(args) -> int:
    from composer.importers import import_to_newsletter

    print(import_to_newsletter(args.source, args.output))
    print(f"Wrote {args.output}")
    return EXIT_OK


def _push(args) -> int:
    from composer.export.mailing.command import push_command

    return push_command(Path(args.issue), args.provider, list_id=args.list, test_to=args.test_to,
                        api_url=args.api_url)


def _exit_code_for(error: ComposerError) -> int:
    """Faults of the provider or the network (they say to try again later) are 3; the rest is the input: 2."""
    return EXIT_UNAVAILABLE if getattr(error, "try_again_later", False) else EXIT_BAD_INPUT


def _size(count: int) -> str:
    return f"{count / 1024:.1f} KB" if count >= 1024 else f"{count} bytes"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Newsletter Composer. With no command (or just an issue file), opens the composer window.",
        epilog="Exit codes: 0 done; 1 the checks found errors; 2 the input is wrong (a file, a value, "
               "an unknown command or option); 3 the provider or the network failed, try again later.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    render = commands.add_parser("render", help="write the email as HTML and plain text",
                                 description="Write <slug>.html and <slug>.txt for an issue.")
    render.add_argument("issue", help="the .newsletter file")
    render.add_argument("-o", "--output", default="out", help="folder to write into (default: out)")
    render.set_defaults(run=_render)

    validate = commands.add_parser("validate", help="check that an issue file loads",
                                   description="Exit 0 when the file is a valid issue, 2 with the reason when not.")
    validate.add_argument("issue", help="the .newsletter file")
    validate.set_defaults(run=_validate)

    check = commands.add_parser("check", help="pre-flight checks: links, pictures, size, dates, spelling",
                                description="The pre-flight checks; exit 1 when any finding is an error.")
    check.add_argument("issue", help="the .newsletter file")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    check.add_argument("--online", action="store_true", help="also test every web address (uses the network)")
    check.set_defaults(run=_check)

    export = commands.add_parser("export", help="write the bundle for the mailing provider",
                                 description="Write the HTML, text, pictures, calendar files and zip for a provider.")
    export.add_argument("issue", help="the .newsletter file")
    export.add_argument("-o", "--output", required=True, help="folder to write into")
    export.add_argument("--provider", help="mailchimp, campaign_monitor, brevo, mailerlite, listmonk or generic "
                                           "(default: the issue's own)")
    export.add_argument("--minify", action="store_true", help="make the HTML smaller (keeps Outlook's comments)")
    export.set_defaults(run=_export)

    importer = commands.add_parser("import", help="turn an old newsletter (.txt or .docx) into an issue",
                                   description="Read an old newsletter into sections and blocks, with a report.")
    importer.add_argument("source", help="the old newsletter, .txt or .docx")
    importer.add_argument("-o", "--output", required=True, help="the .newsletter file to write")
    importer.set_defaults(run=_import)

    push = commands.add_parser(
        "push", help="send the issue to the provider as a draft campaign (and a test)",
        description="Create, or update the one made before, a draft campaign with the issue's pictures uploaded. "
                    "The key comes from the system keyring or the environment: MAILCHIMP_API_KEY, BREVO_API_KEY, "
                    "or LISTMONK_USER and LISTMONK_TOKEN.")
    push.add_argument("issue", help="the .newsletter file (the draft's id is remembered in it)")
    push.add_argument("--provider", choices=PUSH_PROVIDERS, help="where to send it (default: the issue's own)")
    push.add_argument("--list", metavar="ID", help="the audience (list) to address; needed the first time "
                                                   "when the account has more than one")
    push.add_argument("--test-to", nargs="+", metavar="ADDR", default=(), help="send a test to these addresses")
    push.add_argument("--api-url", metavar="URL", help="the provider's address: listmonk's own server, or a test server")
    push.set_defaults(run=_push)
    return parser
