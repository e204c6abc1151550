"""Broken and hostile files: the loader either opens them or says clearly why not.

Every failure must be an IssueFileError (never a traceback, never a hang),
the file on disk must be untouched, and whatever does load must render to
HTML that parses.
"""

import json
import time
from datetime import datetime

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from composer.model import (
    Brand, ButtonBlock, ContactBlock, DividerBlock, EventBlock, HeadingBlock, ImageBlock, Issue, LinkItem,
    LinkListBlock, QuoteBlock, Section, SignatureBlock, SpacerBlock, TextBlock,
)
from composer.render import render_email
from composer.storage import IssueFileError, dumps_issue, load_issue, loads_issue, save_issue

from storage_strategies import issues

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

REAL_ISSUE = Issue(
    title="Newsletter – Autumn 2023",
    edition="Issue 42",
    preheader="AGM, webinars and “Your Views” 🎉",
    brand=Brand(organisation="Carers Network", website="https://example.org", email="hello@example.org"),
    sections=(
        Section(kind="introduction", title="Introduction", blocks=(
            TextBlock(markdown="Welcome to the **autumn** issue.\n\n- one\n- two\n\n[More](https://example.org/more)"),
            ImageBlock(src="https://example.org/agm.jpg", alt="The AGM", link_url="https://example.org/agm"),
        )),
        Section(kind="webinars", title="Webinars", blocks=(
            HeadingBlock(text="January"),
            EventBlock(title="Caring at home", start=datetime(2024, 1, 22, 16), end=datetime(2024, 1, 22, 17),
                       description="Join us _online_.", register_url="https://example.org/book"),
            ButtonBlock(label="All webinars", url="https://example.org/webinars"),
        )),
        Section(kind="afterword", title="Afterword", blocks=(
            QuoteBlock(text="Small acts, big difference", attribution="A member"),
            SignatureBlock(name="Sam Lee", role="Director", organisation="Carers Network"),
            LinkListBlock(items=(LinkItem(label="Annual report", url="https://example.org/report", blurb="Our year"),)),
            ContactBlock(phone="07880 209 788", email="sam@example.org", web="https://example.org"),
            DividerBlock(), SpacerBlock(height=12),
        )),
    ),
)
REAL_BYTES = dumps_issue(REAL_ISSUE).encode("utf-8")


def load_or_clear_error(raw: bytes, tmp_path):
    """Load *raw* from a file; return the Issue or the IssueFileError, checking the file is untouched."""
    path = tmp_path / "fuzzed.newsletter"
    path.write_bytes(raw)
    try:
        return load_issue(path)
    except IssueFileError as error:
        assert "fuzzed.newsletter" in str(error)
        return error
    finally:
        assert path.read_bytes() == raw


def assert_renders_to_parseable_html(issue: Issue):
    html = render_email(issue).html
    document = lxml.html.document_fromstring(html)
    assert document.find(".//body") is not None


def check(raw: bytes, tmp_path):
    result = load_or_clear_error(raw, tmp_path)
    if isinstance(result, Issue):
        assert_renders_to_parseable_html(result)
        assert loads_issue(dumps_issue(result).encode("utf-8")) == result  # and it can be saved again
    return result


@FUZZ
@given(cut=st.integers(0, len(REAL_BYTES) - 2))
def test_a_file_cut_short_is_refused_clearly(cut, tmp_path_factory):
    result = check(REAL_BYTES[:cut], tmp_path_factory.mktemp("cut"))
    assert isinstance(result, IssueFileError)


@FUZZ
@given(flips=st.lists(st.tuples(st.integers(0, len(REAL_BYTES) - 1), st.integers(0, 7)), min_size=1, max_size=4))
def test_a_file_with_flipped_bits_opens_or_is_refused_clearly(flips, tmp_path_factory):
    damaged = bytearray(REAL_BYTES)
    for position, bit in flips:
        damaged[position] ^= 1 << bit
    check(bytes(damaged), tmp_path_factory.mktemp("flip"))


@FUZZ
@given(position=st.integers(0, len(REAL_BYTES)), junk=st.binary(min_size=1, max_size=40))
def test_a_file_with_junk_spliced_in_opens_or_is_refused_clearly(position, junk, tmp_path_factory):
    check(REAL_BYTES[:position] + junk + REAL_BYTES[position:], tmp_path_factory.mktemp("junk"))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)


@FUZZ
@given(data=st.data())
def test_a_field_replaced_by_any_json_value_opens_or_is_refused_clearly(data, tmp_path_factory):
    document = json.loads(REAL_BYTES)
    node, key = document, None
    for _ in range(data.draw(st.integers(1, 6))):
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        if not isinstance(node[key], (dict, list)):
            break
        node = node[key]
    target = node if isinstance(node, (dict, list)) and node else None
    if target is not None:
        slot = data.draw(st.sampled_from(list(target) if isinstance(target, dict) else list(range(len(target)))))
        target[slot] = data.draw(JSON_VALUES)
    check(json.dumps(document).encode("utf-8"), tmp_path_factory.mktemp("field"))


