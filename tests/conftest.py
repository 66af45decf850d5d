"""Shared fixtures: one loaded French pipeline per test session."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp():
    from claimcheck.pipeline.model import load_nlp

    return load_nlp()


@lru_cache(maxsize=None)
def _report(name: str, published: str | None):
    from claimcheck.extract import analyze_articles
    from claimcheck.reading import read_inputs

    pub = date.fromisoformat(published) if published else None
    return next(analyze_articles(read_inputs([str(CORPUS / name)], pub)))


@pytest.fixture(scope="session")
def corpus_report(nlp):
    """corpus_report("000_….txt", published=None) -> Report, computed once per session."""

    def get(name: str, published: str | None = None):
        return _report(name, published)

    return get


@pytest.fixture(scope="session")
def analyze(nlp):
    from claimcheck.extract import analyze_text

    def run(text: str, published: str | None = "2025-11-03"):
        return analyze_text(text, date.fromisoformat(published) if published else None, nlp=nlp)

    return run


def claim_with(report, fragment: str):
    hits = [c for c in report.claims if fragment in c.text]
    assert hits, f"no claim contains {fragment!r}"
    return hits[0]


def sources_of(claim):
    return [s for a in claim.attributions for s in a.sources]
