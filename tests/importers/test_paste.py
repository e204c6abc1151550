"""Pasting from Word, Google Docs or a web page lands as clean Markdown or blocks."""

from composer.importers import clean_pasted_html, split_pasted_html
from composer.model import HeadingBlock, TextBlock

WORD_HTML = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {font-family:"Calibri"} --></style>
<!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=EN-GB style='tab-interval:36.0pt'><!--StartFragment-->
<h2><span style='font-size:14.0pt;font-family:"Georgia",serif;color:#2F5496'>Volunteer Week<o:p></o:p></span></h2>
<p class=MsoNormal><span style='font-size:11.0pt;color:#C00000;mso-bidi-font-family:Arial'>Thank you to our
<b>forty</b> helpers and <i>three</i> new <span style='mso-spacerun:yes'>&nbsp;</span>trustees. See
<a href="https://example.org/thanks"><span style='color:#0563C1'>the photos</span></a>.<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span
style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>Sort the stall<o:p></o:p></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><!--[if !supportLists]--><span
style='mso-list:Ignore'>·<span>&nbsp;</span></span><!--[endif]-->Count the raffle<o:p></o:p></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p><!-- a reviewer's comment -->
<!--EndFragment--></body></html>"""

GOOGLE_DOCS_HTML = """<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-5e1f2a3b-7fff-1c2d-3e4f">
<h3 dir="ltr" style="line-height:1.38;margin-top:16pt"><span style="font-size:13.999999999999998pt;font-family:Arial;color:#434343;font-weight:400">Quiz Night</span></h3>
<p dir="ltr" style="line-height:1.38"><span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:700;font-style:normal">Tickets</span><span style="font-size:11pt;font-family:Arial;color:#000000;font-weight:400"> are </span><span style="font-size:11pt;font-family:Arial;font-weight:400;font-style:italic">nearly</span><span style="font-weight:400"> gone, </span><a href="https://example.org/quiz" style="text-decoration:none"><span style="color:#1155cc;text-decoration:underline">book here</span></a></p>
<ul style="margin-top:0;margin-bottom:0"><li dir="ltr" style="list-style-type:disc;font-size:11pt" aria-level="1"><p dir="ltr" role="presentation"><span style="font-size:11pt">Teams of six</span></p></li>
<li dir="ltr" aria-level="1"><p dir="ltr" role="presentation"><span>Bring a pen</span></p></li></ul><br></b>"""


def test_word_paste_keeps_bold_italic_links_and_lists_only():
    markdown = clean_pasted_html(WORD_HTML)
    assert markdown == (
        "**Volunteer Week**\n\n"
        "Thank you to our **forty** helpers and *three* new trustees. See [the photos](https://example.org/thanks).\n\n"
        "- Sort the stall\n- Count the raffle"
    )


def test_word_paste_leaves_no_trace_of_word_markup():
    markdown = clean_pasted_html(WORD_HTML)
    for trace in ("mso", "o:p", "Calibri", "C00000", "·", "<", "endif", "comment", "WordDocument"):
        assert trace not in markdown


def test_google_docs_paste_turns_styled_spans_into_bold_and_italic():
    assert clean_pasted_html(GOOGLE_DOCS_HTML) == (
        "**Quiz Night**\n\n**Tickets** are *nearly* gone, [book here](https://example.org/quiz)\n\n"
        "- Teams of six\n- Bring a pen"
    )


def test_pasting_into_the_outline_splits_at_headings():
    blocks = split_pasted_html(GOOGLE_DOCS_HTML + "<h3>Raffle</h3><p>Prizes to be won.</p>")
    assert [type(b) for b in blocks] == [HeadingBlock, TextBlock, HeadingBlock, TextBlock]
    assert (blocks[0].text, blocks[0].level) == ("Quiz Night", 4)
    assert blocks[1].markdown.endswith("- Teams of six\n- Bring a pen")
    assert blocks[3].markdown == "Prizes to be won."


def test_web_page_paste_drops_scripts_styles_images_and_unsafe_links():
    html = (
        '<div style="font-family:Comic Sans"><script>alert(1)</script><style>p{}</style>'
        '<p>Read <a href="javascript:alert(1)">this</a> and <font color="red" size="5">that</font>'
        '<img src="x.png" alt="a cat"> at www.example.org.</p><ol><li>one</li><li>two<ul><li>inner</li></ul></li></ol></div>'
    )
    assert clean_pasted_html(html) == (
        "Read this and that at [www.example.org](https://www.example.org).\n\n1. one\n2. two\n   - inner"
    )


def test_text_that_looks_like_markdown_is_escaped():
    assert clean_pasted_html("<p>2024. A year of *stars* and [notes]</p>") == r"2024\. A year of \*stars\* and \[notes\]"


def test_empty_or_comment_only_paste_gives_nothing():
    assert clean_pasted_html("") == "" and clean_pasted_html("<!-- nothing -->") == ""
    assert split_pasted_html("   ") == []
