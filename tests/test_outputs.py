"""Where reports go (issue 17): never over an input, never replacing a device or a FIFO,
a .json of several reports is a JSON array, inputs sharing a name keep their paths, an id
too long for a file name is cut, two outputs to one file are refused."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcheck.cli import app
from claimcheck.models import Report, load_report
from claimcheck.outputs import OutputNames, ReportSink, atomic_write, safe_name

FRENCH = "Selon l'AFP, le gouvernement a annoncé 3 milliards d'euros le 31 octobre.\n"
PAGE = f"<html><head><title>T</title></head><body><article><p>{FRENCH * 3}</p></article></body></html>"
runner = CliRunner()


def invoke(*args):
    result = runner.invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    return result


def test_safe_names():
    assert safe_name("a/b:c") == "a_b_c" and safe_name("..x") == "x" and safe_name("") == "article"
    long = safe_name("é" * 300)
    assert len(long.encode()) <= 200 and long != safe_name("é" * 301)


def test_names_keep_paths_of_inputs_sharing_a_name(tmp_path):
    for folder in ("a", "b/c"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "art.txt").write_text(FRENCH, encoding="utf-8")
    inputs = [str(tmp_path / "a" / "art.txt"), str(tmp_path / "b" / "c" / "art.txt")]
    names = OutputNames(inputs, folder=tmp_path / "out")
    assert names.name("art", inputs[0]) == "a/art" and names.name("art", inputs[1]) == "b/c/art"
    assert names.name("rec", "x.jsonl") == "rec" and names.name("rec", "x.jsonl") == "rec-2"


@pytest.mark.model
def test_reports_of_inputs_sharing_a_name_and_a_long_id(nlp, tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "art.txt").write_text(FRENCH, encoding="utf-8")
    records = tmp_path / "r.jsonl"
    records.write_text(json.dumps({"id": "x" * 300, "text": FRENCH}) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = invoke("extract", str(tmp_path / "a" / "art.txt"), str(tmp_path / "b" / "art.txt"), str(records),
                    "-o", f"{out}/")
    assert result.exit_code == 0, result.stderr
    made = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert made[:2] == ["a/art.json", "b/art.json"] and len(made) == 3
    assert len(made[2].encode()) <= 205


@pytest.mark.model
def test_an_output_that_is_an_input_is_refused(nlp, tmp_path, monkeypatch):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    text = tmp_path / "a.txt"
    text.write_text(FRENCH, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for args in (["page.html", "-f", "html", "-o", "./"], ["a.txt", "-o", "a.txt"], ["a.txt", "page.html", "-o", "page.html"]):
        result = invoke("extract", *args)
        assert result.exit_code == 2, (args, result.output)
        assert "is an input of this run" in result.stderr and result.stderr.count("\n") == 1
    assert page.read_text(encoding="utf-8") == PAGE and text.read_text(encoding="utf-8") == FRENCH


@pytest.mark.model
def test_several_reports_in_a_json_file_are_an_array(nlp, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(FRENCH, encoding="utf-8")
    b.write_text("Le pont a été fermé, a déclaré le maire.\n", encoding="utf-8")
    result = invoke("extract", str(a), str(b), "-o", str(tmp_path / "both.json"))
    assert result.exit_code == 0, result.stderr
    data = json.loads((tmp_path / "both.json").read_text(encoding="utf-8"))
    assert [r["article"]["id"] for r in data] == ["a", "b"]
    assert [r.article.id for r in load_report(tmp_path / "both.json")] == ["a", "b"]
    result = invoke("extract", str(a), str(b), "-o", str(tmp_path / "both.jsonl"))
    assert len((tmp_path / "both.jsonl").read_text(encoding="utf-8").splitlines()) == 2


def test_an_interrupted_array_is_still_json(tmp_path):
    sink = ReportSink(tmp_path / "r.json", array=True)
    sink.write('{"a": 1}\n')
    sink.fh.write(b',\n{"b": ')  # a record cut by a signal
    sink.close(complete=False)
    assert json.loads((tmp_path / "r.json").read_text()) == [{"a": 1}]


def _null_device(tmp_path) -> Path:
    """A character device like /dev/null, of the test's own (a failure must not replace the
    machine's /dev/null, which is what the bug did)."""
    import stat

    path = tmp_path / "null"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, AttributeError):
        pytest.skip("making a device needs root")
    return path


def test_devices_and_fifos_are_written_in_place(tmp_path):
    null = _null_device(tmp_path)
    atomic_write(null, "{}\n")
    assert null.is_char_device()  # not replaced by a regular file
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_text()))
    reader.start()
    sink = ReportSink(fifo)
    sink.write('{"x": 1}\n')
    sink.close()
    reader.join(10)
    assert got == ['{"x": 1}\n'] and fifo.is_fifo()


@pytest.mark.model
def test_extract_to_dev_null_keeps_dev_null(nlp, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(FRENCH, encoding="utf-8")
    null = _null_device(tmp_path)
    for fmt in ("json", "jsonl"):
        for inputs in ([str(a)], [str(a), str(a)]):
            result = invoke("extract", *inputs, "-f", fmt, "-o", str(null))
            assert result.exit_code == 0, result.stderr
            assert null.is_char_device()


def test_check_refuses_two_outputs_to_one_file(tmp_path):
    report = tmp_path / "r.json"
    report.write_text("{}", encoding="utf-8")
    result = invoke("check", str(report), "-f", "text", "-o", str(tmp_path / "a.txt"), "-f", "json", "-o",
                    str(tmp_path / "a.txt"))
    assert result.exit_code == 2
    assert "two outputs to one file" in result.stderr and result.stderr.count("\n") == 1
