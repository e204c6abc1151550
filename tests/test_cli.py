import subprocess
import sys

from composer.resources import ROOT, SAMPLE_ISSUE
from composer.storage import save_issue


def run(*args, cwd=None):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=cwd)


def test_render_writes_html_and_text_and_prints_their_sizes(tmp_path):
    result = run("render", str(SAMPLE_ISSUE), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    html = tmp_path / "newsletter-autumn-2023.html"
    text = tmp_path / "newsletter-autumn-2023.txt"
    assert html.read_text().startswith("<!doctype html>")
    assert "Introduction\n------------" in text.read_text()
    assert str(html) in result.stdout and "KB" in result.stdout


def test_validate_says_valid_or_prints_one_clear_line(tmp_path, small_issue):
    good = tmp_path / "good.newsletter"
    save_issue(small_issue, good)
    assert run("validate", str(good)).returncode == 0

    bad = tmp_path / "bad.newsletter"
    bad.write_text(good.read_text().replace("https://www.example.org/book", "javascript:alert(1)"))
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "bad.newsletter" in result.stderr and "Webinars" in result.stderr and "javascript:alert(1)" in result.stderr


def test_missing_file_is_a_clear_error(tmp_path):
    result = run("render", str(tmp_path / "nope.newsletter"), "-o", str(tmp_path))
    assert result.returncode == 2 and "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_without_a_display_the_app_renders_the_sample_instead(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True, text=True, cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "No display" in result.stdout
    assert (tmp_path / "out" / "newsletter-autumn-2023.html").is_file()


# --- one table of exit codes, every command with its --help -----------------------------------

import json  # noqa: E402
from datetime import date, datetime  # noqa: E402

import pytest  # noqa: E402

from composer import cli  # noqa: E402
from composer.model import Brand, EventBlock, Issue, Section  # noqa: E402

COMMANDS = ("render", "validate", "check", "export", "import", "push")


def issue_with(*blocks, **fields):
    """A tidy issue (dates ahead, a preheader, hosting set) holding *blocks* in one section."""
    settings = dict(title="Spring newsletter", preheader="Spring webinars and a new network",
                    hosted_base_url="https://files.charity.org.uk/spring",
                    brand=Brand(organisation="Safeguarding Partnerships", email="hello@charity.org.uk",
                                footer_address="1 High Street, Leeds LS1 1AA"),
                    sections=(Section(kind="news", title="News", blocks=blocks),))
    settings.update(fields)
    return Issue(**settings)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_explains_itself_with_help(command, capsys):
    assert cli.main([command, "--help"]) == cli.EXIT_OK
    assert f"python main.py {command}" in capsys.readouterr().out


def test_help_lists_every_command_and_the_exit_codes(capsys):
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert all(command in out for command in COMMANDS) and "Exit codes" in out


def test_an_unknown_command_is_the_users_mistake_and_never_opens_the_window(tmp_path):
    result = run("publish", "x.newsletter")
    assert result.returncode == 2 and "invalid choice" in result.stderr and "Traceback" not in result.stderr


def test_push_with_an_option_the_command_does_not_have_is_exit_2(tmp_path):
    result = run("push", "x.newsletter", "--provider", "mailchimp", "--colour", "red")
    assert result.returncode == 2 and "unrecognized arguments: --colour" in result.stderr


def test_an_issue_followed_by_options_goes_to_the_cli_not_the_window(tmp_path):
    """Issue 15: `python main.py x.newsletter --provider mailchimp` used to render the sample and exit 0."""
    result = run("x.newsletter", "--provider", "mailchimp", cwd=tmp_path)
    assert result.returncode == 2 and "invalid choice: 'x.newsletter'" in result.stderr
    assert not (tmp_path / "out").exists()


def test_push_of_a_missing_issue_file_is_exit_2_and_one_line(tmp_path):
    result = run("push", str(tmp_path / "x.newsletter"), "--provider", "mailchimp")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "x.newsletter" in result.stderr and "does not exist" in result.stderr


def test_check_exits_0_when_only_warnings(tmp_path, capsys):
    path = tmp_path / "spring.newsletter"
    save_issue(issue_with(issue_date=date(2099, 1, 1), send_date=date(2099, 1, 2)), path)
    assert cli.main(["check", str(path)]) == cli.EXIT_OK
    assert "spring.newsletter" in capsys.readouterr().out


def test_check_exits_1_with_errors_and_prints_json(tmp_path, capsys):
    path = tmp_path / "spring.newsletter"
    event = EventBlock(title="Old webinar", start=datetime(2025, 1, 1, 16), register_url="https://www.charity.org.uk/b")
    save_issue(issue_with(event, issue_date=date(2099, 1, 1), send_date=date(2099, 1, 2)), path)
    assert cli.main(["check", str(path), "--json"]) == cli.EXIT_FINDINGS
    report = json.loads(capsys.readouterr().out)
    assert report["counts"]["error"] >= 1
    assert report["size"]["limit"] == 102 * 1024
    assert any(f["block_id"] == event.id and f["rule"] == "dates" for f in report["findings"])


def test_check_exits_2_with_the_loaders_message_for_unreadable_files(tmp_path, capsys):
    path = tmp_path / "broken.newsletter"
    path.write_text("{ not json", encoding="utf-8")
    assert cli.main(["check", str(path)]) == cli.EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert "broken.newsletter" in captured.err and captured.out == ""


def test_check_sees_the_email_with_the_providers_merge_tags(tmp_path, capsys, sample_issue):
    """The caller gives the checks the provider's tags: with them the unsubscribe link is there."""
    path = tmp_path / "sample.newsletter"
    save_issue(sample_issue, path)
    cli.main(["check", str(path), "--json"])
    rules = {finding["rule"] for finding in json.loads(capsys.readouterr().out)["findings"]
             if "unsubscribe" in finding["message"]}
    assert rules == set()


def test_checks_do_not_reach_into_the_export():
    """Dependency direction (DESIGN.md): the caller gives the checks the provider's merge tags."""
    code = ("import sys, composer.checks.engine, composer.checks.command, composer.checks.images;"
            "print(sorted(m for m in sys.modules if m.startswith('composer.export')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_no_import_error_is_swallowed_around_our_own_modules():
    offenders = []
    for path in (ROOT / "composer").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for line_number, line in enumerate(text.splitlines(), 1):
            if "except ImportError" in line:
                window = "\n".join(text.splitlines()[max(0, line_number - 4):line_number])
                if "import composer" in window or "from composer" in window or "from ." in window:
                    offenders.append(f"{path.relative_to(ROOT)}:{line_number}")
    assert offenders == []
