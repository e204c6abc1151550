

def test_a_numbered_list_from_word_stays_numbered():
    from composer.importers import clean_pasted_html

    html = """<p class=MsoListParagraphCxSpFirst style='mso-list:l1 level1 lfo2'><![if !supportLists]><span
    style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Read the guidance</p>
    <p class=MsoListParagraphCxSpLast style='mso-list:l1 level1 lfo2'><![if !supportLists]><span
    style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]>Book a place</p>
    <p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><![if !supportLists]><span
    style='font-family:Symbol;mso-list:Ignore'>·<span>&nbsp;</span></span><![endif]>A bullet</p>"""
    markdown = clean_pasted_html(html)
    assert "1. Read the guidance" in markdown and "2. Book a place" in markdown
    assert "- A bullet" in markdown
