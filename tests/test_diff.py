"""claimcheck.diff: alignment of two reports' claims and the changes it names.

Most tests build small reports by hand (no model); the pairs under
tests/data/diff/ are analysed with the French model and must each produce the
change their edit was made for.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from claimcheck.diff import (
    CHANGE_KINDS,
    DiffError,
    DiffResult,
    check_comparable,
    diff_reports,
    find_figures,
    word_diff,
)
from claimcheck.models import (
    ArticleInfo,
    Attribution,
    Claim,
    Cue,
    Report,
    Sentence,
    Source,
    SourceDate,
    Summary,
    Tool,
)
from claimcheck.textnorm import fingerprint

DATA = Path(__file__).resolve().parent / "data" / "diff"
PUB = date(2025, 11, 3)


# ---------------------------------------------------------------- hand-built reports

def S(text: str, type_: str = "media", canonical: str | None = None, dates=()):
    """A source spec: its words, type, canonical name, and (text, from, to) dates."""
    return (text, type_, canonical or text, dates)


def make_report(paragraphs: list[list[tuple]], ident: str = "a") -> Report:
    """A report from paragraphs of claims; a claim is (sentence, cue, [sources], checkworthy).

    Cue and source words are looked up in the sentence, so spans are real offsets."""
    text = "\n\n".join(" ".join(c[0] for c in para) for para in paragraphs) + "\n"
    claims, sentences, pos = [], [], 0
    for para in paragraphs:
        for sentence, cue, sources, checkworthy in para:
            start = text.index(sentence, pos)
            end = start + len(sentence)
            pos = end
            atts = []
            if sources:
                c0 = start + sentence.index(cue)
                srcs = []
                for s_text, s_type, canonical, dates in sources:
                    s0 = start + sentence.index(s_text)
                    sdates = []
                    for d_text, d_from, d_to in dates:
                        d0 = start + sentence.index(d_text)
                        sdates.append(SourceDate(text=d_text, span=(d0, d0 + len(d_text)),
                                                 **{"from": d_from}, to=d_to, granularity="day"))
                    srcs.append(Source(text=s_text, span=(s0, s0 + len(s_text)), canonical=canonical,
                                       type=s_type, dates=sdates))
                atts.append(Attribution(cue=Cue(text=cue, span=(c0, c0 + len(cue)), lemma=cue.lower(),
                                                family="preposition"), sources=srcs))
            index = len(sentences)
            sentences.append(Sentence(index=index, span=(start, end), line=text.count("\n", 0, start) + 1, column=1))
            claims.append(Claim(id=fingerprint(sentence), sentence=index, span=(start, end), text=sentence,
                                attributed=bool(atts), checkworthy=checkworthy, confidence=0.9,
                                kind="reported" if atts else "unattributed", attributions=atts,
                                line=text.count("\n", 0, start) + 1))
    info = ArticleInfo(id=ident, sha256=hashlib.sha256(text.encode()).hexdigest(), published=PUB,
                       chars=len(text), text=text)
    summary = Summary(sentences=len(sentences), claims=len(claims), attributed=sum(c.attributed for c in claims),
                      unattributed=sum(not c.attributed for c in claims),
                      checkworthy_unattributed=sum(c.checkworthy and not c.attributed for c in claims), sources={})
    return Report(tool=Tool(version="test"), article=info, sentences=sentences, claims=claims, summary=summary)


def U(sentence: str, checkworthy: bool = True):
    return (sentence, "", [], checkworthy)


def A(sentence: str, cue: str, *sources, checkworthy: bool = True):
    return (sentence, cue, list(sources), checkworthy)


FILLER = [
    U("Le Pentagone a rendu son avis sur les stocks de missiles au début du mois."),
    U("Washington examine depuis des semaines la demande ukrainienne de missiles de croisière."),
    U("Les alliés européens suivent la décision américaine avec une inquiétude croissante."),
]
CNN_31 = S("CNN", "media", dates=[("31 octobre", date(2025, 10, 31), date(2025, 10, 31))])


def kinds(result: DiffResult) -> list[str]:
    return [c.kind for c in result.changes]


def diff(old_paras, new_paras, **kw) -> DiffResult:
    return diff_reports(make_report(old_paras), make_report(new_paras), **kw)


# ---------------------------------------------------------------- changes named on aligned claims

def test_identical_reports_have_no_change():
    paras = [FILLER, [A("Selon CNN, le Pentagone a approuvé le transfert de missiles.", "Selon", S("CNN"))]]
    result = diff(paras, paras)
    assert result.changes == []
    assert result.summary.aligned == result.summary.unchanged == 4
    assert result.summary.before == result.summary.after


def test_typography_only_is_no_change():
    old = [[A("Selon l’AFP, le Pentagone a « approuvé » le transfert de 1\u00a0000 missiles.", "Selon", S("l’AFP", canonical="AFP"))]] + [FILLER]
    new = [[A('Selon l\'AFP,  le Pentagone a "approuvé" le transfert de 1\u202f000 missiles.', "Selon", S("l'AFP", canonical="AFP"))]] + [FILLER]
    assert diff(old, new).changes == []


def test_dropped_source_leaving_nothing_is_high():
    old = [FILLER, [A("Selon CNN, Trump a refusé de livrer les missiles Tomahawk à Kiev.", "Selon", S("CNN"))]]
    new = [FILLER, [U("Trump a refusé de livrer les missiles Tomahawk à Kiev.")]]
    result = diff(old, new)
    assert kinds(result) == ["attribution-dropped"]
    change = result.changes[0]
    assert change.significance == "high" and "unattributed" in change.detail
    assert [s.canonical for s in change.sources_before] == ["CNN"] and change.sources_after == []
    assert change.before.startswith("Selon CNN") and change.after.startswith("Trump")
    assert result.summary.before.attributed == 1 and result.summary.after.attributed == 0


def test_dropped_source_with_a_named_one_left_is_medium():
    old = [FILLER, [A("Selon CNN et Reuters, Trump a refusé de livrer les missiles à Kiev.", "Selon", S("CNN"), S("Reuters"))]]
    new = [FILLER, [A("Selon Reuters, Trump a refusé de livrer les missiles à Kiev.", "Selon", S("Reuters"))]]
    result = diff(old, new)
    assert kinds(result) == ["attribution-dropped"]
    assert result.changes[0].significance == "medium" and "CNN" in result.changes[0].detail


def test_named_source_replaced_by_anonymous_one_and_back():
    old = [FILLER, [A("Selon CNN, Trump a refusé de livrer les missiles Tomahawk à Kiev.", "Selon", S("CNN"))]]
    new = [FILLER, [A("Selon une source proche du dossier, Trump a refusé de livrer les missiles Tomahawk à Kiev.",
                      "Selon", S("une source proche du dossier", "anonymous"))]]
    forward = diff(old, new)
    assert kinds(forward) == ["source-anonymized"] and forward.changes[0].significance == "high"
    assert "CNN → une source proche du dossier" in forward.changes[0].detail
    backward = diff(new, old)
    assert kinds(backward) == ["source-named"] and backward.changes[0].significance == "low"


def test_one_outlet_for_another_is_source_changed():
    old = [FILLER, [A("Selon CNN, Trump a refusé de livrer les missiles Tomahawk à Kiev.", "Selon", S("CNN"))]]
    new = [FILLER, [A("Selon Reuters, Trump a refusé de livrer les missiles Tomahawk à Kiev.", "Selon", S("Reuters"))]]
    assert kinds(diff(old, new)) == ["source-changed"]


def test_source_added_to_an_unattributed_claim():
    old = [FILLER, [U("Trump a refusé de livrer les missiles Tomahawk à Kiev.")]]
    new = [FILLER, [A("Selon CNN, Trump a refusé de livrer les missiles Tomahawk à Kiev.", "Selon", S("CNN"))]]
    result = diff(old, new)
    assert kinds(result) == ["attribution-added"] and "was unattributed" in result.changes[0].detail


def test_source_date_moved_is_not_a_figure_change():
    nov2 = S("CNN", dates=[("2 novembre", date(2025, 11, 2), date(2025, 11, 2))])
    old = [FILLER, [A("Selon CNN du 31 octobre, le Pentagone a approuvé le transfert.", "Selon", CNN_31)]]
    new = [FILLER, [A("Selon CNN du 2 novembre, le Pentagone a approuvé le transfert.", "Selon", nov2)]]
    result = diff(old, new)
    assert kinds(result) == ["source-date-changed"]
    assert result.changes[0].detail == "CNN: 31 octobre → 2 novembre"
    assert result.changes[0].sources_after[0].dates == ["2025-11-02"]


def test_figure_changed_in_the_claim():
    old = [FILLER, [A("Selon CNN, les États-Unis possèdent plus de 1 000 Tomahawks.", "Selon", S("CNN"))]]
    new = [FILLER, [A("Selon CNN, les États-Unis possèdent plus de 1 200 Tomahawks.", "Selon", S("CNN"))]]
    result = diff(old, new)
    assert kinds(result) == ["figure-changed"]
    assert result.changes[0].detail == "1 000 → 1 200" and result.changes[0].significance == "high"


def test_event_date_moved_is_a_figure_change():
    old = [FILLER, [U("La rencontre entre Trump et Zelensky a eu lieu le 17 octobre à Washington.")]]
    new = [FILLER, [U("La rencontre entre Trump et Zelensky a eu lieu le 16 octobre à Washington.")]]
    result = diff(old, new)
    assert kinds(result) == ["figure-changed"] and result.changes[0].detail == "17 octobre → 16 octobre"


@pytest.mark.parametrize("text, values", [
    ("plus de 1 000 Tomahawks", ["1000"]),
    ("plus de 1\u202f000 Tomahawks", ["1000"]),
    ("plus de 1.000 Tomahawks", ["1000"]),
    ("une baisse de 15,2 % des ventes", ["15.2%"]),
    ("une baisse de 15,2 pour cent", ["15.2%"]),
    ("50 à 100 missiles", ["50", "100"]),
    ("un budget de 3 milliards d'euros", ["3milliard"]),
    ("un prêt de 200 €", ["200€"]),
    ("Cinquante à cent missiles", ["words:cinquante", "words:cent"]),
    ("vingt et un morts", ["words:vingt et un"]),
    ("le vol AF447, un Airbus A330", []),
    ("le 31 octobre 2025", ["date:2025-10-31/2025-10-31"]),
    ("vendredi 31 octobre", ["date:2025-10-31/2025-10-31"]),
])
def test_figures_compare_by_value(text, values):
    assert [f.value for f in find_figures(text, PUB)] == values


def test_wording_edit_and_negation():
    old = [FILLER, [U("Le Pentagone a approuvé le transfert des missiles vers l'Ukraine.")]]
    small = [FILLER, [U("Le Pentagone a validé le transfert des missiles vers l'Ukraine.")]]
    negated = [FILLER, [U("Le Pentagone n'a pas approuvé le transfert des missiles vers l'Ukraine.")]]
    result = diff(old, small)
    assert kinds(result) == ["claim-edited"] and result.changes[0].significance == "low"
    result = diff(old, negated)
    assert kinds(result) == ["claim-edited"] and result.changes[0].significance == "medium"
    assert "negation" in result.changes[0].detail


def test_source_phrasing_is_not_an_edit():
    """Words of the attribution ("les révélations de … publiées vendredi") belong to the sourcing change."""
    old = [FILLER, [A("Trump a refusé les missiles, selon les révélations de CNN et Axios publiées vendredi.",
                      "selon", S("CNN"), S("Axios"))]]
    new = [FILLER, [U("Trump a refusé les missiles.")]]
    assert kinds(diff(old, new)) == ["attribution-dropped"]


# ---------------------------------------------------------------- alignment

def test_added_and_removed_claims_and_their_significance():
    sourced = A("Selon Reuters, Moscou a déployé de nouvelles batteries antiaériennes.", "Selon", S("Reuters"))
    bare = U("Le groupe a perdu 819 millions d'euros au premier semestre.")
    opinion = U("Tout cela laisse un goût amer.", checkworthy=False)
    result = diff([FILLER], [FILLER, [sourced, bare, opinion]])
    assert kinds(result) == ["claim-added"] * 3
    assert [c.significance for c in result.changes] == ["medium", "high", "low"]
    assert "citing Reuters" in result.changes[0].detail
    removed = diff([FILLER, [sourced, bare, opinion]], [FILLER])
    assert kinds(removed) == ["claim-removed"] * 3
    assert [c.significance for c in removed.changes] == ["medium", "medium", "low"]


def test_paragraph_moved_is_one_move_not_removed_and_added():
    p1 = [U("Le Pentagone a rendu son avis sur les stocks de missiles au début du mois."),
          U("Les experts estiment que cinquante à cent missiles suffiraient à l'Ukraine.")]
    p2 = [U("Washington examine depuis des semaines la demande ukrainienne de missiles.")]
    p3 = [U("Les alliés européens suivent la décision américaine avec inquiétude."),
          U("La Pologne réclame une réponse rapide de la Maison-Blanche.")]
    p4 = [U("Moscou a promis une riposte si les missiles étaient livrés.")]
    result = diff([p1, p2, p3, p4], [p1, p3, p4, p2])
    assert kinds(result) == ["claim-moved"]
    move = result.changes[0]
    assert len(move.old) == 1 and move.old[0].paragraph == 2 and move.new[0].paragraph == 4
    assert result.summary.aligned == 6


def test_sentence_split_and_merge():
    whole = U("Le président a refusé de livrer les missiles, et il a promis d'autres aides militaires à Kiev.")
    parts = [U("Le président a refusé de livrer les missiles."), U("Il a promis d'autres aides militaires à Kiev.")]
    result = diff([FILLER, [whole]], [FILLER, parts])
    assert kinds(result) == ["claim-split"]
    assert len(result.changes[0].old) == 1 and len(result.changes[0].new) == 2
    merged = diff([FILLER, parts], [FILLER, [whole]])
    assert kinds(merged) == ["claim-merged"]


def test_split_part_cut_off_from_its_source():
    whole = A("Selon CNN, le président a refusé de livrer les missiles, et il a promis d'autres aides à Kiev.",
              "Selon", S("CNN"))
    parts = [A("Selon CNN, le président a refusé de livrer les missiles.", "Selon", S("CNN")),
             U("Il a promis d'autres aides à Kiev.")]
    result = diff([FILLER, [whole]], [FILLER, parts])
    assert kinds(result) == ["claim-split", "attribution-dropped"]
    dropped = result.changes[1]
    assert dropped.significance == "high" and [c.text for c in dropped.new] == ["Il a promis d'autres aides à Kiev."]


def test_unrelated_short_claims_are_not_aligned():
    old = [FILLER, [U("C'est stratégiquement faisable.", checkworthy=False)]]
    new = [FILLER, [U("C'est politiquement acceptable.", checkworthy=False)]]
    assert sorted(kinds(diff(old, new))) == ["claim-added", "claim-removed"]


def test_threshold_decides_between_edit_and_replacement():
    old = [FILLER, [U("Le Pentagone a approuvé le transfert de missiles de croisière vers l'Ukraine.")]]
    new = [FILLER, [U("Le Pentagone a finalement bloqué le transfert de missiles de croisière vers Kiev.")]]
    result = diff(old, new)
    assert kinds(result) == ["claim-edited"] and result.changes[0].significance == "medium"
    assert sorted(kinds(diff(old, new, threshold=0.95))) == ["claim-added", "claim-removed"]


def test_reread_source_in_unchanged_words_is_not_a_change():
    """The same sentence, read with one source less (a parse that changed elsewhere): no edit in the article."""
    old = [FILLER, [A("Trump a refusé, évoquant le risque d'escalade avec Moscou.", "évoquant", S("Moscou", "organization"))]]
    new = [FILLER, [U("Trump a refusé, évoquant le risque d'escalade avec Moscou.")]]
    result = diff(old, new)
    assert result.changes == [] and result.summary.reread_sources == 1


# ---------------------------------------------------------------- the result

def test_collapsed_side_is_refused():
    with pytest.raises(DiffError, match="truncated or empty"):
        check_comparable("x" * 1000, "x" * 200, "old.txt", "new.txt")
    with pytest.raises(DiffError, match="new.txt has 0 characters"):
        check_comparable("x" * 1000, "  \n", "old.txt", "new.txt")
    check_comparable("x" * 1000, "x" * 400)  # an article cut by 60 % is still compared


def test_min_significance_hides_and_counts():
    old = [FILLER, [A("Selon CNN, Trump a refusé de livrer les missiles Tomahawk à Kiev.", "Selon", S("CNN"))]]
    new = [[A("Selon CNN, Trump a refusé de livrer les missiles Tomahawk à Kiev.", "Selon", S("CNN"))], FILLER,
           [U("Tout cela laisse un goût amer.", checkworthy=False)]]
    full = diff(old, new)
    assert "claim-moved" in kinds(full) and "claim-added" in kinds(full)
    high = full.at_least("medium")
    assert high.changes == [] and high.summary.hidden == len(full.changes) and high.summary.changes == 0


def test_json_is_versioned_deterministic_and_round_trips():
    old = [FILLER, [A("Selon CNN du 31 octobre, le Pentagone a approuvé 1 000 missiles.", "Selon", CNN_31)]]
    new = [FILLER, [U("Le Pentagone a approuvé 1 200 missiles.")]]
    one, two = diff(old, new), diff(old, new)
    assert one.to_json() == two.to_json()
    data = json.loads(one.to_json())
    assert data["diff_version"] == 1 and data["summary"]["by_kind"] == {"attribution-dropped": 1, "figure-changed": 1}
    assert DiffResult.model_validate(data) == one
    assert set(data["summary"]["by_kind"]) <= set(CHANGE_KINDS)


def test_word_diff_ignores_typography():
    old, new = word_diff("l’AFP a dit « non »", "l'AFP a dit «\u202fnon\u202f» hier")
    assert [t.strip() for changed, t in new if changed] == ["hier"]
    assert not any(changed for changed, _ in old)


def test_renderers_escape_and_mark():
    from claimcheck.render.diff_html import render_diff_html
    from claimcheck.render.diff_markdown import render_diff_markdown
    from claimcheck.render.diff_text import render_diff_text

    old_r = make_report([FILLER, [A("Selon CNN, <script>alert(1)</script> Trump a dit non.", "Selon", S("CNN"))]])
    new_r = make_report([FILLER, [U("<script>alert(1)</script> Trump a dit non.")]])
    result = diff_reports(old_r, new_r)
    page = render_diff_html(result, old_r.article.text, new_r.article.text)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.count('<mark id="o-3"') == 1 and page.count('<mark id="n-3"') == 1 and 'class="sig-high"' in page
    plain = render_diff_text(result)
    assert "\x1b[" not in plain and "[-Selon CNN, -]" in plain and "HIGH  attribution-dropped" in plain
    assert "\x1b[" in render_diff_text(result, color=True)
    md = render_diff_markdown(result)
    assert "```diff\n- Selon CNN" in md and "| attributed | 1 | 0 |" in md


# ---------------------------------------------------------------- the pairs made from the corpus

# Each pair is a few paragraphs cut from a corpus article, edited by hand
# (tests/data/diff/README.md). The kinds listed must all be found; nothing
# outside `allowed` may be.
PAIRS = {
    # 000: "— selon CNN —" cut out of "Et les officels européens … pensent"
    "selon_cnn_dropped": ({"attribution-dropped"}, set()),
    # 000: "Selon CNN du 31 octobre rapportant les sources de trois officiels…" -> "Selon une source proche du dossier"
    "source_anonymized": ({"source-anonymized"}, set()),
    # 000: "Reuters du 2 novembre" -> "Reuters du 3 novembre"
    "source_date_moved": ({"source-date-changed"}, set()),
    # 000: "plus de 1 000 Tomahawks" -> "plus de 1 200 Tomahawks"
    "figure_changed": ({"figure-changed"}, set()),
    # 07 Rio-Paris: "228 morts le 1er juin 2009" -> "le 2 juin 2009"
    "event_date_moved": ({"figure-changed"}, set()),
    # 07 Rio-Paris: the paragraph on the Flight Director moved after the quote
    "paragraph_moved": ({"claim-moved"}, set()),
    # 002: apostrophes, « » spacing and double spaces retyped
    "typography_only": (set(), set()),
    # 08 PSA: "…2012), ajoutée à une chute…" -> "…2012). À cela s'ajoute une chute…"
    "sentence_split": ({"claim-split"}, {"claim-edited"}),
    # 08 PSA: one unsourced sentence with a figure added
    "claim_added": ({"claim-added"}, set()),
}


@pytest.fixture(scope="module")
def pair_diff(nlp):
    from claimcheck.extract import analyze_articles
    from claimcheck.reading import read_inputs

    def run(name: str, reverse: bool = False) -> DiffResult:
        files = [str(DATA / f"{name}.old.txt"), str(DATA / f"{name}.new.txt")]
        old, new = analyze_articles(read_inputs(files[::-1] if reverse else files, PUB), nlp=nlp)
        return diff_reports(old, new)

    return run


@pytest.mark.model
@pytest.mark.parametrize("name", sorted(PAIRS))
def test_corpus_pair_produces_its_change(pair_diff, name):
    expected, allowed = PAIRS[name]
    result = pair_diff(name)
    found = set(kinds(result))
    assert expected <= found, f"{name}: expected {expected}, got {kinds(result)}"
    assert found <= expected | allowed, f"{name}: unexpected {found - expected - allowed}"


@pytest.mark.model
def test_corpus_pairs_reversed(pair_diff):
    assert set(kinds(pair_diff("source_anonymized", reverse=True))) == {"source-named"}
    assert set(kinds(pair_diff("selon_cnn_dropped", reverse=True))) == {"attribution-added"}
    assert set(kinds(pair_diff("sentence_split", reverse=True))) >= {"claim-merged"}
    assert set(kinds(pair_diff("claim_added", reverse=True))) == {"claim-removed"}


@pytest.mark.model
def test_corpus_pair_details(pair_diff):
    figure = pair_diff("figure_changed").changes[0]
    assert figure.detail == "1 000 → 1 200" and "Pentagone" in figure.before
    dated = pair_diff("source_date_moved").changes[0]
    assert dated.detail == "Reuters: 2 novembre → 3 novembre"
    dropped = pair_diff("selon_cnn_dropped").changes[0]
    assert [s.canonical for s in dropped.sources_before] == ["CNN"] and dropped.significance == "high"
    moved = pair_diff("paragraph_moved").changes[0]
    assert len(moved.old) == 2 and moved.old[0].text.startswith("L'explication avancée")
