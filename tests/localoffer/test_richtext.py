"""Editors' rich text is cleaned with bleach before anyone sees it."""

from portal.localoffer.richtext import clean_html, html_to_text, text_to_html


def test_scripts_styles_and_handlers_are_removed():
    dirty = '<p onclick="x()">Hi<script>alert(1)</script></p><style>p{}</style><a href="javascript:x">y</a>'
    cleaned = clean_html(dirty)
    assert "script" not in cleaned and "onclick" not in cleaned and "javascript" not in cleaned
    assert cleaned.startswith("<p>Hi")


def test_the_allowed_tags_survive():
    markup = '<p><strong>Free</strong> <a href="https://example.org">site</a></p><ul><li>one</li></ul>'
    assert clean_html(markup) == markup


def test_plain_text_becomes_escaped_paragraphs():
    assert text_to_html("Tom & Jerry\n<b>\n\nSecond") == "<p>Tom &amp; Jerry &lt;b&gt;</p><p>Second</p>"


def test_html_reads_back_as_plain_paragraphs():
    assert html_to_text("<p>One &amp; two</p><ul><li>a</li></ul>") == "One & two\n\na"
