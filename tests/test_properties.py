"""Properties of every report, over generated text (issue 8).

Two generators: arbitrary Unicode (any code point Hypothesis draws, control characters
and all, except lone surrogates, which no file or JSONL line yields: reading refuses them),
and French-like text assembled from the corpus's own words with the cues, quotes, sources
and dates the pipeline looks for. For each text: analysis never raises; every span is
inside the text and slices to the text it quotes; every claim's sentence exists; the report
validates against the JSON Schema that `claimcheck schema` prints; the same input gives
the same report.

The schema check uses the jsonschema package when it is installed; it is not a dependency
of claimcheck, so otherwise a small validator below checks the keywords that schema uses
($ref, type, properties, required, additionalProperties, items, prefixItems, min/maxItems,
enum, const, anyOf, format date), and the report also makes the pydantic round trip.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date
from functools import lru_cache
from pathlib import Path
from random import Random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.models import Report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(__import__("os").environ.get("CLAIMCHECK_HYPOTHESIS_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
RUN: dict[str, int] = {}  # examples actually run, per property test


# --- the schema -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def printed_schema() -> dict:
    """What `claimcheck schema` prints (in process: the command is one typer.echo of it)."""
    from typer.testing import CliRunner

    from claimcheck.cli import app

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _resolve(schema: dict, root: dict) -> dict:
    while "$ref" in schema:
        ref = schema["$ref"]
        assert ref.startswith("#/"), ref
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        schema = target
    return schema


_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def schema_errors(value, schema: dict, root: dict, where: str = "$") -> list[str]:
    """The subset of JSON Schema (2020-12) that pydantic writes for the report."""
    schema = _resolve(schema, root)
    if "anyOf" in schema:
        if not any(not schema_errors(value, s, root, where) for s in schema["anyOf"]):
            return [f"{where}: matches no anyOf branch: {value!r:.80}"]
        return []
    errors = []
    kind = schema.get("type")
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif kind is not None:
        ok = isinstance(value, _TYPES[kind])
    else:
        ok = True
    if not ok:
        return [f"{where}: {value!r:.80} is not of type {kind}"]
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if schema.get("format") == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            errors.append(f"{where}: {value!r} is not a date")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: missing {key}")
        for key, item in value.items():
            if key in props:
                errors += schema_errors(item, props[key], root, f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected {key}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += schema_errors(item, schema["additionalProperties"], root, f"{where}.{key}")
    if isinstance(value, list):
        if "minItems" in schema and len(value) < schema["minItems"]:
            errors.append(f"{where}: fewer than {schema['minItems']} items")
        if "maxItems" in schema and len(value) > schema["maxItems"]:
            errors.append(f"{where}: more than {schema['maxItems']} items")
        prefix = schema.get("prefixItems", [])
        for i, item in enumerate(value):
            sub = prefix[i] if i < len(prefix) else schema.get("items")
            if isinstance(sub, dict):
                errors += schema_errors(item, sub, root, f"{where}[{i}]")
    return errors


def test_the_validator_bites():
    """The small validator rejects what the schema forbids (else the property proves nothing)."""
    root = printed_schema()
    good = {"text": "CNN", "span": [0, 3], "canonical": "CNN", "type": "media"}
    source = root["$defs"]["Source"]
    assert schema_errors(good, source, root) == []
    assert schema_errors({**good, "type": "robot"}, source, root)
    assert schema_errors({**good, "span": [0]}, source, root)
    assert schema_errors({**good, "span": [0, "3"]}, source, root)
    assert schema_errors({**good, "extra": 1}, source, root)
    assert schema_errors({k: v for k, v in good.items() if k != "canonical"}, source, root)
    date_schema = root["$defs"]["SourceDate"]
    assert schema_errors({"text": "x", "span": [0, 1], "from": "2025-13-01", "to": "2025-01-01",
                          "granularity": "day"}, date_schema, root)


# --- the properties ---------------------------------------------------------------------------

def check_report(text: str, report: Report) -> None:
    assert report.article.text == text
    assert report.article.chars == len(text)
    n = len(text)

    def inside(span, quoted: str | None = None) -> None:
        start, end = span
        assert 0 <= start <= end <= n, (span, n)
        if quoted is not None:
            assert text[start:end] == quoted, (span, text[start:end], quoted)

    for i, sentence in enumerate(report.sentences):
        assert sentence.index == i
        inside(sentence.span)
    for claim in report.claims:
        inside(claim.span, claim.text)
        assert 0 <= claim.sentence < len(report.sentences), claim.sentence
        for att in claim.attributions:
            inside(att.cue.span, att.cue.text)
            for source in att.sources:
                inside(source.span, source.text)
                for d in source.dates:
                    inside(d.span, d.text)
                    assert d.from_ <= d.to
    assert report.summary.claims == len(report.claims)

    data = json.loads(report.to_json())
    root = printed_schema()
    errors = schema_errors(data, root, root)
    assert errors == [], errors[:5]
    if _jsonschema is not None:
        _jsonschema.validate(data, root)
    assert Report.model_validate_json(report.to_json()) == report  # the pydantic round trip


try:
    import jsonschema as _jsonschema
except ImportError:
    _jsonschema = None


def analyze_twice(analyze_text, nlp, text: str, published: date | None) -> Report:
    first = analyze_text(text, published, nlp=nlp)
    second = analyze_text(text, published, nlp=nlp)
    assert first.to_json() == second.to_json(), "the same input gave another report"
    return first


# --- generators -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def corpus_words() -> list[str]:
    words: set[str] = set()
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        words.update(re.findall(r"[\w’'-]+", path.read_text(encoding="utf-8")))
    return sorted(words)


CUES = ["selon", "Selon", "d'après", "D’après", "cité par", "a déclaré", "a-t-il déclaré", "a affirmé",
        "a indiqué", "estime", "a précisé", ", a-t-elle ajouté", "rapporte", "de source proche du dossier",
        "selon des sources", "ont annoncé", "a confirmé", "a dit", "selon lui", "a-t-il", "assure"]
SOURCES = ["l'AFP", "l’AFP", "Reuters", "CNN", "Le Monde", "le Pentagone", "Emmanuel Macron", "M. Dupont",
           "la ministre", "le porte-parole", "Vladimir Poutine", "le New York Times", "un responsable",
           "l'Élysée", "Donald Trump", "des experts", "le rapport du Sénat"]
DATES = ["31 octobre", "le 3 novembre 2025", "lundi", "mardi dernier", "1er janvier", "31 octobre-2 novembre",
         "en 2024", "hier", "le 14 juillet 1789", "jeudi 16 octobre", "la semaine dernière", "en mars",
         "2025-11-03", "du 1er au 3 mai", "fin octobre"]
MARKS = ["«", "»", "« ", " »", "“", "”", '"', "(", ")", ".", ". ", "!", "?", "…", ",", ":", ";", "—", "-",
         "’", "\n", "\n\n", "# ", "- ", "\u00a0", "\u202f", "1 000", "3,5 %", "12"]


def french_like() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(corpus_words()), st.sampled_from(corpus_words()), st.sampled_from(corpus_words()),
        st.sampled_from(CUES), st.sampled_from(SOURCES), st.sampled_from(DATES), st.sampled_from(MARKS),
        st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=3),  # noise between the words
    )
    glue = st.sampled_from([" ", " ", " ", "", ", ", ". ", "\n"])
    return st.lists(st.tuples(piece, glue), max_size=150).map(lambda parts: "".join(p + g for p, g in parts))


PUBLISHED = st.one_of(st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31)))
ANY_TEXT = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400)


# --- the tests ---------------------------------------------------------------------------------

@pytest.mark.model
@SETTINGS
@given(text=ANY_TEXT, published=PUBLISHED)
def test_arbitrary_unicode_gives_a_sound_report(nlp, text, published):
    from claimcheck.extract import analyze_text

    check_report(text, analyze_twice(analyze_text, nlp, text, published))
    RUN["unicode"] = RUN.get("unicode", 0) + 1


@pytest.mark.model
@SETTINGS
@given(text=french_like(), published=PUBLISHED)
def test_french_like_text_gives_a_sound_report(nlp, text, published):
    from claimcheck.extract import analyze_text

    check_report(text, analyze_twice(analyze_text, nlp, text, published))
    RUN["french"] = RUN.get("french", 0) + 1


@pytest.mark.model
@pytest.mark.parametrize("name", ["unicode", "french"])
def test_the_properties_ran_on_enough_examples(name, record_property):
    """Hypothesis stops early when it cannot draw; this says how many examples each property saw."""
    if name not in RUN:
        pytest.skip("the property test did not run in this session (deselected)")
    record_property(f"hypothesis_examples_{name}", RUN[name])
    print(f"hypothesis examples run ({name}): {RUN[name]}")
    assert RUN[name] >= EXAMPLES // 2, RUN


@pytest.mark.model
def test_same_input_same_bytes_across_processes(tmp_path):
    """Byte-identical output in two processes with different hash seeds (set and dict order)."""
    rng = Random(8)
    vocab = corpus_words()
    lines = []
    for i in range(40):
        parts = []
        for _ in range(rng.randint(5, 40)):
            pool = rng.choice([vocab, vocab, CUES, SOURCES, DATES, MARKS])
            parts.append(rng.choice(pool) + rng.choice([" ", " ", ", ", ". ", "\n"]))
        lines.append(json.dumps({"id": f"gen{i}", "text": "".join(parts) or "vide",
                                 "published": "2025-11-03"}, ensure_ascii=False))
    batch = tmp_path / "generated.jsonl"
    batch.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"out{seed}.jsonl"
        result = subprocess.run([sys.executable, "-m", "claimcheck", "extract", str(batch), "-o", str(out), "-q"],
                                cwd=ROOT, capture_output=True, text=True, timeout=600,
                                env={"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": seed})
        assert result.returncode in (0, 2), result.stderr
        assert "Traceback" not in result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[0].count(b"\n") >= 35
