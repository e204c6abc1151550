"""Size rule: the coordinator learns before sending that Gmail would clip the email."""

from composer.checks.findings import Severity
from composer.checks.size import LIMIT_BYTES, WARN_BYTES, check_size, size_report

from check_helpers import issue_with


def _html_of(size):
    shell = "<html><body></body></html>"
    return shell.replace("<body>", "<body>" + "x" * (size - len(shell)))


def test_size_report_counts_utf8_bytes_and_gives_the_gauge_marks():
    report = size_report("<p>£</p>")
    assert report == (9, 90 * 1024, 102 * 1024)
    assert (report.bytes, report.warn_at, report.limit) == (9, WARN_BYTES, LIMIT_BYTES)


def test_email_over_gmails_limit_is_an_error(run_rule):
    [finding] = run_rule(check_size, issue_with(), html=_html_of(LIMIT_BYTES + 1))
    assert finding.severity is Severity.ERROR and "102 KB" in finding.message


def test_email_near_the_limit_is_a_warning(run_rule):
    [finding] = run_rule(check_size, issue_with(), html=_html_of(WARN_BYTES + 1))
    assert finding.severity is Severity.WARNING


def test_email_of_ordinary_size_passes(run_rule):
    assert run_rule(check_size, issue_with(), html=_html_of(WARN_BYTES)) == []
