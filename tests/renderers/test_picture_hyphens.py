"""A word too long for its box breaks where its language's dictionary
(pyphen) allows: the map's locale for words of its script, the script's
usual language otherwise; without a known language, where it must."""

import pyphen
from hypothesis import given, settings
from hypothesis import strategies as st

import journeymap
from journeymap.layout.fonts import text_width
from journeymap.layout.geometry import fits
from journeymap.layout.hyphenate import break_points, hyphenating, language_for
from journeymap.layout.page import layout
from journeymap.layout.wrap import HYPHEN, wrap
from journeymap.presentation import Presentation

WORD = "Berührungspunktverwaltung"


def width(text):
    return text_width(text, 12)


def syllable_ends(word, language):
    """Where the dictionary itself allows a break."""
    return set(pyphen.Pyphen(lang=language).positions(word))


def ends_of(lines):
    """The offsets in the joined word where each hyphenated line ends."""
    offsets, at = [], 0
    for line in lines[:-1]:
        assert line.endswith(HYPHEN), lines
        at += len(line) - 1
        offsets.append(at)
    return offsets


def test_a_german_word_breaks_at_its_syllables_in_a_german_map():
    with hyphenating("de"):
        lines = wrap(WORD, 110, width, typeset=True)
    assert "".join(lines).replace(HYPHEN, "") == WORD and len(lines) > 1
    assert set(ends_of(lines)) <= syllable_ends(WORD, "de")
    assert lines[0] == "Berührungs" + HYPHEN
    with hyphenating(None):   # the same word without a dictionary's help breaks elsewhere
        plain = wrap(WORD, 110, width, typeset=True)
    assert not set(ends_of(plain)) <= syllable_ends(WORD, "de")


def test_the_language_follows_the_script_of_the_word():
    assert language_for("Straße", "de") == "de"
    assert language_for("checkout", "zh") == "en"          # a Latin word in a Chinese map
    assert language_for("Достопримечательность", "en") == "ru"
    assert language_for("Достопримечательность", "uk") == "uk"
    assert language_for("智能手表", "zh") is None and language_for("אבגדהוזח", "he") is None
    with hyphenating("en"):
        assert break_points("Internationalization") == sorted(syllable_ends("Internationalization", "en"))
        assert break_points("智能手表的表带尺寸") == []


def test_only_a_word_that_must_break_is_hyphenated():
    with hyphenating("it"):
        lines = wrap("Una prenotazione semplice e veloce", 110, width, typeset=True)
    assert HYPHEN not in "".join(lines)


def test_the_map_locale_reaches_the_picture():
    text = f"title: T\nlocale: de\nstages:\n  - name: S\n    touchpoints: [{{name: {WORD * 2}}}]\n"
    drawing = layout(Presentation(journeymap.loads(text)))
    block = next(b for b in drawing.text_blocks() if b.role == "touchpoint")
    joined = "".join(block.lines)
    assert joined.replace(HYPHEN, "") == WORD * 2 and HYPHEN in joined
    assert set(ends_of(block.lines)) <= syllable_ends(WORD * 2, "de")
    assert all(fits(b) for b in drawing.text_blocks())


@settings(max_examples=80, deadline=None)
@given(st.text(st.sampled_from(list("aeiounrstlkBäöüßжшыщ")), min_size=1, max_size=40),
       st.integers(20, 200), st.sampled_from(["de", "en", "ru", "it", "hu", None]))
def test_dictionary_breaks_keep_the_word_and_fit(word, size, locale):
    with hyphenating(locale):
        lines = wrap(word, size, width, typeset=True)
    assert "".join(lines).replace(HYPHEN, "") == word
    assert all(width(line) <= size or len(line) <= 2 for line in lines), lines
