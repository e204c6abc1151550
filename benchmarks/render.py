"""How long each render stage takes, and how big the email is.

Run: .venv/bin/python benchmarks/render.py [--runs N]

Times Jinja (render_mjml), MJML (compile_mjml), CSS inlining (inline_css),
plain text (render_text) and the whole render_email, for the sample issue and a
synthetic 300-block issue. Target: the sample under 25 ms median total on a
2-core machine; the HTML under Gmail's 102 KB clip limit.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import lxml.html  # noqa: E402

from composer.model import ButtonBlock, EventBlock, HeadingBlock, Issue, QuoteBlock, Section, TextBlock  # noqa: E402
from composer.render import compile_mjml, inline_css, render_email, render_mjml, render_text  # noqa: E402
from composer.resources import SAMPLE_ISSUE  # noqa: E402
from composer.storage import load_issue  # noqa: E402

GMAIL_CLIP_BYTES = 102 * 1024
TARGET_TOTAL_MS = 25.0
STAGES = ("jinja", "mjml", "inline", "text", "total")


def main() -> None:
    options = _arguments()
    issues = {"sample": load_issue(SAMPLE_ISSUE), "synthetic-300": synthetic_issue(300)}
    print(f"{options.runs} runs after {options.warmup} warm-up; times in ms, median / p95\n")
    header = f"{'issue':<14} {'blocks':>6} " + " ".join(f"{stage:>15}" for stage in STAGES)
    print(header)
    print("-" * len(header))
    sizes = []
    totals = {}
    for name, issue in issues.items():
        times = measure(issue, options.runs, options.warmup)
        totals[name] = statistics.median(times["total"])
        blocks = sum(1 for _ in issue.all_blocks())
        cells = " ".join(f"{_ms(statistics.median(times[s])):>7} / {_ms(_p95(times[s])):>5}" for s in STAGES)
        print(f"{name:<14} {blocks:>6} {cells}")
        sizes.append((name, render_email(issue).html))

    print()
    header = f"{'issue':<14} {'html KB':>8} {'text KB':>8} {'text/html':>9}  {'under Gmail clip (102 KB)':<26}"
    print(header)
    print("-" * len(header))
    for name, html in sizes:
        html_bytes = len(html.encode("utf-8"))
        text_bytes = len(lxml.html.fromstring(html).body.text_content().encode("utf-8"))
        under = "yes" if html_bytes < GMAIL_CLIP_BYTES else "NO (clipped)"
        print(f"{name:<14} {html_bytes / 1024:>8.1f} {text_bytes / 1024:>8.1f} {text_bytes / html_bytes:>9.1%}  {under:<26}")

    print()
    verdict = "met" if totals["sample"] * 1e3 < TARGET_TOTAL_MS else "MISSED"
    print(f"target: sample median total < {TARGET_TOTAL_MS:.0f} ms -> {_ms(totals['sample'])} ms, {verdict}")


def measure(issue: Issue, runs: int, warmup: int) -> dict[str, list[float]]:
    """Per-stage seconds, each stage timed on its own, plus render_email end to end."""
    times: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for run in range(warmup + runs):
        started = time.perf_counter()
        mjml = render_mjml(issue)
        jinja = time.perf_counter() - started
        started = time.perf_counter()
        html = compile_mjml(mjml)
        mjml_seconds = time.perf_counter() - started
        started = time.perf_counter()
        inline_css(html)
        inline = time.perf_counter() - started
        started = time.perf_counter()
        render_text(issue)
        text = time.perf_counter() - started
        started = time.perf_counter()
        render_email(issue)
        total = time.perf_counter() - started
        if run >= warmup:
            for stage, seconds in zip(STAGES, (jinja, mjml_seconds, inline, text, total)):
                times[stage].append(seconds)
    return times


def synthetic_issue(block_count: int, section_count: int = 10) -> Issue:
    """A long issue: paragraphs, lists, headings, buttons, events and quotes over ten sections."""
    makers = [_paragraph, _heading, _list, _button, _paragraph, _event, _quote]
    blocks = [makers[n % len(makers)](n) for n in range(block_count)]
    per_section = -(-block_count // section_count)
    sections = tuple(
        Section(title=f"Section {s + 1}", blocks=tuple(blocks[s * per_section:(s + 1) * per_section]))
        for s in range(section_count)
    )
    return Issue(title="Synthetic long issue", edition="Benchmark", preheader="Three hundred blocks", sections=sections)


def _paragraph(n: int) -> TextBlock:
    return TextBlock(markdown=(
        f"Paragraph {n}: the parish council met on **Tuesday** to discuss the *village hall* roof, "
        f"the [allotment waiting list](https://example.org/allotments/{n}) and the autumn fair. "
        "Volunteers are still needed for the tea tent; please get in touch if you can help."
    ))


def _list(n: int) -> TextBlock:
    return TextBlock(markdown=(
        f"Things to bring on day {n}:\n\n- a packed lunch\n- waterproof boots\n"
        f"- a [printed map](https://example.org/maps/{n})\n- **good humour**"
    ))


def _heading(n: int) -> HeadingBlock:
    return HeadingBlock(text=f"News item {n}", level=3)


def _button(n: int) -> ButtonBlock:
    return ButtonBlock(label=f"Read more ({n})", url=f"https://example.org/news/{n}")


def _event(n: int) -> EventBlock:
    start = datetime(2023, 10, 1, 18, 30) + timedelta(days=n)
    return EventBlock(
        title=f"Community event {n}", start=start, end=start + timedelta(hours=2), online=n % 2 == 0,
        venue="" if n % 2 == 0 else "Village Hall, Church Lane",
        description="An evening of talks and refreshments.", register_url=f"https://example.org/events/{n}",
    )


def _quote(n: int) -> QuoteBlock:
    return QuoteBlock(text=f"It was the best fair we have had in years (quote {n}).", attribution="A resident")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.1f}"


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per issue (default 30)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs first (default 3)")
    return parser.parse_args()


if __name__ == "__main__":
    main()
