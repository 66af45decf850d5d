"""The reporting-verb lexicon (claimcheck/data/verbs.toml), folded for matching lemmas:
each set answers one question the cue finder asks of a verb."""

from __future__ import annotations

from functools import lru_cache

from .. import datafiles
from ..textnorm import fold


@lru_cache(maxsize=1)
def _folded() -> dict[str, datafiles.Verb]:
    return {fold(v.lemma): v for v in datafiles.verbs().verbs}


@lru_cache(maxsize=1)
def reporting_lemmas() -> frozenset[str]:
    return _with(lambda v: True)


@lru_cache(maxsize=1)
def object_verbs() -> frozenset[str]:
    """A plain direct object is what was said: "a annoncé la découverte"."""
    return _with(lambda v: v.object)


@lru_cache(maxsize=1)
def intention_verbs() -> frozenset[str]:
    return _with(lambda v: v.intention)


@lru_cache(maxsize=1)
def meaning_verbs() -> frozenset[str]:
    return _with(lambda v: v.meaning)


@lru_cache(maxsize=1)
def action_before_a_infinitive() -> frozenset[str]:
    return _with(lambda v: v.a_infinitive_is_action)


@lru_cache(maxsize=1)
def figure_verbs() -> frozenset[str]:
    return _with(lambda v: v.figure)


@lru_cache(maxsize=1)
def reflexive_only() -> frozenset[str]:
    return _with(lambda v: v.reflexive)


@lru_cache(maxsize=1)
def manner_verbs() -> frozenset[str]:
    """Verbs that say how words came: a cue only when what was said follows, or as an incise."""
    return _with(lambda v: v.manner)


@lru_cache(maxsize=1)
def oblique_verbs() -> frozenset[str]:
    """What the verb bears on (an oblique argument) is what was said."""
    return _with(lambda v: v.oblique)


@lru_cache(maxsize=1)
def incise_forms() -> frozenset[str]:
    return frozenset(fold(form) for v in datafiles.verbs().verbs for form in v.incise_forms)


@lru_cache(maxsize=1)
def object_control_verbs() -> frozenset[str]:
    return frozenset(fold(v) for v in datafiles.verbs().object_control)


def _with(test) -> frozenset[str]:
    return frozenset(lemma for lemma, verb in _folded().items() if test(verb))
