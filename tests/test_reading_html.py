"""Saved web pages as input, and text in the encodings newsrooms still produce."""

from __future__ import annotations

import socket
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from claimcheck.errors import InputError
from claimcheck.reading import decode, read_inputs

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "tests" / "data" / "article_quotidien.html"
FRENCH = ("Selon l’AFP, le ministre a déclaré « nous ne céderons pas » — 3 000 € d’économies, "
          "un cœur à l’ouvrage et une œuvre collective.\nÀ Genève, l’été dernier, Noël était déjà loin.")
LATIN1 = "Le président a été élu à Genève. Il a déclaré que la décision était prise, « sans délai »."


@pytest.fixture
def no_network(monkeypatch):
    """Any connection or name lookup while reading fails the test: a page's URLs are never fetched."""
    import trafilatura  # noqa: F401  (imported before the patch: its HTTP stack subclasses socket types)

    def refuse(*args, **kwargs):
        raise AssertionError("network access while reading an article")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_no_network_guard_bites(no_network):
    import urllib.request

    with pytest.raises(AssertionError, match="network access"):
        urllib.request.urlopen("http://quotidien-du-lac.example/", timeout=1)


def _one(path, published=None):
    items = list(read_inputs([str(path)], published))
    assert len(items) == 1
    if isinstance(items[0], Exception):
        raise items[0]
    return items[0]


def test_saved_page_main_text_and_metadata(no_network):
    article = _one(PAGE)
    assert article.id == "article_quotidien"
    assert article.title == "Barrage du Lac-Noir : la facture double, selon un audit"
    assert article.author == "Camille Rousseau"
    assert (article.published, article.published_from) == (date(2025, 10, 21), "html-metadata")
    assert article.url == "https://quotidien-du-lac.example/region/barrage-lac-noir-facture"
    text = article.text
    assert text.startswith("Le chantier du barrage du Lac-Noir coûtera 412 millions d'euros")
    assert "« Les surcoûts tiennent pour l'essentiel à des études géologiques bâclées »" in text
    assert text.rstrip().endswith("pour favoritisme.")
    # Page furniture is not article text: menus, cookie banner, related links, comments, footer, scripts.
    for furniture in ("S'abonner", "cookies", "À lire aussi", "Lecteur73", "Newsletter", "dataLayer", "Mots-clés"):
        assert furniture not in text


def test_published_option_wins_over_the_page_date():
    article = _one(PAGE, date(2025, 10, 19))
    assert (article.published, article.published_from) == (date(2025, 10, 19), "option")


def test_page_without_a_date_in_its_metadata_falls_back_to_the_text(tmp_path, no_network):
    page = tmp_path / "nodate.html"
    page.write_text(
        "<html><head><title>Essai</title></head><body><article>"
        "<p>Genève, 12 mars 2024. - Le conseil a voté le budget selon un communiqué de la ville, "
        "qui précise que les travaux commenceront au printemps et dureront deux ans.</p>"
        "<p>Le maire a déclaré que la priorité restait les écoles et les transports publics du canton.</p>"
        "</article></body></html>", encoding="utf-8")
    article = _one(page)
    assert article.published == date(2024, 3, 12) and article.published_from == "latest-date"


@pytest.mark.parametrize("encoding, declared", [
    ("cp1252", "windows-1252"), ("cp1252", "iso-8859-1"), ("cp1252", None), ("utf-16", None)])
def test_page_in_legacy_encodings(tmp_path, encoding, declared):
    html = PAGE.read_text(encoding="utf-8")
    html = html.replace('<meta charset="utf-8">', f'<meta charset="{declared}">' if declared else "")
    page = tmp_path / "page.htm"
    page.write_bytes(html.encode(encoding))  # Python's utf-16 codec writes a byte order mark
    assert _one(page).text == _one(PAGE).text


@pytest.mark.parametrize("encoding, text", [
    ("cp1252", FRENCH),           # ’ « » — € œ live in 0x80-0x9F of Windows-1252
    ("latin-1", LATIN1),
    ("iso8859-15", FRENCH.replace("’", "'").replace("—", "-")),  # œ and € at Latin-9's own places
    ("utf-16-le", FRENCH), ("utf-16-be", FRENCH),
])
def test_text_files_in_legacy_encodings(tmp_path, encoding, text):
    data = text.encode(encoding)
    if encoding.startswith("utf-16-"):
        data = ("\ufeff".encode(encoding)) + data  # with a byte order mark
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    assert _one(path).text == text


@pytest.mark.parametrize("data, message", [
    ("Привет, мир. Как дела?".encode("cp1251"), "no encoding could be detected with confidence"),
    ("Le président a déclaré".encode() + b" \xe9t\xe9 " + "à Genève, selon l’AFP.".encode(), "damaged UTF-8"),
    (FRENCH.encode("utf-16-le"), "binary file"),  # UTF-16 without its byte order mark
    (bytes(range(256)) * 4, "binary"),
])
def test_undecodable_text_is_refused_with_one_line(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message) as err:
        _one(path)
    assert "\n" not in str(err.value) and str(err.value).startswith(str(path))