@pytest.mark.parametrize("depth", [50, 1000, 100_000])
def test_deeply_nested_files_are_refused_without_crashing(depth, tmp_path):
    for raw in (
        b'{"format_version": 2, "title": ' + b"[" * depth + b"]" * depth + b"}",
        b'{"format_version": 2, "sections": [{"blocks": ' + b"[" * depth + b"]" * depth + b"}]}",
        b"[" * depth,
        b'{"a":' * depth + b"1" + b"}" * depth,
    ):
        started = time.perf_counter()
        assert isinstance(load_or_clear_error(raw, tmp_path), IssueFileError)
        assert time.perf_counter() - started < 5


def test_huge_strings_load_and_render(tmp_path):
    huge = "Ünïcödé “quotes” שלום 👩‍👩‍👧 \u200b " * 40_000  # about a megabyte
    issue = REAL_ISSUE.model_copy(update={"title": huge, "sections": (
        Section(title=huge, blocks=(TextBlock(markdown=huge), QuoteBlock(text=huge))),
    )})
    started = time.perf_counter()
    assert check(dumps_issue(issue).encode("utf-8"), tmp_path) == issue
    assert time.perf_counter() - started < 10


def test_huge_junk_is_refused_quickly(tmp_path):
    started = time.perf_counter()
    for raw in (b"\x00" * 5_000_000, b'"' + b"a" * 5_000_000, b"{" + b" " * 5_000_000):
        assert isinstance(load_or_clear_error(raw, tmp_path), IssueFileError)
    assert time.perf_counter() - started < 5


def test_an_issue_of_ten_thousand_blocks_opens_and_renders(tmp_path):
    kinds = (lambda n: HeadingBlock(text=f"Item {n}"), lambda n: TextBlock(markdown=f"Note {n}"),
             lambda n: DividerBlock(), lambda n: SpacerBlock(height=4))
    issue = Issue(title="Scale", sections=tuple(
        Section(title=f"Part {s}", blocks=tuple(kinds[n % 4](n) for n in range(1000))) for s in range(10)
    ))
    path = tmp_path / "big.newsletter"
    save_issue(issue, path)
    started = time.perf_counter()
    loaded = load_issue(path)
    assert time.perf_counter() - started < 3
    assert loaded == issue and sum(1 for _ in loaded.all_blocks()) == 10_000
    assert_renders_to_parseable_html(loaded)


@pytest.mark.parametrize("raw", [
    b"", b"null", b"[]", b"42", b'"text"', b"{}", b'{"format_version": "2"}', b'{"format_version": true}',
    b'{"format_version": 0}', b'{"format_version": -1}', b'{"format_version": 2, "sections": {}}',
    b'{"format_version": 1, "sections": [{"content": [{"type": "nonsense"}]}]}',
    b'{"format_version": 2, "sections": [{"blocks": [{"type": "event"}]}]}',
    b'{"format_version": 2, "sections": [{"blocks": [{"type": "event", "start": "2024-02-30T10:00"}]}]}',
    b'{"format_version": 2, "sections": [{"blocks": [{"type": "button", "url": "javascript:alert(1)"}]}]}',
    b'{"format_version": 2, "theme": "../../../../etc"}',
    b"\xff\xfe{\x00}\x00", "{\"format_version\": 2, \"title\": \"\ud800\"}".encode("utf-8", "surrogatepass"),
    b'{"format_version": 2, "title": "lone \\ud800 and paired \\ud83c\\udf89"}',
    b'{"format_version": 2, "title": "soft\\u000bbreak", "sections": [{"title": "\\u001f", "blocks": '
    b'[{"type": "text", "markdown": "a\\u0000b\\u000bc\\uffff"}]}]}',
    b'{"format_version": 2, "title": "x", "title": 5}', b'{"format_version": 2, "issue_date": "NaN"}',
    b'{"format_version": 1e400}', b'{"format_version": 2, "sections": [{"blocks": [{"type": "spacer", "height": 1e400}]}]}',
])
def test_odd_files_open_or_are_refused_clearly(raw, tmp_path):
    check(raw, tmp_path)


@settings(max_examples=30, deadline=None)
@given(issue=issues)
def test_any_issue_with_odd_unicode_and_markup_opens_and_renders(issue, tmp_path_factory):
    assert check(dumps_issue(issue).encode("utf-8"), tmp_path_factory.mktemp("odd")) == issue


@FUZZ
@given(data=st.data())
def test_a_file_with_damaged_text_inside_strings_opens_and_renders(data, tmp_path_factory):
    """Flips confined to the letters of the text: the file stays JSON, so most of these load."""
    document = REAL_BYTES.decode("utf-8")
    starts = [index for index, char in enumerate(document) if char.isalpha()]
    position = data.draw(st.sampled_from(starts))
    replacement = data.draw(st.sampled_from(["<", ">", "&", "{{", "}}", "{%", "\u202e", "\u200b", "*", "[", "\\\\", "😀"]))
    damaged = document[:position] + replacement + document[position + 1:]
    check(damaged.encode("utf-8"), tmp_path_factory.mktemp("text"))
