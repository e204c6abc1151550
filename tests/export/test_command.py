"""`python main.py export ISSUE.newsletter -o DIR` from a terminal."""

from __future__ import annotations

from composer import cli
from composer.storage import save_issue


def test_coordinator_exports_from_the_command_line(issue, base_dir, tmp_path, capsys):
    path = base_dir / "autumn.newsletter"
    save_issue(issue, path)  # pictures are relative to the issue file
    out = tmp_path / "for-mailchimp"
    code = cli.main(["export", str(path), "-o", str(out), "--provider", "mailchimp", "--minify"])
    printed = capsys.readouterr()
    assert code == cli.EXIT_OK and printed.err == ""
    assert str(out / f"{issue.slug()}.zip") in printed.out
    assert "images/volunteers.png" in printed.out
    assert "of Gmail's 102 KB clip limit" in printed.out and "Mailchimp" in printed.out
    assert (out / f"{issue.slug()}.html").is_file()


def test_missing_issue_file_is_one_line_on_stderr_and_exit_2(tmp_path, capsys):
    code = cli.main(["export", str(tmp_path / "nowhere.newsletter"), "-o", str(tmp_path / "out")])
    printed = capsys.readouterr()
    assert code == cli.EXIT_BAD_INPUT and printed.out == ""
    assert printed.err.count("\n") == 1 and "nowhere.newsletter" in printed.err
    assert not (tmp_path / "out").exists()


def test_unknown_provider_is_one_line_on_stderr(issue, base_dir, tmp_path, capsys):
    path = base_dir / "autumn.newsletter"
    save_issue(issue, path)
    code = cli.main(["export", str(path), "-o", str(tmp_path / "out"), "--provider", "aweber"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_BAD_INPUT and err.startswith("error: “aweber” is not a mailing provider") and err.count("\n") == 1
