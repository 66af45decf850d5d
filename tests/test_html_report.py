"""The HTML report as text: escaping, one highlight per claim, self-contained pages, the index, the CLI."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from claimcheck.models import (
    ArticleInfo, Attribution, Claim, Cue, Report, Sentence, Source, SourceDate, Summary, Tool,
)
from claimcheck.render.html import article_sources, index_entry, render_html, render_index

ROOT = Path(__file__).resolve().parent.parent
A000 = "corpus/000_f021312726994402.txt"
A002 = "corpus/002_c3d9d0eefc2e3ca3.txt"

HOSTILE = (
    'Selon <b>CNN</b> du 31 octobre, le <script>alert("x")</script> est prêt.\n'
    '<img src=x onerror="alert(1)"> Le budget a doublé en 2024 & plus.\n'
    "Des sources proches du dossier affirment que « rien n’est joué ».\n"
    "Il fait beau."
)
EVIL_NAME = "X </script><script>alert(3)</script> & <!--"


def _span(text: str, fragment: str, after: int = 0) -> tuple[int, int]:
    start = text.index(fragment, after)
    return start, start + len(fragment)


def _hostile_report() -> Report:
    text = HOSTILE
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    spans = [(s, s + len(line)) for s, line in zip(starts, lines)]
    cnn = Source(text="CNN", span=_span(text, "CNN"), canonical="CNN", type="media", role="origin",
                 dates=[SourceDate(text="31 octobre", span=_span(text, "31 octobre"), **{"from": "2025-10-31"},
                                   to="2025-10-31", granularity="day")])
    anonymous = Source(text="sources proches du dossier", span=_span(text, "sources proches du dossier"),
                       canonical=EVIL_NAME, type="anonymous")
    claims = [
        Claim(id="c_one", sentence=0, span=spans[0], text=lines[0], attributed=True, checkworthy=True,
              confidence=0.95, kind="reported",
              attributions=[Attribution(cue=Cue(text="Selon", span=_span(text, "Selon"), lemma="selon",
                                                family="preposition"), sources=[cnn])]),
        Claim(id="c_two", sentence=1, span=spans[1], text=lines[1], attributed=False, checkworthy=True,
              confidence=0.7, kind="unattributed", line=2),
        Claim(id="c_three", sentence=2, span=spans[2], text=lines[2], attributed=True, checkworthy=True,
              confidence=0.82, kind="reported", line=3,
              attributions=[Attribution(cue=Cue(text="affirment", span=_span(text, "affirment"), lemma="affirmer",
                                                family="reporting_verb"), sources=[anonymous])]),
        Claim(id="c_four", sentence=3, span=spans[3], text=lines[3], attributed=False, checkworthy=False,
              confidence=0.6, kind="unattributed", line=4),
    ]
    return Report(
        tool=Tool(version="0.1.0"),
        article=ArticleInfo(id="hostile<id>", path="x/hostile.txt", sha256="0" * 64, title="Titre <i>piégé</i>",
                            published="2025-11-03", published_from="option", chars=len(text), text=text),
        sentences=[Sentence(index=i, span=s, line=i + 1, column=1) for i, s in enumerate(spans)],
        claims=claims,
        summary=Summary(sentences=4, claims=4, attributed=2, unattributed=2, checkworthy_unattributed=1,
                        sources={"CNN": 1, EVIL_NAME: 1}),
    )


class _Page(HTMLParser):
    """Elements, attributes, script bodies and the text inside the article element."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.article_tags: list[str] = []
        self.scripts: list[tuple[dict, str]] = []
        self.style = ""
        self.article_text: list[str] = []
        self._article_depth = 0
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if self._article_depth:
            self._article_depth += 1
            self.article_tags.append(tag)
        elif attrs.get("id") == "cc-article":
            self._article_depth = 1
        if tag in ("script", "style"):
            self._in = (tag, attrs)
            self._buffer = []

    def handle_endtag(self, tag):
        if self._article_depth:
            self._article_depth -= 1
        if self._in and tag == self._in[0]:
            body = "".join(self._buffer)
            if tag == "script":
                self.scripts.append((self._in[1], body))
            else:
                self.style = body
            self._in = None

    def handle_data(self, data):
        if self._in:
            self._buffer.append(data)
        elif self._article_depth:
            self.article_text.append(data)

    def marks(self):
        return [a for t, a in self.tags if t == "mark" and "cc-claim" in a.get("class", "").split()]


def test_article_text_is_escaped_and_kept_verbatim():
    report = _hostile_report()
    page = render_html(report)
    parsed = _Page(page)
    # The article element holds the article text, character for character: offsets map onto the page.
    assert "".join(parsed.article_text) == report.article.text
    # Nothing from the article became markup: only our marks and spans, no onerror attribute, no extra script.
    assert set(parsed.article_tags) == {"mark", "span"}
    assert not any(any(k.startswith("on") for k in attrs) for _, attrs in parsed.tags)
    assert not any(tag == "img" for tag, _ in parsed.tags)
    assert len(parsed.scripts) == 2  # the claim data and the page's own code
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "onerror=&quot;alert(1)&quot;" in page
    assert "Titre &lt;i&gt;piégé&lt;/i&gt;" in page


