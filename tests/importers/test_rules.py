"""Each recognition rule on its own, on short made-up lines."""

import pytest

from composer.importers import rules


@pytest.mark.parametrize("line, kind", [
    ("Introduction", "introduction"),
    ("Trustee's Introduction from Sam Okafor", "introduction"),
    ("Members' News", "news"),
    ("Regional Policy News", "news"),
    ("Stakeholder News", "stakeholder_news"),
    ("Webinars", "webinars"),
    ("Our Networks", "networks"),
    ("Afterword", "afterword"),
    ("Vacancies", "vacancies"),
    ("Your Views", "your_views"),
    ("Contact the Charity", "your_views"),
    ("Contact us", "your_views"),
])
def test_known_heading_names_a_section_kind(line, kind):
    assert rules.section_kind(line) == kind


@pytest.mark.parametrize("line", [
    "Parents Forum Network",            # one network inside Networks, not the section
    "Podcast – Your Views Wanted",      # mentions a section name inside a longer heading
    "The introduction of new rules is welcome news for everyone.",
])
def test_item_headings_and_sentences_are_not_sections(line):
    assert rules.section_kind(line) is None


@pytest.mark.parametrize("line", [
    "Summer Fair Raises Record Sum",
    "Volunteer Awards 2024",
    "Who Reviews the Reviewers?",
    "Grant Scheme – Closing 4th Feb.",
    "Children in the Digital Age",
])
def test_short_title_case_lines_are_title_like(line):
    assert rules.is_title_like(line)


@pytest.mark.parametrize("line", [
    "You can book your place here",
    "Tell us what you think.",
    "Details are below:",
    "See www.example.org for more",
    "BOOK YOUR PLACE",
    "Is this for you? Read on and find out",
])
def test_sentences_links_and_capitals_are_not_title_like(line):
    assert not rules.is_title_like(line)


@pytest.mark.parametrize("line", ["BOOK YOUR PLACE", "SIGN UP NOW", "READ THE REPORT  "])
def test_a_line_in_capitals_is_a_button(line):
    assert rules.button_label(line) == line.strip()


@pytest.mark.parametrize("line", ["NSPCC", "Book your place", "THE END.", "FAQ"])
def test_acronyms_and_ordinary_lines_are_not_buttons(line):
    assert rules.button_label(line) is None


@pytest.mark.parametrize("line, item", [("• Lincoln", "Lincoln"), ("  ● two words", "two words"), ("- dash item", "dash item")])
def test_bullet_lines_give_their_item(line, item):
    assert rules.bullet_text(line) == item


def test_a_hyphenated_number_is_not_a_bullet():
    assert rules.bullet_text("-5 degrees outside") is None


def test_a_saying_with_its_author_in_brackets_is_a_quote():
    quote = rules.quote_parts("Small steps still move you forward. (Ada Lovelace)")
    assert quote == rules.Quote("Small steps still move you forward.", "Ada Lovelace")


def test_a_paragraph_wholly_in_quotation_marks_is_a_quote_without_author():
    assert rules.quote_parts("“We listened, and then we acted on it.”") == rules.Quote("We listened, and then we acted on it.", "")


@pytest.mark.parametrize("text", [
    "Independent Review of Funding (IRF)",
    "We met in the hall. (see photo)",
    "He said “yes” and then “no”.",
])
def test_brackets_and_inner_quotes_alone_do_not_make_a_quote(text):
    assert rules.quote_parts(text) is None


def test_a_name_with_a_role_is_a_signature():
    assert rules.signature_parts(["Priya Shah", "Chair of Trustees"]) == rules.Signature("Priya Shah", "Chair of Trustees", ())


def test_contact_lines_after_a_signature_are_kept_apart():
    signature = rules.signature_parts(["Dr Tom Reed", "Director", "Phone 01632 960 123"])
    assert (signature.name, signature.role, signature.rest) == ("Dr Tom Reed", "Director", ("Phone 01632 960 123",))


@pytest.mark.parametrize("lines", [["Thank you all for coming."], ["Research"], ["Tom Reed", "gave a long talk on the history of the area."]])
def test_sentences_and_single_words_are_not_signatures(lines):
    assert rules.signature_parts(lines) is None


def test_contact_values_find_phone_email_and_handle():
    found = rules.contact_values("Call 01632 960123, write to help@example.org or follow @ExampleCharity")
    assert (found.phone, found.email, found.social) == ("01632 960123", "help@example.org", "@ExampleCharity")


def test_a_phone_number_glued_to_the_next_word_is_still_found():
    assert rules.contact_values("ring 07700 900 461if you need us").phone == "07700 900 461"


def test_text_without_contact_details_has_none():
    assert not rules.contact_values("We had 200 people and 3 speakers in 2023.")
