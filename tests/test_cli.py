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