def test_claim_data_json_cannot_close_its_script():
    report = _hostile_report()
    page = render_html(report)
    parsed = _Page(page)
    data_attrs, data = next((a, body) for a, body in parsed.scripts if a.get("type") == "application/json")
    assert data_attrs["id"] == "cc-data"
    assert not set("<>&") & set(data), "raw < > & inside the JSON script"
    claims = json.loads(data)["claims"]
    assert len(claims) == len(report.claims)
    assert claims[2]["attributions"][0]["sources"][0]["name"] == EVIL_NAME  # survives the round trip
    assert page.count("</script>") == 2


def test_one_highlight_per_claim_with_status_and_data_attributes():
    report = _hostile_report()
    marks = _Page(render_html(report)).marks()
    assert len(marks) == len(report.claims)
    assert [int(m["data-index"]) for m in marks] == list(range(4))
    assert [m["data-status"] for m in marks] == ["attributed", "unattributed", "vague", "minor"]
    assert [m["data-id"] for m in marks] == ["c_one", "c_two", "c_three", "c_four"]
    assert all(m["tabindex"] == "0" and m["role"] == "button" for m in marks)
    assert [m["data-sources"] for m in marks] == ["1", "0", "1", "0"]


def test_cues_sources_and_dates_are_marked_inside_the_text():
    page = render_html(_hostile_report())
    assert '<span class="cc-cue">Selon</span>' in page
    assert '<span class="cc-src cc-t-media">CNN</span>' in page
    assert '<span class="cc-date">31 octobre</span>' in page
    assert '<span class="cc-src cc-t-anonymous">sources proches du dossier</span>' in page
    assert '<span class="cc-cue">affirment</span>' in page


def test_side_panel_sources_chart_and_filters():
    report = _hostile_report()
    page = render_html(report)
    sources = article_sources(report)
    assert [(s.name, s.type, s.claims, s.dates) for s in sources] == [
        ("CNN", "media", 1, ["2025-10-31"]), (EVIL_NAME, "anonymous", 1, [])]
    assert page.count('class="cc-srcbtn"') == 2
    assert 'id="cc-only-unattributed"' in page and 'id="cc-source"' in page
    svg = re.search(r"<svg class=\"cc-chart\".*?</svg>", page).group(0)
    assert svg.count("<rect") == 4
    assert re.findall(r'class="cc-chart-num">(\d+)<', svg) == ["1", "1", "1", "1"]


def test_page_is_self_contained_and_locked_by_its_policy():
    page = render_html(_hostile_report())
    parsed = _Page(page)
    for tag, attrs in parsed.tags:
        for name in ("src", "href", "action", "srcset", "poster"):
            assert not re.match(r"\s*(https?:)?//", attrs.get(name) or ""), (tag, attrs)
        assert not (tag == "link" and attrs.get("rel") == "stylesheet")
        assert not (tag == "script" and "src" in attrs)
    assert "http://" not in page and "https://" not in page
    csp = next(a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp
    code = next(body for a, body in parsed.scripts if "type" not in a)

    def digest(s):
        return base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()

    assert f"'sha256-{digest(code)}'" in csp and f"'sha256-{digest(parsed.style)}'" in csp


def test_rendering_is_deterministic():
    assert render_html(_hostile_report()) == render_html(_hostile_report())


def test_index_links_each_page_with_escaped_names():
    report = _hostile_report()
    page = render_index([index_entry(report, "hostile<id>.html"), index_entry(report, "b c.html")], "0.1.0")
    parsed = _Page(page)
    hrefs = [a["href"] for t, a in parsed.tags if t == "a"]
    assert hrefs == ["hostile%3Cid%3E.html", "b%20c.html"]
    assert "hostile&lt;id&gt;" in page and "<id>" not in page
    assert "2 articles" in page and not parsed.scripts


@pytest.mark.model
def test_corpus_page_counts_match_the_report(corpus_report):
    report = corpus_report(Path(A000).name)
    parsed = _Page(render_html(report))
    assert len(parsed.marks()) == len(report.claims) == report.summary.claims
    assert "".join(parsed.article_text) == report.article.text
    assert {s.name: s.claims for s in article_sources(report)} == report.summary.sources


def _run(*args):
    return subprocess.run([sys.executable, "-m", "claimcheck", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.mark.model
def test_cli_html_to_directory_file_and_stdout(tmp_path):
    out = tmp_path / "html"
    out.mkdir()
    result = _run("extract", A002, "corpus/devset/01_thierry-roland.txt", "--format", "html", "-o", f"{out}/")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "002_c3d9d0eefc2e3ca3.html", "01_thierry-roland.html", "index.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="002_c3d9d0eefc2e3ca3.html"' in index and 'href="01_thierry-roland.html"' in index

    single = tmp_path / "one.html"
    result = _run("extract", A002, "-f", "html", "-o", str(single))
    assert result.returncode == 0, result.stderr
    assert single.read_text(encoding="utf-8") == (out / "002_c3d9d0eefc2e3ca3.html").read_text(encoding="utf-8")

    result = _run("extract", A002, "-f", "html")
    assert result.returncode == 0 and result.stdout == single.read_text(encoding="utf-8")

    result = _run("extract", A002, "corpus/devset/01_thierry-roland.txt", "-f", "html")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("claimcheck: ") and "-o DIR/" in result.stderr
