"""Quotation blocks across paragraphs and signed quotes (issue 15, class 2)."""

from __future__ import annotations

import pytest

from conftest import sources_of
from claimcheck.pipeline.quotes import quote_blocks, signature_name_start


def _blocks(text):
    spans, pos = [], 0
    for n, line in enumerate(text.split("\n")):
        if line.strip():
            spans.append((n, pos, pos + len(line)))
        pos += len(line) + 1
    return [(text[b.start:b.end], b.paragraphs) for b in quote_blocks(spans, text)]


@pytest.mark.parametrize("text, expected", [
    # the French way: each paragraph opens again, the last one closes
    ("« Un.\n\n« Deux.\n\n« Trois. », dit-il.", [("« Un.\n\n« Deux.\n\n« Trois. »", (0, 2, 4))]),
    # the English way: open, then closed in a later paragraph
    ("“Un.\n\nDeux.”\n\nFin.", [("“Un.\n\nDeux.”", (0, 2))]),
    # a quote inside the quote nests: "“Free”" does not close the outer one
    ("“Un “Free” deux.\n\nTrois “x” quatre.”\n\nFin.", [("“Un “Free” deux.\n\nTrois “x” quatre.”", (0, 2))]),
    # straight quotes
    ('"Un. Deux." dit X.\n\nFin.', [('"Un. Deux."', (0,))]),
    # an unclosed quote the next paragraph does not go on with ends with its paragraph
    ("« Un deux\n\nLe reste du texte.", [("« Un deux", (0,))]),
    # two quotes in one paragraph
    ("« A », dit X. « B. C. »", [("« A »", (0,)), ("« B. C. »", (0,))]),
])
def test_blocks(text, expected):
    assert _blocks(text) == expected


@pytest.mark.parametrize("line, at", [
    ("— Jacques Daoust, ministre des transports", 2), ("Edward Snowden, Président de la Fondation.", 0),
    ("« Une citation », dit-il.", None), ("x" * 300, None), ("", None),
])
def test_signature_lines(line, at):
    assert signature_name_start(line) == at


ARTICLE = """Le projet divise la ville

Le conseil municipal a voté lundi le projet de tramway.

« Le tramway coûtera 300 millions d'euros. Les travaux dureront quatre ans.

« Les commerçants seront indemnisés pendant toute la durée du chantier », a déclaré le maire Paul Martin.

“Ce projet ruinera le centre-ville. Nous irons devant le tribunal administratif.”

— Anne Petit, présidente de l'association des commerçants

La décision sera publiée vendredi.
"""


@pytest.mark.model
def test_a_quote_over_paragraphs_and_a_signed_quote(analyze):
    report = analyze(ARTICLE)
    by_text = {c.text: c for c in report.claims}

    def speakers(start):
        claim = next(c for t, c in by_text.items() if t.startswith(start))
        return {s.canonical for s in sources_of(claim)} if claim.attributed else set()

    assert speakers("« Le tramway coûtera") == {"Paul Martin"}
    assert speakers("Les travaux dureront") == {"Paul Martin"}
    assert speakers("« Les commerçants seront") == {"Paul Martin"}
    assert speakers("“Ce projet ruinera") == {"Anne Petit"}
    assert speakers("Nous irons devant") == {"Anne Petit"}
    assert speakers("La décision sera publiée") == set()
