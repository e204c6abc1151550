"""Minifying the email must not break what Outlook reads from conditional comments."""

from __future__ import annotations

from composer.export import minify_html

PAGE = """<!doctype html>
<html>
  <head>
    <!--[if !mso]><!--><meta http-equiv="X-UA-Compatible" content="IE=edge"><!--<![endif]-->
    <style type="text/css">
      /* reset */
      p   {  margin : 0 ;  }
    </style>
    <!--[if mso]>
    <noscript><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript>
    <![endif]-->
  </head>
  <body>
    <!-- a note for developers -->
    <table>
      <tr>
        <td>
          <p>Thanks to   <strong>everyone</strong> <a href="https://example.org">who   helped</a>.</p>
          <pre>  keep
  this  </pre>
        </td>
      </tr>
    </table>
  </body>
</html>
"""


def test_minify_keeps_conditional_comments_byte_for_byte_and_drops_plain_ones():
    small = minify_html(PAGE)
    assert "<!--[if !mso]><!-->" in small and "<!--<![endif]-->" in small
    start = PAGE.index("<!--[if mso]>")
    block = PAGE[start:PAGE.index("<![endif]-->", start) + len("<![endif]-->")]
    assert block in small
    assert "a note for developers" not in small
    assert len(small) < len(PAGE)


def test_minify_keeps_spaces_between_words_and_preformatted_text():
    small = minify_html(PAGE)
    assert "<p>Thanks to <strong>everyone</strong> <a href=\"https://example.org\">who helped</a>.</p>" in small
    assert "<pre>  keep\n  this  </pre>" in small
    assert "<table><tr><td><p>" in small
    assert "p{margin : 0;}" in small