def test_decode_keeps_utf8_and_skips_its_bom():
    assert decode("\ufeffÉté « chaud »".encode("utf-8"), "x") == "Été « chaud »"


def test_page_without_article_text_is_refused(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Rien</title></head><body><nav><a href='/'>Accueil</a></nav></body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError, match="no article text found"):
        _one(page)


def test_directories_include_pages(tmp_path):
    (tmp_path / "a.txt").write_text("Selon l'AFP, le port a fermé.", encoding="utf-8")
    (tmp_path / "b.html").write_bytes(PAGE.read_bytes())
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    assert [a.id for a in read_inputs([str(tmp_path)])] == ["a", "b"]


def _dates(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "claimcheck", "dates", *args], capture_output=True,
                          input=stdin, cwd=ROOT, timeout=120)


def test_cli_refuses_undecodable_input_with_one_line_and_exit_2(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Привет, мир.".encode("cp1251"))
    result = _dates(str(bad), str(PAGE))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert err.count("\n") == 1 and err.startswith(f"claimcheck: {bad}: not UTF-8") and "Traceback" not in err
    assert b'"id": "article_quotidien"' in result.stdout  # the good page is still processed


def test_cli_reads_a_page_from_stdin():
    result = _dates("-", stdin=PAGE.read_bytes())
    assert result.returncode == 0, result.stderr
    assert b'"published": "2025-10-21"' in result.stdout


@pytest.mark.model
def test_report_offsets_point_into_the_extracted_text(corpus_report):
    from claimcheck.extract import analyze_articles

    report = next(analyze_articles(read_inputs([str(PAGE)])))
    assert report.article.text == _one(PAGE).text
    assert str(report.article.published) == "2025-10-21" and report.article.author == "Camille Rousseau"
    for claim in report.claims:
        assert report.article.text[claim.span[0]:claim.span[1]] == claim.text
        for att in claim.attributions:
            for src in att.sources:
                assert report.article.text[src.span[0]:src.span[1]] == src.text
    names = {s.canonical for c in report.claims for a in c.attributions for s in a.sources}
    assert {"Cour régionale des comptes", "Étienne Valdeyron", "AFP"} <= names


# --- hostile pages (issue 17) ------------------------------------------------------------------

from claimcheck.reading import MAX_TAG_CHARS, decode_html, sanitize_html  # noqa: E402

PAGE_TEXT = "Selon l'AFP, le pont a été fermé lundi à Paris après un accident grave sur la route."


def test_an_element_with_thousands_of_attributes_is_cut_to_its_name():
    attrs = " ".join(f'a{i}="x"' for i in range(50_000))
    html = f"<html><body><p {attrs}>{PAGE_TEXT}</p></body></html>"
    cleaned = sanitize_html(html)
    assert len(cleaned) < 200 and "<p>" + PAGE_TEXT in cleaned
    ordinary = f'<p class="{"x" * (MAX_TAG_CHARS - 20)}">{PAGE_TEXT}</p>'
    assert sanitize_html(ordinary) == ordinary


def test_template_content_is_not_article_text():
    html = f"<html><body><p>{PAGE_TEXT}</p><TEMPLATE id=t><p>Gabarit caché.</p></template><p>Fin du texte ici.</p></body></html>"
    cleaned = sanitize_html(html)
    assert "Gabarit" not in cleaned and "Fin du texte ici." in cleaned
    assert "Gabarit" not in sanitize_html("<p>a</p><template><p>Gabarit jamais fermé")


def test_sanitizing_is_linear_on_unclosed_angles():
    for html in ("<" * 200_000, "<template" * 50_000, "<a " + "b" * 300_000):
        sanitize_html(html)  # one find() per angle: no rescans (a regex would backtrack here)


def test_an_undefined_or_lying_charset():
    data = f'<html><head><meta charset="undefined"></head><body><p>{PAGE_TEXT}</p></body></html>'.encode("cp1252")
    warnings: list[str] = []
    assert PAGE_TEXT in decode_html(data, "p.html", warnings)
    assert "cannot decode it" in warnings[0]
    lying = f'<html><head><meta charset="koi8-r"></head><body><p>{PAGE_TEXT}</p></body></html>'.encode("cp1252")
    warnings = []
    assert PAGE_TEXT in decode_html(lying, "p.html", warnings)
    assert warnings == ["encoding: the page says koi8-r, but reads as Windows-1252; read as Windows-1252"]
    honest = '<html><head><meta charset="koi8-r"></head><body><p>Привет, мир</p></body></html>'.encode("koi8-r")
    warnings = []
    assert "Привет" in decode_html(honest, "p.html", warnings) and warnings == []
