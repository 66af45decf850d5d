"""Sentence units (pure: no model)."""

from claimcheck.pipeline.sentences import split_units


def texts(text):
    return [text[u.start:u.end] for u in split_units(text)]


def test_date_range_is_not_cut():
    text = "Selon Reuters et The Hill du 31 octobre-3 novembre: Washington enverra 50 missiles."
    assert texts(text) == [text]


def test_headline_without_punctuation_is_its_own_unit():
    units = split_units("Trump refuse les missiles\nLe président a refusé. Il a tranché.")
    assert [u.heading for u in units] == [True, False, False]


def test_quote_and_incise_stay_together():
    text = "« Nous ne céderons pas », a déclaré Zelensky. Il est parti."
    assert texts(text) == ["« Nous ne céderons pas », a déclaré Zelensky.", "Il est parti."]


def test_question_and_exclamation_end_sentences():
    assert texts("Et les nombres? Selon CNN, 1 000. Plus de mille! Et voilà.") == [
        "Et les nombres?", "Selon CNN, 1 000.", "Plus de mille!", "Et voilà."]


def test_abbreviations_and_initials_do_not_end_sentences():
    assert len(texts("M. Foote a parlé avec J. Smith hier. Puis il est parti.")) == 2


def test_parentheses_are_never_cut():
    text = "Il parle (voir p. 3. Et ailleurs) de la guerre."
    assert texts(text) == [text]


def test_long_quote_is_cut_per_sentence_and_marked_as_continuing():
    text = "« Le Trésor sanctionne Rosneft. Nous encourageons nos alliés », a dit Bessent."
    units = split_units(text)
    assert [u.in_quote for u in units] == [False, True]


def test_ellipsis_followed_by_lowercase_does_not_cut():
    assert len(texts("C’est politiquement… acceptable.")) == 1


def test_offsets_and_columns():
    text = "Titre\n\n    31 octobre 2025: le Pentagone déclare."
    units = split_units(text)
    assert text[units[1].start:units[1].end].startswith("31 octobre")
    assert (units[1].line, units[1].column) == (3, 5)


def test_markdown_heading_and_list_marker():
    units = split_units("# Le titre\n- Selon CNN, il pleut.")
    assert units[0].heading and not units[1].heading
    assert "Selon CNN" in "# Le titre\n- Selon CNN, il pleut."[units[1].start:units[1].end]


def _in_quote(text):
    return [(text[u.start:u.end][:12], u.in_quote) for u in split_units(text)]


def test_a_quote_of_several_sentences_keeps_its_later_sentences_inside():
    text = "« Nous partons. Le pays parle de « trahison » et de honte. » Il est parti."
    assert [q for _, q in _in_quote(text)] == [False, True, False]


def test_a_doubled_opening_mark_opens_one_quote():
    # «« is a typo for «: its one » closes the quote, the next sentence is the author's
    text = "Il a dit «« la guerre est finie ». Le juge a déclaré « non »."
    assert [q for _, q in _in_quote(text)] == [False, False]


def test_a_guillemet_after_an_unclosed_inner_quote_starts_outside_it():
    # French nests “ ” in « »: a « after an unclosed “ shows that the “ was left open
    text = "Le ministre a dit “ça ne va pas. Le juge a déclaré « il a dit \"non\" hier ». Il est parti."
    assert [q for _, q in _in_quote(text)] == [False, False, False]
    # while a “ inside « » is a nested quote, and the « » still runs on
    text = "« Il a dit “non”. Nous partons. » Il est parti."
    assert [q for _, q in _in_quote(text)] == [False, True, False]
