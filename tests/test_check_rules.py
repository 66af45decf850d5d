"""The lint rules of `claimcheck check`: each rule's failing and passing cases, the French
conditional, the engine (severities, confidence, suppressions) and the failing policy.

Most tests build small Report objects by hand (no spaCy); the rules' documented
examples are also run through the real pipeline (marked `model`).
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from claimcheck.check import RULES, CheckResult, Settings, Severity, Suppressions, check_report, exit_code, find_rule
from claimcheck.check.conditional import conditionals, is_conditional
from claimcheck.check.engine import rule_hits
from claimcheck.check.findings import position
from claimcheck.check.policy import failures
from claimcheck.check.suppress import Allowed, text_ignores
from claimcheck.errors import ExitCode
from claimcheck.models import (
    ArticleInfo, Attribution, Claim, Cue, Report, Source, SourceDate, Summary, Tool,
)
from claimcheck.textnorm import fingerprint


# --- hand-built reports (shared with test_check_formats and test_check_cli) -----------------

def src(text: str, type_: str, dated: bool = False, role: str = "origin") -> dict:
    return {"text": text, "type": type_, "dated": dated, "role": role}


def claim(fragment: str, *, sources: tuple = (), checkworthy: bool = True, confidence: float = 0.9) -> dict:
    return {"fragment": fragment, "sources": sources, "checkworthy": checkworthy, "confidence": confidence}


def make_report(text: str, claims: list[dict], path: str | None = "articles/a.md", ident: str = "a") -> Report:
    """A schema_version 1 report over `text`; each claim is found by its text, sources inside it."""
    built = []
    for n, spec in enumerate(claims):
        start = text.index(spec["fragment"])
        end = start + len(spec["fragment"])
        attributions = []
        if spec["sources"]:
            sources = []
            for s in spec["sources"]:
                s0 = text.index(s["text"], start)
                dates = [SourceDate(text="2 novembre", span=(s0, s0 + 1), **{"from": date(2025, 11, 2)},
                                    to=date(2025, 11, 2), granularity="day")] if s["dated"] else []
                sources.append(Source(text=s["text"], span=(s0, s0 + len(s["text"])), canonical=s["text"],
                                      type=s["type"], role=s["role"], dates=dates))
            attributions.append(Attribution(cue=Cue(text="selon", span=(start, start + 5), lemma="selon",
                                                    family="preposition"), sources=sources))
        line, column, _ = position(text, start)
        built.append(Claim(id=fingerprint(spec["fragment"]), sentence=n, span=(start, end), text=spec["fragment"],
                           attributed=bool(attributions), checkworthy=spec["checkworthy"],
                           confidence=spec["confidence"], kind="reported" if attributions else "unattributed",
                           attributions=attributions, line=line, column=column))
    summary = Summary(sentences=len(built), claims=len(built), attributed=sum(c.attributed for c in built),
                      unattributed=sum(not c.attributed for c in built),
                      checkworthy_unattributed=sum(c.checkworthy and not c.attributed for c in built), sources={})
    info = ArticleInfo(id=ident, path=path, sha256="0" * 64, chars=len(text), text=text)
    return Report(tool=Tool(version="0.1.0"), article=info, sentences=[], claims=built, summary=summary)


def single(text: str, **kw) -> Claim:
    return make_report(text, [claim(text, **kw)]).claims[0]


# --- one table of cases per rule: (claim, fires?) --------------------------------------------

UNSOURCED = "Le chômage a reculé de 2 % en France en 2024."
CASES: dict[str, list[tuple[str, Claim, bool]]] = {
    "CC001": [
        ("no source, check-worthy", single(UNSOURCED), True),
        ("no source, not check-worthy", single("C'est une bonne nouvelle pour tous.", checkworthy=False), False),
        ("named source", single("Selon l'Insee, le chômage a reculé.", sources=(src("l'Insee", "organization"),)), False),
        ("anonymous source is still a source", single("Selon une source, le chômage a reculé.",
                                                      sources=(src("une source", "anonymous"),)), False),
    ],
    "CC002": [
        ("anonymous only", single("Selon des sources proches du dossier, Jean Dupont a démissionné.",
                                  sources=(src("des sources proches du dossier", "anonymous"),)), True),
        ("anonymous and vague", single("Selon une source et certains experts, il a démissionné.",
                                       sources=(src("une source", "anonymous"), src("certains experts", "vague"))), True),
        ("anonymous and named", single("Selon une source et l'AFP, il a démissionné.",
                                       sources=(src("une source", "anonymous"), src("l'AFP", "media", dated=True))), False),
        ("vague only is CC003's", single("Selon tous les rapports, il a démissionné.",
                                         sources=(src("tous les rapports", "vague"),)), False),
        ("unattributed", single(UNSOURCED), False),
    ],
    "CC003": [
        ("vague only", single("Selon tous les rapports, l'armée a perdu 300 chars.",
                              sources=(src("tous les rapports", "vague"),)), True),
        ("two vague", single("D'après plusieurs experts et certains observateurs, l'armée a reculé.",
                             sources=(src("plusieurs experts", "vague"), src("certains observateurs", "vague"))), True),
        ("vague and person", single("Selon plusieurs experts et Jean Dupont, l'armée a reculé.",
                                    sources=(src("plusieurs experts", "vague"), src("Jean Dupont", "person"))), False),
        ("anonymous", single("Selon une source, l'armée a reculé.", sources=(src("une source", "anonymous"),)), False),
    ],
    "CC004": [
        ("conditional, no source", single("Le suspect aurait quitté Marseille le 3 mars."), True),
        ("conditional, anonymous source", single("Selon une source, le ministre serait en fuite.",
                                                 sources=(src("une source", "anonymous"),)), True),
        ("pourrait avoir", single("L'armée pourrait avoir tiré sur la foule."), True),
        ("conditional, named source", single("Selon le procureur Jean Dupont, le suspect aurait fui.",
                                             sources=(src("Jean Dupont", "person"),)), False),
        ("forecast", single("Le prix du gaz pourrait augmenter de 10 % en 2026."), False),
        ("hypothesis", single("Si le texte était adopté, il coûterait 3 milliards d'euros."), False),
        ("imperfect, not conditional", single("Le ministre déclarait alors que tout allait bien.",
                                              checkworthy=False), False),
    ],
    "CC005": [
        ("undated outlet", single("Selon Le Monde, le contrat a été signé.", sources=(src("Le Monde", "media"),)), True),
        ("undated relay", single("Selon le Pentagone cité par CNN, le contrat a été signé.",
                                 sources=(src("le Pentagone", "organization", dated=True),
                                          src("CNN", "media", role="relay"))), True),
        ("dated outlet", single("Selon Le Monde du 2 novembre, le contrat a été signé.",
                                sources=(src("Le Monde", "media", dated=True),)), False),
        ("undated organization", single("Selon l'Insee, le chômage a reculé.",
                                        sources=(src("l'Insee", "organization"),)), False),
    ],
}


@pytest.mark.parametrize("code,label,claim_,fires",
                         [(code, label, c, fires) for code, cases in CASES.items() for label, c, fires in cases],
                         ids=lambda v: v if isinstance(v, str) else "")
def test_rule_case(code, label, claim_, fires):
    rule = find_rule(code)
    hit = rule.check(claim_)
    assert (hit is not None) == fires, f"{code} {label}: {hit}"
    if hit:
        assert claim_.span[0] <= hit.span[0] < hit.span[1] <= claim_.span[1]
        assert hit.message


def test_hits_point_at_the_culprit():
    text = "Selon des sources proches du dossier, le ministre aurait démissionné."
    report = make_report(text, [claim(text, sources=(src("des sources proches du dossier", "anonymous"),))])
    hits = {rule.code: text[h.span[0]:h.span[1]] for rule, _, h in rule_hits(report, RULES)}
    assert hits == {"CC002": "des sources proches du dossier", "CC004": "aurait"}


def test_undated_outlets_are_named_once():
    c = single("Selon CNN et CNN, puis Reuters, le contrat a été signé.",
               sources=(src("CNN", "media"), src("Reuters", "media")))
    assert find_rule("CC005").check(c).message == "outlets CNN, Reuters cited with no date"


# --- the French conditional ------------------------------------------------------------------

@pytest.mark.parametrize("word,expected", [
    ("aurait", True), ("auraient", True), ("serait", True), ("seraient", True), ("ferait", True),
    ("déclarerait", True), ("compterait", True), ("détiendrait", True), ("viendrait", True),
    ("prendrait", True), ("mettrait", True), ("permettrait", True), ("finirait", True), ("partirait", True),
    ("dirait", True), ("irait", True), ("verrait", True), ("enverrait", True), ("pourrait", True),
    ("devrait", True), ("suivrait", True), ("connaîtrait", True), ("conclurait", True), ("croirait", True),
    ("plairait", True), ("convaincrait", True), ("préférerait", True), ("acquerrait", True),
    ("déclarait", False), ("montrait", False), ("entrait", False), ("tirait", False), ("retirait", False),
    ("désirait", False), ("durait", False), ("figurait", False), ("assurait", False), ("espérait", False),
    ("ouvrait", False), ("découvrait", False), ("livrait", False), ("encadrait", False), ("serrait", False),
    ("démarrait", False), ("éclairait", False), ("ignorait", False), ("préparait", False),
    ("trait", False), ("portrait", False), ("extrait", False), ("attrait", False), ("retrait", False),
    ("était", False), ("avait", False), ("Aurait", True),
])
def test_is_conditional(word, expected):
    assert is_conditional(word) is expected


@pytest.mark.parametrize("text,words", [
    ("Le suspect aurait quitté la ville.", ["aurait"]),
    ("Le ministre serait en fuite depuis le 3 mars.", ["serait"]),
    ("Les rebelles se trouveraient à 30 km de Damas.", ["trouveraient"]),
    ("L'armée pourrait avoir tiré sur la foule.", ["pourrait"]),
    ("Le navire pourrait bien avoir coulé.", ["pourrait"]),
    ("Le prix pourrait augmenter en 2026.", []),
    ("Le texte devrait être adopté mardi.", ["devrait"]),
    ("Il faudrait agir vite.", []),
    ("Il vaudrait mieux attendre.", []),
    ("On dirait que l'hiver arrive.", []),
    ("Si le texte était adopté, il coûterait 3 milliards d'euros.", []),
    ("S'il pleuvait, le match serait reporté.", []),
    ("La situation serait si grave que l'armée interviendrait.", ["serait", "interviendrait"]),
    ("Le portrait du ministre déclarait la guerre aux traits d'esprit.", []),
    ("Selon l’AFP, l’otage aurait été libéré.", ["aurait"]),
])
def test_conditionals_in_sentences(text, words):
    assert [w for _, _, w in conditionals(text)] == words


def test_conditional_offsets():
    text = "Le suspect aurait fui."
    (start, end, word), = conditionals(text)
    assert text[start:end] == word == "aurait"


# --- the meta-test: every rule has its code, docs and cases ---------------------------------

def test_every_rule_is_documented_and_tested():
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert codes == sorted(set(codes)) and len(set(names)) == len(names)
    for rule in RULES:
        assert re.fullmatch(r"CC\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
        assert isinstance(rule.default_severity, Severity)
        assert rule.summary() and rule.summary().endswith(".")
        assert len(rule.why()) > 40, f"{rule.code}: the docstring says why in a 'Why:' paragraph"
        assert rule.failing_example() and rule.passing_example(), f"{rule.code}: Fails:/Passes: examples"
        assert rule.failing_example() != rule.passing_example()
        cases = CASES.get(rule.code, [])
        assert any(f for _, _, f in cases) and any(not f for _, _, f in cases), f"{rule.code}: test cases"
        assert find_rule(rule.code) is rule and find_rule(rule.name.upper()) is rule
    assert set(CASES) == set(codes)


def test_the_issue_codes_and_severities_are_stable():
    table = {r.code: (r.name, r.default_severity.value) for r in RULES}
    assert table == {
        "CC001": ("unattributed-claim", "error"),
        "CC002": ("anonymous-only", "warning"),
        "CC003": ("vague-only", "warning"),
        "CC004": ("conditional-unsourced", "warning"),
        "CC005": ("undated-media-source", "info"),
    }


@pytest.mark.model
@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_documented_examples_hold_on_the_pipeline(rule, analyze):
    failing = analyze(rule.failing_example())
    passing = analyze(rule.passing_example())
    assert rule.code in {r.code for r, _, _ in rule_hits(failing, [rule])}, failing.claims
    assert rule.code not in {r.code for r, _, _ in rule_hits(passing, [rule])}, passing.claims


# --- the engine: severities in force, confidence, suppressions -------------------------------

ARTICLE = ("# Titre\n\n"
           "Le chômage a reculé de 2 % en France en 2024.\n\n"
           "Selon des sources proches du dossier, le ministre a démissionné.\n\n"
           "Selon Le Monde, le contrat a été signé.\n")


def article_report(confidence: float = 0.9) -> Report:
    return make_report(ARTICLE, [
        claim("Le chômage a reculé de 2 % en France en 2024.", confidence=confidence),
        claim("Selon des sources proches du dossier, le ministre a démissionné.",
              sources=(src("des sources proches du dossier", "anonymous"),)),
        claim("Selon Le Monde, le contrat a été signé.", sources=(src("Le Monde", "media"),)),
    ])


def run(report: Report, settings: Settings | None = None, suppressions: Suppressions | None = None) -> CheckResult:
    result = CheckResult()
    check_report(report, report.article.path, settings or Settings(), suppressions or Suppressions(), result)
    result.sort()
    return result


def test_findings_carry_location_and_identity():
    result = run(article_report())
    assert [(f.code, f.severity.value, f.line, f.column) for f in result.findings] == [
        ("CC001", "error", 3, 1), ("CC002", "warning", 5, 7), ("CC005", "info", 7, 7)]
    first = result.findings[0]
    assert first.path == "articles/a.md" and first.article == "a"
    assert first.fingerprint == fingerprint("Le chômage a reculé de 2 % en France en 2024.")
    assert (first.end_line, first.end_column) == (3, 1 + len(first.claim))
    assert first.confidence == 0.9 and first.claim.startswith("Le chômage")


def test_rule_severities_from_settings():
    settings = Settings()
    settings.rules["CC005"] = None
    settings.rules["CC002"] = Severity.error
    result = run(article_report(), settings)
    assert [(f.code, f.severity.value) for f in result.findings] == [("CC001", "error"), ("CC002", "error")]


def test_min_confidence_reports_but_does_not_count():
    settings = Settings(min_confidence=0.8)
    result = run(article_report(confidence=0.6), settings)
    assert "CC001" in {f.code for f in result.findings}
    assert result.below_confidence == 1
    assert exit_code(result, settings) == 0
    assert exit_code(result, Settings(min_confidence=0.5)) == 1
    assert exit_code(result, Settings(min_confidence=0.8, fail_on="warning")) == 1  # CC002 is sure enough


def test_html_comments_are_not_claims():
    text = "<!-- claimcheck: ignore CC001 -->\nLe chômage a reculé de 2 % en 2024.\n"
    report = make_report(text, [claim("<!-- claimcheck: ignore CC001 -->"), claim("Le chômage a reculé de 2 % en 2024.")])
    result = run(report)
    assert result.findings == [] and result.suppressed["inline"] == 1


def test_inline_ignore_covers_one_paragraph_and_named_rules_only():
    text = ("<!-- claimcheck: ignore CC001 -->\n"
            "Le suspect aurait quitté Marseille le 3 mars.\n"
            "La police a interpellé 12 personnes.\n\n"
            "Le chômage a reculé de 2 % en 2024.\n")
    report = make_report(text, [claim("Le suspect aurait quitté Marseille le 3 mars."),
                                claim("La police a interpellé 12 personnes."),
                                claim("Le chômage a reculé de 2 % en 2024.")])
    result = run(report)
    assert [(f.code, f.line) for f in result.findings] == [("CC004", 2), ("CC001", 5)]
    assert result.suppressed["inline"] == 2


@pytest.mark.parametrize("comment,codes", [
    ("<!-- claimcheck: ignore -->", None),
    ("<!--claimcheck:ignore CC001,CC004-->", {"CC001", "CC004"}),
    ("<!-- claimcheck: ignore unattributed-claim conditional-unsourced -->", {"CC001", "CC004"}),
])
def test_ignore_comment_forms(comment, codes):
    (region,) = text_ignores(f"{comment}\nTexte.\n")
    assert (set(region.codes) if region.codes is not None else None) == codes


def test_allow_list_and_baseline_suppress_by_fingerprint_and_rule():
    report = article_report()
    fp = fingerprint("Le chômage a reculé de 2 % en France en 2024.")
    anon = fingerprint("Selon des sources proches du dossier, le ministre a démissionné.")
    sup = Suppressions(allowed=[Allowed(fp, frozenset({"CC001"}), "vérifié auprès de l'Insee")],
                       baseline={(anon, "CC002")})
    result = run(report, suppressions=sup)
    assert [f.code for f in result.findings] == ["CC005"]
    assert result.suppressed == {"allow-list": 1, "baseline": 1}
    # The allow-list entry names CC001 only: another rule on the same claim still fires.
    sup = Suppressions(allowed=[Allowed(anon, frozenset({"CC001"}), "x")])
    assert "CC002" in {f.code for f in run(report, suppressions=sup).findings}


# --- the policy: exit codes per threshold ----------------------------------------------------

def _result_with(*severities: str) -> CheckResult:
    report = article_report()
    result = run(report)
    kept = []
    for sev in severities:
        kept.append(next(f for f in result.findings if f.severity.value == sev))
    result.findings = kept
    return result


@pytest.mark.parametrize("present,fail_on,expected", [
    ((), "error", 0), ((), "info", 0),
    (("error",), "error", 1), (("error",), "warning", 1), (("error",), "info", 1), (("error",), "none", 0),
    (("warning",), "error", 0), (("warning",), "warning", 1), (("warning",), "info", 1), (("warning",), "none", 0),
    (("info",), "error", 0), (("info",), "warning", 0), (("info",), "info", 1), (("info",), "none", 0),
    (("error", "warning", "info"), "none", 0), (("warning", "info"), "warning", 1),
])
def test_exit_code_per_threshold(present, fail_on, expected):
    assert exit_code(_result_with(*present), Settings(fail_on=fail_on)) == expected


def test_exit_code_is_never_the_number_of_findings():
    result = run(article_report())
    assert len(result.findings) == 3
    assert exit_code(result, Settings(fail_on="info")) == ExitCode.FOUND == 1


def test_input_errors_win():
    assert exit_code(CheckResult(), Settings(), input_errors=1) == ExitCode.ERROR


def test_max_unattributed_budgets_cc001_per_article():
    text = "\n".join(f"La police a interpellé {n} personnes à Lyon." for n in (10, 11, 12)) + "\n"
    report = make_report(text, [claim(line) for line in text.splitlines()])
    result = run(report)
    assert [f.code for f in result.findings] == ["CC001"] * 3
    assert exit_code(result, Settings(max_unattributed=3)) == 0
    assert exit_code(result, Settings(max_unattributed=2)) == 1
    assert "3 unattributed claims" in failures(result, Settings(max_unattributed=2))[0]
    # The budget replaces the severity threshold for CC001 only.
    assert exit_code(result, Settings(max_unattributed=5, fail_on="error")) == 0
    # Findings under the confidence floor do not use up the budget.
    assert exit_code(result, Settings(max_unattributed=2, min_confidence=0.95)) == 0
    other = make_report("x " + text, [claim(line) for line in text.splitlines()], path="articles/b.md", ident="b")
    both = run(report)
    check_report(other, "articles/b.md", Settings(), Suppressions(), both)
    assert exit_code(both, Settings(max_unattributed=3)) == 0  # 3 per article, not 6 in all
