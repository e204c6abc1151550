"""The sample issue judged by tools nobody here wrote, in both themes (issue 18).

- axe-core in Debian's chromium at 375 and 640 px, light and dark: no serious or critical violation;
- in dark mode every button keeps a visible shape (a fill or a border at 3:1 against what surrounds it);
- SpamAssassin, local tests, on the message the test send builds: a score of 0.0 or less;
- the visible text equals official MJML's for the same MJML: the sample and the imports of the real
  past newsletters in ../shared/samples.
"""

from email.policy import SMTP

import pytest

from composer.export.merge import render_for_provider
from composer.export.message import build_test_message
from composer.export.providers import provider_profile
from composer.importers.files import import_file
from composer.render import render_email, render_mjml

from email_judges import (
    axe_violations, official_mjml, open_email, spamassassin_report, visible_text,
)

THEMES = ("classic", "bulletin")
WIDTHS = (375, 640)
SCHEMES = ("light", "dark")


def charity_issue(issue, theme):
    """The sample with a UK charity's full footer, as the coordinator would fill it in."""
    brand = issue.brand.model_copy(update={
        "registered_charity": True, "charity_number": "1234567", "company_number": "08765432",
        "registered_office": issue.brand.footer_address,
        "subscription_reason": "You receive this because your partnership is a member of the Association.",
    })
    return issue.model_copy(update={"theme": theme, "brand": brand})


@pytest.fixture(scope="module")
def sent_html():
    """The sample as exported for Mailchimp, per theme (cached for the module)."""
    from composer.resources import SAMPLE_ISSUE
    from composer.storage import load_issue

    sample = load_issue(SAMPLE_ISSUE)
    return {theme: render_for_provider(charity_issue(sample, theme), provider_profile("mailchimp")).html
            for theme in THEMES}


# --- accessibility: axe-core ----------------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_serious_or_critical_problem(browser, sent_html, theme, width, scheme):
    page = open_email(browser, sent_html[theme], width, scheme)
    try:
        violations = axe_violations(page)
    finally:
        page.context.close()
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert serious == [], serious
    # Issue 18's landmarks: one main, and nothing outside a landmark (both "moderate" to axe).
    assert not [v for v in violations if v["id"] in ("landmark-one-main", "region")], violations


# --- dark mode keeps every button's shape ----------------------------------------------------

# For each button: its fill, its border, and the colour of what surrounds it, as the browser paints them.
_BUTTON_SHAPES = """
() => {
  const rgb = s => (s.match(/[0-9.]+/g) || []).map(Number);
  const opaque = s => { const c = rgb(s); return c.length === 3 || (c.length === 4 && c[3] > 0); };
  const lum = s => { const c = rgb(s).slice(0, 3).map(v => v / 255)
      .map(v => v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4));
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]; };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const behind = el => { for (let e = el.parentElement; e; e = e.parentElement) {
      const bg = getComputedStyle(e).backgroundColor; if (opaque(bg)) return bg; } return 'rgb(255, 255, 255)'; };
  const buttons = [...document.querySelectorAll('td.nc-button, .nc-calendar a')];
  return buttons.map(el => {
    const style = getComputedStyle(el);
    const around = behind(el);
    const fill = opaque(style.backgroundColor) ? style.backgroundColor : around;
    const border = parseFloat(style.borderTopWidth) >= 1 && style.borderTopStyle !== 'none'
      ? ratio(style.borderTopColor, around) : 0;
    return {text: el.textContent.trim().slice(0, 30), fill, around,
            fillRatio: ratio(fill, around), borderRatio: border};
  });
}
"""


def _shapeless(page) -> tuple[int, list[dict]]:
    buttons = page.evaluate(_BUTTON_SHAPES)
    return len(buttons), [b for b in buttons if b["fillRatio"] < 3 and b["borderRatio"] < 3]


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_button_keeps_a_visible_shape(browser, sent_html, theme, scheme):
    page = open_email(browser, sent_html[theme], 375, scheme)
    try:
        count, shapeless = _shapeless(page)
    finally:
        page.context.close()
    assert count >= 20, "the sample has booking buttons and calendar buttons"
    assert shapeless == [], shapeless


