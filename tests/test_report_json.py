"""Report.to_json writes the report row by row (models.py): the text must be exactly the one
json.dumps gives for the whole report, indented or not, empty or not."""

from __future__ import annotations

import json

import pytest


def _reference(report, indent):
    return json.dumps(report.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=indent)


@pytest.mark.model
@pytest.mark.parametrize("name", ["000_f021312726994402.txt", "devset/01_thierry-roland.txt"])
def test_report_json_is_json_dumps_of_the_whole_report(corpus_report, name):
    report = corpus_report(name)
    assert report.claims and report.sentences
    for indent in (None, 2, 4):
        assert report.to_json(indent) == _reference(report, indent)
    empty = report.model_copy(update={"claims": [], "sentences": []})
    for indent in (None, 2):
        assert empty.to_json(indent) == _reference(empty, indent)


@pytest.mark.model
def test_strings_with_newlines_and_quotes_keep_their_escapes(analyze):
    report = analyze("« Il a dit\u2028 \"oui\" », selon l'AFP.\n\nLe ministre a déclaré : « Non\\n. »")
    for indent in (None, 2):
        text = report.to_json(indent)
        assert text == _reference(report, indent)
        assert json.loads(text) == report.model_dump(mode="json", by_alias=True)
