"""Prose: passages marked with a language are quotations, and attribute lists are markup, not words."""

from __future__ import annotations

from refcheck.mdsource import prose


def pieces(markdown: str) -> list[list[tuple[str, bool]]]:
    return [[(p.text, p.cited) for p in block.pieces if p.text.strip()] for block in prose.blocks(markdown)]


def test_a_span_with_lang_marks_its_text():
    assert pieces('Dijo <span lang="en">not safe</span> y se fue.\n') == [
        [("Dijo ", False), ("not safe", True), (" y se fue.", False)]]


def test_other_inline_html_marks_nothing():
    assert pieces("Un <b>texto</b> fuerte.\n") == [[("Un ", False), ("texto", False), (" fuerte.", False)]]


def test_an_attribute_list_after_emphasis_or_a_link_marks_that_element_and_is_no_text():
    assert pieces("Ver *A title*{ lang=en } y [la guía](guia.md){: lang=en } hoy.\n") == [
        [("Ver ", False), ("A title", True), (" y ", False), ("la guía", True), (" hoy.", False)]]


def test_an_attribute_list_without_a_language_is_dropped_and_marks_nothing():
    assert pieces("Ver [la guía](guia.md){ .button } hoy.\n") == [[("Ver ", False), ("la guía", False), (" hoy.", False)]]


def test_a_heading_marked_with_a_language_is_cited_and_keeps_no_attribute_text():
    assert pieces("## Childhood Cut Short { #childhood-cut-short lang=en }\n") == [[("Childhood Cut Short", True)]]


def test_a_heading_id_alone_is_dropped_from_the_text():
    assert pieces("## El informe { #the-brief }\n") == [[("El informe", False)]]


def test_a_paragraph_marked_on_its_last_line_is_cited_whole():
    assert pieces("It is not safe\nto wait.\n{ lang=en }\n") == [[("It is not safe", True), ("to wait.", True)]]


def test_words_of_attribute_lists_never_reach_the_word_list():
    words = prose.words_of("Texto *Title*{ lang=en } fin.\n\nOtro\n{ lang=en }\n\n## H { #h lang=en }\n")
    assert "lang" not in words and "en" not in words