@pytest.mark.parametrize("accent", ["#1f2a36", "#f5f0e6"])  # one vanishes on the dark page, one on the light
def test_a_button_whose_colour_would_vanish_gets_a_border(browser, sample_issue, accent):
    brand = sample_issue.brand.model_copy(update={"accent_colour": accent})
    html = render_email(sample_issue.model_copy(update={"brand": brand})).html
    for scheme in SCHEMES:
        page = open_email(browser, html, 375, scheme)
        try:
            count, shapeless = _shapeless(page)
        finally:
            page.context.close()
        assert count and shapeless == [], (scheme, shapeless)


# --- SpamAssassin on the test send ----------------------------------------------------------


@pytest.mark.parametrize("theme", THEMES)
def test_spamassassin_scores_the_test_send_at_zero_or_less(sample_issue, tmp_path, theme):
    issue = charity_issue(sample_issue, theme)
    message = build_test_message(issue, "Association news <news@example.org.uk>", ["coordinator@example.org.uk"],
                                 provider=provider_profile("mailchimp"))
    score, rules = spamassassin_report(message.as_bytes(policy=SMTP), tmp_path)
    assert score <= 0.0, (score, rules)
    assert "HTML_FONT_LOW_CONTRAST" not in rules


def test_spamassassin_would_score_mjmls_white_preheader(sample_issue, tmp_path):
    """The check above can fail: MJML's own preview text (white, 1px) scores HTML_FONT_LOW_CONTRAST."""
    message = build_test_message(sample_issue, "news@example.org.uk", ["coordinator@example.org.uk"])
    page = message.get_body(("html",))
    html = page.get_content()
    white = ('<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;'
             'max-width:0px;opacity:0;overflow:hidden;">')
    whitened = html.replace('<div class="nc-preheader" style="display:none;max-height:0;max-width:0;'
                            'overflow:hidden;mso-hide:all;">', white, 1)
    assert whitened != html
    page.set_content(whitened, subtype="html")
    _, rules = spamassassin_report(message.as_bytes(policy=SMTP), tmp_path)
    assert "HTML_FONT_LOW_CONTRAST" in rules


# --- the same words as official MJML ----------------------------------------------------------


def _compare_with_official(browser, issues: dict) -> dict:
    """Visible text of our email against official MJML's compile of the same MJML, per issue."""
    names = list(issues)
    ours = {name: render_email(issues[name]).html for name in names}
    theirs = dict(zip(names, official_mjml([render_mjml(issues[name]) for name in names])))
    differences = {}
    for name in names:
        texts = []
        for html in (ours[name], theirs[name]):
            page = open_email(browser, html, 640)
            try:
                texts.append(visible_text(page))
            finally:
                page.context.close()
        if texts[0] != texts[1]:
            at = next(i for i, (a, b) in enumerate(zip(*texts)) if a != b) if any(
                a != b for a, b in zip(*texts)) else min(map(len, texts))
            differences[name] = (texts[0][max(0, at - 60):at + 60], texts[1][max(0, at - 60):at + 60])
    return differences


def test_the_sample_reads_exactly_as_official_mjml_makes_it(browser, sample_issue):
    issues = {theme: sample_issue.model_copy(update={"theme": theme}) for theme in THEMES}
    assert _compare_with_official(browser, issues) == {}


def test_imported_past_newsletters_read_exactly_as_official_mjml_makes_them(browser, shared_samples):
    imports = {path.name: import_file(path).issue for path in sorted(shared_samples.glob("*.txt"))}
    assert imports, f"no past newsletters in {shared_samples}"
    assert _compare_with_official(browser, imports) == {}


def test_words_on_consecutive_lines_keep_their_space(browser, small_issue):
    """The case that ran together before: bold then italic on the next line, and two addresses."""
    from composer.model import Section, TextBlock

    text = TextBlock(markdown="**Bold**\n*Italic*\n[one@example.org](mailto:one@example.org)\n"
                              "[two@example.org](mailto:two@example.org)")
    issue = small_issue.model_copy(update={"sections": (Section(title="Lines", blocks=(text,)),)})
    page = open_email(browser, render_email(issue).html, 640)
    try:
        shown = visible_text(page)
    finally:
        page.context.close()
    assert "Bold Italic one@example.org two@example.org" in shown
    assert _compare_with_official(browser, {"lines": issue}) == {}
