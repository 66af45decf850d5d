"""The French TimeBank scorer (`make eval-dates`): its rules on tiny TimeML snippets, and
a guard on the benchmark figure recorded in corpus/gold/floors.json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from claimcheck.dates import DateMention
from claimcheck.errors import ExitCode, InputError
from claimcheck.evaluate_dates import main, parse_timeml, score_corpus, score_document, value_right

ROOT = Path(__file__).resolve().parent.parent
FTIB = ROOT / "corpus" / "ftib-dev"
FLOORS = ROOT / "corpus" / "gold" / "floors.json"


def tml(body: str, dct: str = "1999-07-09") -> str:
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n<TimeML><DOCID>d1</DOCID>"
        f'<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="{dct}" /></DCT>'
        f"<TEXT>{body}</TEXT></TimeML>"
    )


def mention(text: str, doc_text: str, from_: str | None, to: str | None = None, gran: str = "day",
            occurrence: int = 0) -> DateMention:
    start = -1
    for _ in range(occurrence + 1):
        start = doc_text.index(text, start + 1)
    return DateMention(text, start, start + len(text), date.fromisoformat(from_) if from_ else None,
                       date.fromisoformat(to or from_) if from_ else None, gran)


SNIPPET = tml(
    'Une <EVENT eid="e1">réunion</EVENT> est prévue '
    '<TIMEX3 tid="t1" type="DATE" value="1999-07-16">le 16 juillet</TIMEX3> à '
    '<TIMEX3 tid="t2" type="TIME" value="1999-07-16T14:00">14 h</TIMEX3>, '
    '<TIMEX3 tid="t3" type="DATE" value="1999-W27">cette semaine</TIMEX3> et '
    '<TIMEX3 tid="t4" type="DURATION" value="P2D">deux jours</TIMEX3> durant, '
    '<TIMEX3 tid="t5" type="DATE" value="XXXX-06">en juin</TIMEX3> comme en '
    '<TIMEX3 tid="t6" type="DATE" value="1998">1998</TIMEX3>.'
)


def test_offsets_point_into_the_plain_text():
    doc = parse_timeml(SNIPPET, "d1")
    assert doc.dct == date(1999, 7, 9)
    assert doc.text.startswith("Une réunion est prévue le 16 juillet")
    assert "<" not in doc.text
    assert [t.text for t in doc.timexes] == ["le 16 juillet", "14 h", "cette semaine", "deux jours", "en juin", "1998"]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert all(t.tid != "t0" for t in doc.timexes)  # the creation time is not in the text


def test_gold_is_calendar_dates_only():
    doc = parse_timeml(SNIPPET)
    assert [t.value for t in doc.timexes if t.calendar] == ["1999-07-16", "1998"]


def test_overlap_is_enough_and_wrong_year_is_a_value_error():
    doc = parse_timeml(SNIPPET)
    # "16 juillet" covers only part of "le 16 juillet": a match; its year is wrong.
    preds = [mention("16 juillet", doc.text, "1998-07-16"), mention("1998", doc.text, "1998-01-01", "1998-12-31", "year")]
    c = score_document(doc, preds).counts
    assert (c.gold, c.gold_span, c.gold_value) == (2, 2, 1)
    assert (c.judged, c.judged_span, c.judged_value) == (2, 2, 1)
    errors = score_document(doc, preds).errors
    assert [(e.kind, e.text) for e in errors] == [("wrong value", "16 juillet")]


def test_touching_spans_do_not_overlap():
    doc = parse_timeml(tml('Il <TIMEX3 tid="t1" type="DATE" value="1999-07-08">hier</TIMEX3> soir.'))
    pred = DateMention("soir", doc.text.index("soir"), doc.text.index("soir") + 4, date(1999, 7, 8), date(1999, 7, 8), "day")
    c = score_document(doc, [pred]).counts
    assert (c.gold_span, c.judged, c.judged_span) == (0, 1, 0)
    assert [e.kind for e in score_document(doc, [pred]).errors] == ["missed", "spurious"]


@pytest.mark.parametrize("gold, from_, to, gran, right", [
    ("1999-06", "1999-06-02", "1999-06-02", "day", True),      # finer than the gold: cut to its month
    ("1999-06-02", "1999-06-01", "1999-06-30", "month", False),  # coarser than the gold
    ("1999", "1999-01-01", "1999-12-31", "year", True),
    ("1999", "1998-01-01", "1999-12-31", "year", True),         # the gold equals the interval's end
    ("1999-06", "1999-05-31", "1999-06-06", "week", True),      # a week is finer than a month
    ("1999-06-02", "1999-05-31", "1999-06-06", "week", False),  # ... and coarser than a day
    ("1999-06-03", "1999-06-02", "1999-06-04", "day", False),   # inside the range, but neither end
    ("1999-06-02", None, None, "day", False),                   # unresolved
])
def test_value_is_cut_to_the_gold_precision(gold, from_, to, gran, right):
    doc = parse_timeml(tml(f'Le <TIMEX3 tid="t1" type="DATE" value="{gold}">x</TIMEX3>.'))
    pred = DateMention("x", 3, 4, date.fromisoformat(from_) if from_ else None,
                       date.fromisoformat(to) if to else None, gran)
    assert value_right(pred, doc.timexes[0]) is right


def test_predictions_on_times_durations_and_non_calendar_dates_are_not_judged():
    doc = parse_timeml(SNIPPET)
    preds = [
        mention("14 h", doc.text, "1999-07-16"),
        mention("cette semaine", doc.text, "1999-07-05", "1999-07-11", "week"),
        mention("deux jours", doc.text, "1999-07-09"),
        mention("juin", doc.text, "1999-06-01", "1999-06-30", "month"),
        mention("durant", doc.text, "1999-07-09"),  # on no gold expression: judged, spurious
    ]
    scored = score_document(doc, preds)
    assert (scored.counts.judged, scored.counts.not_judged) == (1, 4)
    assert [(e.kind, e.text) for e in scored.errors] == [
        ("missed", "le 16 juillet"), ("missed", "1998"), ("spurious", "durant")]


def test_one_range_answers_two_gold_days():
    doc = parse_timeml(tml(
        'du <TIMEX3 tid="t1" type="DATE" value="2002-04-03">mercredi 3 avril</TIMEX3> au '
        '<TIMEX3 tid="t2" type="DATE" value="2002-04-06">samedi 6 avril</TIMEX3>', dct="2002-04-03"))
    pred = DateMention(doc.text, 0, len(doc.text), date(2002, 4, 3), date(2002, 4, 6), "day")
    c = score_document(doc, [pred]).counts
    assert (c.gold, c.gold_value, c.judged, c.judged_value) == (2, 2, 1, 1)
    assert c.value == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_the_grammar_runs_with_the_creation_date(tmp_path):
    (tmp_path / "a.tml").write_text(tml(
        'Il est arrivé <TIMEX3 tid="t1" type="DATE" value="1999-07-08">hier</TIMEX3> et repartira '
        '<TIMEX3 tid="t2" type="DATE" value="1999-07-16">le 16 juillet</TIMEX3>.'), encoding="utf-8")
    score = score_corpus(tmp_path)
    assert score.total.value == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_bad_documents_are_refused_in_one_line(tmp_path):
    with pytest.raises(InputError, match="not well-formed"):
        parse_timeml("<TimeML><TEXT>", "x")
    with pytest.raises(InputError, match="creation time"):
        parse_timeml("<TimeML><TEXT>rien</TEXT></TimeML>", "x")
    with pytest.raises(InputError, match="no .tml"):
        score_corpus(tmp_path)


def test_cli_table_json_and_errors(tmp_path, capsys):
    (tmp_path / "a.tml").write_text(tml(
        '<TIMEX3 tid="t1" type="DATE" value="1999-07-08">Hier</TIMEX3>, puis '
        '<TIMEX3 tid="t2" type="DATE" value="1999-07-01">un jour</TIMEX3>.'), encoding="utf-8")
    assert main([str(tmp_path), "--errors"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "value" in out and "span" in out and "missed" in out and "un jour" in out
    assert main([str(tmp_path), "--format", "json"]) == ExitCode.OK
    data = json.loads(capsys.readouterr().out)
    assert data["gold"] == 2 and data["judged"] == 1
    assert data["value"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert "errors" not in data


def test_cli_bad_input_exits_2_with_one_line(tmp_path, capsys):
    assert main([str(tmp_path / "nowhere")]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert err.startswith("claimcheck: ") and err.count("\n") == 1
    (tmp_path / "bad.tml").write_text("<TimeML>", encoding="utf-8")
    assert main([str(tmp_path)]) == ExitCode.ERROR
    assert capsys.readouterr().err.startswith("claimcheck: ")
    with pytest.raises(SystemExit) as exc:
        main([str(tmp_path), "--format", "xml"])
    assert exc.value.code == ExitCode.ERROR
    assert capsys.readouterr().err.startswith("claimcheck: ")


def test_french_timebank_value_f1_holds_its_floor():
    floor = json.loads(FLOORS.read_text(encoding="utf-8"))["dates_benchmark"]["value_f1"]
    score = score_corpus(FTIB)
    assert len(score.documents) == 54
    assert score.total.value["f1"] >= floor, score.total.value
