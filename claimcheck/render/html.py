"""The HTML report: one self-contained page per article, and an index page for a batch.

A page is one file a fact-checker can open or mail: inline CSS and JS, no
network (a Content-Security-Policy that admits only the page's own style and
script, by hash, makes sure of it). The article text is shown verbatim
(`white-space: pre-wrap`), so the report's offsets map one to one onto the
page: each claim is one `<mark class="cc-claim">`, cues, sources and dates are
spans inside it. Every piece of article or report text goes through
`html.escape`; the claim data the script reads is JSON in a non-executable
`<script type="application/json">` with `<`, `>` and `&` escaped, so an
article holding `</script>` or `onerror=` stays text.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from ..models import Report
from .table import claim_status, shorten

STATUS_ORDER = ("attributed", "vague", "unattributed", "minor")
STATUS_LABELS = {
    "attributed": "attributed",
    "vague": "anonymous or vague sources only",
    "unattributed": "unattributed, check-worthy",
    "minor": "unattributed, not check-worthy",
}
_CHART_LABELS = {"attributed": "attributed", "vague": "anonymous/vague only",
                 "unattributed": "unattributed, check-worthy", "minor": "not check-worthy"}


def _e(text) -> str:
    return escape(str(text), quote=True)


def _script_json(data) -> str:
    """JSON safe inside <script>: no `<`, `>` or `&` can close the element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _csp_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


SCRIPT_NONE = "'none'"


def _page(title: str, body: str, style: str, script: str = "") -> str:
    # Only this page's own style and script may run; nothing may be fetched.
    csp = (f"default-src 'none'; style-src {_csp_hash(style)}; "
           f"script-src {_csp_hash(script) if script else SCRIPT_NONE}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    script_tag = f"<script>{script}</script>\n" if script else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"claimcheck\">\n"
        "<link rel=\"icon\" href=\"data:,\">\n"  # no favicon request
        f"<title>{_e(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n{body}\n{script_tag}</body>\n</html>\n"
    )


# --- the article text with its marks -------------------------------------------------

def _inner_marks(report: Report) -> list[tuple[int, int, str]]:
    """(start, end, css classes) of every cue, source and source date the claims cite."""
    marks = set()
    for claim in report.claims:
        for att in claim.attributions:
            marks.add((att.cue.span[0], att.cue.span[1], "cc-cue"))
            for src in att.sources:
                marks.add((src.span[0], src.span[1], f"cc-src cc-t-{src.type}"))
                for d in src.dates:
                    marks.add((d.span[0], d.span[1], "cc-date"))
    return sorted(m for m in marks if m[0] < m[1])


def _segments(text: str, start: int, end: int, marks: list[tuple[int, int, str]]) -> str:
    """text[start:end] cut at every mark boundary; each piece carries the classes of the marks over it."""
    inside = [(max(s, start), min(e, end), cls) for s, e, cls in marks if s < end and e > start]
    cuts = sorted({start, end, *(s for s, _, _ in inside), *(e for _, e, _ in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        classes = sorted({c for s, e, cls in inside if s <= a and b <= e for c in cls.split()})
        piece = _e(text[a:b])
        out.append(f'<span class="{" ".join(classes)}">{piece}</span>' if classes else piece)
    return "".join(out)


def _article_html(report: Report) -> str:
    text = report.article.text
    marks = _inner_marks(report)
    out, pos = [], 0
    order = sorted(range(len(report.claims)), key=lambda i: report.claims[i].span)
    for i in order:
        claim = report.claims[i]
        # Claims are sentence units and do not overlap; should one ever start inside the previous
        # one, it is clipped so that every claim is still exactly one element.
        start = max(claim.span[0], pos)
        end = max(min(claim.span[1], len(text)), start)
        out.append(_segments(text, pos, start, marks))
        status = claim_status(claim)
        n_sources = len({s.canonical for a in claim.attributions for s in a.sources})
        out.append(
            f'<mark class="cc-claim cc-hl cc-s-{status}" id="cc-c{i}" data-index="{i}" data-id="{_e(claim.id)}" '
            f'data-status="{status}" data-sources="{n_sources}" tabindex="0" role="button" '
            f'aria-describedby="cc-tip">{_segments(text, start, end, marks)}</mark>'
        )
        pos = end
    out.append(_segments(text, pos, len(text), marks))
    return "".join(out)


# --- what the script and the side panel show ------------------------------------------

def _claim_data(report: Report) -> list[dict]:
    data = []
    for claim in report.claims:
        attributions = [{
            "cue": att.cue.text, "family": att.cue.family,
            "sources": [{
                "name": src.canonical, "text": src.text, "type": src.type, "role": src.role,
                "dates": [{"text": d.text, "from": d.from_.isoformat(), "to": d.to.isoformat()} for d in src.dates],
            } for src in att.sources],
        } for att in claim.attributions]
        data.append({
            "id": claim.id, "status": claim_status(claim), "kind": claim.kind, "line": claim.line,
            "confidence": claim.confidence, "checkworthy": claim.checkworthy,
            "sources": sorted({s.canonical for a in claim.attributions for s in a.sources}),
            "attributions": attributions,
        })
    return data


@dataclass
class SourceEntry:
    name: str
    type: str
    claims: int
    roles: list[str]
    dates: list[str]


def article_sources(report: Report) -> list[SourceEntry]:
    """The article's sources, most cited first (claims citing each, as in the summary)."""
    claims: dict[str, set[int]] = {}
    types: dict[str, Counter] = {}
    roles: dict[str, set[str]] = {}
    dates: dict[str, set[tuple[str, str]]] = {}
    for i, claim in enumerate(report.claims):
        for att in claim.attributions:
            for src in att.sources:
                name = src.canonical
                claims.setdefault(name, set()).add(i)
                types.setdefault(name, Counter())[src.type] += 1
                roles.setdefault(name, set()).add(src.role)
                dates.setdefault(name, set()).update((d.from_.isoformat(), d.to.isoformat()) for d in src.dates)
    entries = [
        SourceEntry(name, types[name].most_common(1)[0][0], len(idx), sorted(roles[name]),
                    [f if f == t else f"{f} → {t}" for f, t in sorted(dates[name])])
        for name, idx in claims.items()
    ]
    return sorted(entries, key=lambda s: (-s.claims, s.name))


def _chart_svg(counts: dict[str, int]) -> str:
    """Horizontal bars of claims by status; the numbers are written beside them."""
    most = max(counts.values()) or 1
    rows, bar_x, bar_w = [], 172, 125
    for n, status in enumerate(STATUS_ORDER):
        y = n * 26
        width = round(bar_w * counts[status] / most)
        rows.append(
            f'<text x="0" y="{y + 15}" class="cc-chart-label">{_CHART_LABELS[status]}</text>'
            f'<rect x="{bar_x}" y="{y + 3}" width="{max(width, 1)}" height="16" rx="3" class="cc-bar cc-s-{status}"/>'
            f'<text x="{bar_x + max(width, 1) + 6}" y="{y + 15}" class="cc-chart-num">{counts[status]}</text>'
        )
    summary = ", ".join(f"{counts[s]} {STATUS_LABELS[s]}" for s in STATUS_ORDER)
    return (f'<svg class="cc-chart" viewBox="0 0 340 {len(STATUS_ORDER) * 26}" role="img" '
            f'aria-label="Claims by status: {_e(summary)}">{"".join(rows)}</svg>')


def _legend() -> str:
    items = "".join(f'<li><span class="cc-hl cc-s-{s} cc-swatch">{_e(STATUS_LABELS[s])}</span></li>'
                    for s in STATUS_ORDER)
    marks = ('<li><span class="cc-cue">cue</span></li><li><span class="cc-src cc-t-media">source</span></li>'
             '<li><span class="cc-date">date</span></li>')
    return f'<ul class="cc-legend" aria-label="Legend">{items}{marks}</ul>'


def _header(report: Report, counts: dict[str, int], n_sources: int) -> str:
    art, s = report.article, report.summary
    share = f"{100 * s.attributed / s.claims:.0f}%" if s.claims else "–"
    meta = []
    if art.author:
        meta.append(f"by {_e(art.author)}")
    meta.append(f"published {_e(art.published)} <span class=\"cc-dim-text\">({_e(art.published_from)})</span>"
                if art.published else "publication date unknown: relative dates left unresolved")
    meta.append(f"{s.sentences} sentences, {art.chars} characters")
    if art.path:
        meta.append(f"<code>{_e(art.path)}</code>")
    warnings = "".join(f'<p class="cc-warning">{_e(w)}</p>' for w in report.warnings)
    stats = (
        f'<div class="cc-stat"><b>{s.claims}</b>claims</div>'
        f'<div class="cc-stat cc-s-attributed"><b>{share}</b>attributed ({s.attributed})</div>'
        f'<div class="cc-stat cc-s-unattributed"><b>{s.checkworthy_unattributed}</b>unattributed, check-worthy</div>'
        f'<div class="cc-stat cc-s-vague"><b>{counts["vague"]}</b>anonymous or vague only</div>'
        f'<div class="cc-stat"><b>{n_sources}</b>sources</div>'
    )
    return (f'<header class="cc-header"><p class="cc-kicker">claimcheck report · <code>{_e(art.id)}</code></p>'
            f'<h1>{_e(art.title or art.id)}</h1><p class="cc-meta">{" · ".join(meta)}</p>{warnings}'
            f'<div class="cc-stats">{stats}</div>{_legend()}</header>')


def _panel(report: Report, counts: dict[str, int], sources: list[SourceEntry]) -> str:
    options = "".join(f'<option value="{_e(src.name)}">{_e(src.name)} ({src.claims})</option>' for src in sources)
    items = "".join(
        f'<li><button type="button" class="cc-srcbtn" data-source="{_e(src.name)}">{_e(src.name)}</button> '
        f'<span class="cc-type cc-t-{src.type}">{src.type}</span> '
        f'<span class="cc-count">{src.claims} claim{"s" if src.claims != 1 else ""}</span> '
        f'<span class="cc-roles">{_e(", ".join(src.roles))}</span>'
        + (f'<span class="cc-dates">{_e(" · ".join(src.dates))}</span>' if src.dates else "")
        + "</li>"
        for src in sources
    ) or '<li class="cc-hint">No source is cited in this article.</li>'
    total = len(report.claims)
    return (
        '<aside class="cc-panel">'
        f'<section class="cc-box"><h2>Claims by status</h2>{_chart_svg(counts)}</section>'
        '<section class="cc-box" id="cc-filters"><h2>Filters</h2>'
        '<label class="cc-check"><input type="checkbox" id="cc-only-unattributed"> only unattributed claims</label>'
        '<label class="cc-pick" for="cc-source">only one source</label>'
        f'<select id="cc-source"><option value="">all sources</option>{options}</select>'
        f'<p id="cc-shown" aria-live="polite">{total} of {total} claims shown</p></section>'
        '<section class="cc-box" id="cc-detail"><h2>Selected claim</h2><div id="cc-detail-body" aria-live="polite">'
        '<p class="cc-hint">Click a highlighted claim, or Tab to it and press Enter, to see its sources here. '
        'Hovering shows them too.</p></div></section>'
        f'<section class="cc-box" id="cc-sources"><h2>Sources of the article ({len(sources)})</h2>'
        f'<ul class="cc-sourcelist">{items}</ul></section>'
        '</aside>'
    )


def render_html(report: Report) -> str:
    """One self-contained page for one report."""
    counts = Counter(claim_status(c) for c in report.claims)
    counts = {s: counts.get(s, 0) for s in STATUS_ORDER}
    sources = article_sources(report)
    data = {"labels": STATUS_LABELS, "claims": _claim_data(report)}
    body = (
        f'{_header(report, counts, len(sources))}<div class="cc-main">'
        f'<article class="cc-article" id="cc-article" lang="fr">{_article_html(report)}</article>'
        f'{_panel(report, counts, sources)}</div>'
        f'<footer class="cc-footer">{_e(report.tool.name)} {_e(report.tool.version)} · schema_version '
        f'{report.schema_version} · sha256 <code>{_e(report.article.sha256[:16])}…</code></footer>'
        '<div id="cc-tip" role="tooltip" hidden></div>'
        f'<script type="application/json" id="cc-data">{_script_json(data)}</script>'
    )
    return _page(f"claimcheck — {report.article.title or report.article.id}", body, PAGE_CSS, PAGE_JS)


# --- the index of a batch ------------------------------------------------------------

@dataclass
class IndexEntry:
    href: str
    id: str
    title: str | None
    published: str | None
    claims: int
    attributed: int
    checkworthy_unattributed: int
    top_sources: list[str]


def index_entry(report: Report, href: str) -> IndexEntry:
    s = report.summary
    return IndexEntry(href, report.article.id, report.article.title,
                      str(report.article.published) if report.article.published else None,
                      s.claims, s.attributed, s.checkworthy_unattributed,
                      [f"{name} ({n})" for name, n in list(s.sources.items())[:3]])


def render_index(entries: list[IndexEntry], version: str) -> str:
    """A page linking each article's page, with its counts."""
    rows = []
    for e in entries:
        share = f"{100 * e.attributed / e.claims:.0f}%" if e.claims else "–"
        rows.append(
            f'<tr><td><a href="{_e(quote(e.href))}">{_e(e.id)}</a></td>'
            f'<td>{_e(shorten(e.title, 90)) if e.title else ""}</td><td class="d">{_e(e.published or "unknown")}</td>'
            f'<td class="n">{e.claims}</td><td class="n">{share}</td>'
            f'<td class="n cc-red">{e.checkworthy_unattributed}</td><td>{_e(", ".join(e.top_sources))}</td></tr>'
        )
    claims = sum(e.claims for e in entries)
    attributed = sum(e.attributed for e in entries)
    share = f"{100 * attributed / claims:.0f}%" if claims else "–"
    body = (
        f'<header class="cc-header"><p class="cc-kicker">claimcheck {_e(version)}</p>'
        f'<h1>{len(entries)} article{"s" if len(entries) != 1 else ""}</h1>'
        f'<p class="cc-meta">{claims} claims, {share} attributed, '
        f'{sum(e.checkworthy_unattributed for e in entries)} unattributed and check-worthy</p></header>'
        '<table class="cc-index"><thead><tr><th>article</th><th>title</th><th>published</th><th>claims</th>'
        '<th>attributed</th><th>unattributed, check-worthy</th><th>top sources</th></tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
    )
    return _page("claimcheck — articles", body, INDEX_CSS)


# --- style and behaviour (hashed into the page's Content-Security-Policy) --------------

_BASE_CSS = """
:root{--ink:#1f2328;--muted:#59636e;--line:#d1d9e0;--paper:#fff;--bg:#f6f8fa;
--att:#dff3e6;--att-b:#2e9d5b;--vag:#fff1c2;--vag-b:#b58400;--una:#fde0e0;--una-b:#cf222e;--min-b:#8c959f}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
code{font-size:.85em}
.cc-header{background:var(--paper);border-bottom:1px solid var(--line);padding:16px 24px}
.cc-kicker{margin:0;color:var(--muted);font-size:.85em}
h1{margin:4px 0 6px;font-size:1.5em;line-height:1.25}
.cc-meta{margin:0;color:var(--muted)}
"""

PAGE_CSS = _BASE_CSS + """
.cc-dim-text{color:var(--muted)}
.cc-warning{margin:8px 0 0;padding:6px 10px;background:var(--vag);border-left:4px solid var(--vag-b)}
.cc-stats{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0 8px}
.cc-stat{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:120px;color:var(--muted)}
.cc-stat b{display:block;font-size:1.6em;color:var(--ink);line-height:1.2}
.cc-stat.cc-s-attributed b{color:var(--att-b)}.cc-stat.cc-s-unattributed b{color:var(--una-b)}
.cc-stat.cc-s-vague b{color:var(--vag-b)}
.cc-legend{list-style:none;display:flex;flex-wrap:wrap;gap:6px 14px;padding:0;margin:6px 0 0;font-size:.85em}
.cc-main{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:20px;padding:20px 24px;max-width:1500px}
@media (max-width:900px){.cc-main{grid-template-columns:1fr}}
.cc-article{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:20px 28px;
white-space:pre-wrap;overflow-wrap:anywhere;font:17px/1.75 Georgia,"Times New Roman",serif}
mark.cc-claim{color:inherit;background:transparent;border-radius:2px;cursor:pointer;padding:1px 0}
.cc-hl.cc-s-attributed{background:var(--att);box-shadow:inset 0 -2px var(--att-b)}
.cc-hl.cc-s-vague{background:var(--vag);box-shadow:inset 0 -2px var(--vag-b)}
.cc-hl.cc-s-unattributed{background:var(--una);box-shadow:inset 0 -2px var(--una-b)}
.cc-hl.cc-s-minor{box-shadow:inset 0 -1px var(--min-b)}
mark.cc-claim:hover{filter:brightness(.94)}
mark.cc-claim:focus-visible,mark.cc-selected{outline:2px solid #0969da;outline-offset:1px}
mark.cc-dim{background:transparent;box-shadow:none;opacity:.35}
.cc-swatch{padding:1px 4px;border-radius:2px}
.cc-cue{font-weight:600;color:#6639ba;text-decoration:underline;text-underline-offset:3px}
.cc-src{font-weight:700}
.cc-t-media{color:#0550ae}.cc-t-person{color:#8250df}.cc-t-organization{color:#0a6a75}
.cc-t-anonymous,.cc-t-vague{color:#7d4e00}
.cc-date{font-style:italic;text-decoration:underline dotted;text-underline-offset:3px}
.cc-panel{display:flex;flex-direction:column;gap:14px;position:sticky;top:12px;align-self:start;
max-height:calc(100vh - 24px);overflow:auto}
.cc-box{background:var(--paper);border:1px solid var(--line);border-radius:6px;padding:10px 14px}
.cc-box h2{font-size:.95em;margin:0 0 8px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted)}
.cc-chart{width:100%;height:auto;font-size:12px}
.cc-chart-label{fill:var(--ink)}.cc-chart-num{fill:var(--ink);font-weight:700}
.cc-bar.cc-s-attributed{fill:var(--att-b)}.cc-bar.cc-s-vague{fill:var(--vag-b)}
.cc-bar.cc-s-unattributed{fill:var(--una-b)}.cc-bar.cc-s-minor{fill:var(--min-b)}
.cc-check,.cc-pick{display:block;margin:4px 0}
select{width:100%;font:inherit;padding:3px}
#cc-shown{margin:6px 0 0;color:var(--muted);font-size:.9em}
.cc-hint,.cc-none{color:var(--muted);margin:0}
.cc-head{margin:0 0 6px}
.cc-badge{display:inline-block;padding:0 6px;border-radius:10px;font-size:.85em;font-weight:600}
.cc-badge.cc-s-attributed{background:var(--att);color:#1a6b3c}.cc-badge.cc-s-vague{background:var(--vag);color:#7d4e00}
.cc-badge.cc-s-unattributed{background:var(--una);color:#a40e26}.cc-badge.cc-s-minor{background:var(--bg);color:var(--muted)}
.cc-quote{margin:6px 0;padding:4px 10px;border-left:3px solid var(--line);font-family:Georgia,serif;color:var(--ink)}
.cc-cueline{margin:6px 0 2px}
.cc-srclist{margin:0;padding-left:18px}
.cc-srclist li{margin:2px 0}
.cc-as{color:var(--muted)}
.cc-when{display:block;color:var(--muted);font-size:.9em}
.cc-type{font-size:.8em;border:1px solid currentColor;border-radius:8px;padding:0 5px}
.cc-sourcelist{list-style:none;margin:0;padding:0}
.cc-sourcelist li{padding:4px 0;border-top:1px solid var(--bg)}
.cc-srcbtn{font:inherit;font-weight:600;background:none;border:0;padding:0;color:#0969da;cursor:pointer;text-align:left}
.cc-srcbtn[aria-pressed=true]{text-decoration:underline}
.cc-count{color:var(--ink);font-size:.9em}.cc-roles{color:var(--muted);font-size:.85em}
.cc-dates{display:block;color:var(--muted);font-size:.85em}
#cc-tip{position:absolute;z-index:10;max-width:420px;background:var(--paper);border:1px solid var(--line);
border-radius:6px;padding:8px 12px;box-shadow:0 6px 18px rgba(0,0,0,.18);font-size:14px;pointer-events:none}
#cc-tip[hidden]{display:none}
.cc-footer{color:var(--muted);font-size:.85em;padding:0 24px 24px}
"""

INDEX_CSS = _BASE_CSS + """
.cc-index{margin:20px 24px;border-collapse:collapse;background:var(--paper);border:1px solid var(--line)}
.cc-index th,.cc-index td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
.cc-index th{background:var(--bg);font-size:.9em}
.cc-index td.n{text-align:right;font-variant-numeric:tabular-nums}
.cc-index td.d{white-space:nowrap}
.cc-red{color:var(--una-b);font-weight:700}
"""

# Everything the script writes comes from the JSON data through textContent, never innerHTML.
PAGE_JS = """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("cc-data").textContent);
  var claims = data.claims, labels = data.labels;
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.cc-claim[data-index]"));
  var tip = document.getElementById("cc-tip");
  var detail = document.getElementById("cc-detail-body");
  var onlyUnattributed = document.getElementById("cc-only-unattributed");
  var sourcePick = document.getElementById("cc-source");
  var shown = document.getElementById("cc-shown");
  var selected = null;

  function node(tag, cls, text) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    if (text !== undefined) el.textContent = text;
    return el;
  }
  function words(s) { return s.replace(/_/g, " "); }
  function range(d) { return d.from === d.to ? d.from : d.from + " → " + d.to; }

  function describe(mark, box, withText) {
    var c = claims[+mark.getAttribute("data-index")];
    box.textContent = "";
    var head = node("p", "cc-head");
    head.appendChild(node("span", "cc-badge cc-s-" + c.status, labels[c.status]));
    head.appendChild(document.createTextNode(" " + words(c.kind) + " · line " + c.line +
      " · confidence " + c.confidence.toFixed(2)));
    box.appendChild(head);
    if (withText) box.appendChild(node("blockquote", "cc-quote", mark.textContent));
    if (!c.attributions.length) {
      box.appendChild(node("p", "cc-none", c.checkworthy ?
        "No source in the text for a checkable statement." : "No source in the text."));
      return;
    }
    c.attributions.forEach(function (a) {
      var cue = node("p", "cc-cueline");
      cue.appendChild(node("span", "cc-cue", a.cue));
      cue.appendChild(document.createTextNode(" (" + words(a.family) + ")"));
      box.appendChild(cue);
      var list = node("ul", "cc-srclist");
      a.sources.forEach(function (s) {
        var li = node("li", "cc-source-item");
        li.appendChild(node("strong", "cc-srcname", s.name));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(node("span", "cc-type cc-t-" + s.type, s.type));
        li.appendChild(document.createTextNode(" " + s.role));
        if (s.text !== s.name) li.appendChild(node("span", "cc-as", " — “" + s.text + "”"));
        s.dates.forEach(function (d) { li.appendChild(node("span", "cc-when", d.text + " = " + range(d))); });
        list.appendChild(li);
      });
      box.appendChild(list);
    });
  }

  function nearestRect(mark, y) {
    var rects = mark.getClientRects(), best = rects[0] || mark.getBoundingClientRect();
    for (var i = 0; i < rects.length; i++) {
      if (y !== null && y >= rects[i].top && y <= rects[i].bottom) { best = rects[i]; break; }
    }
    return best;
  }
  function showTip(mark, y) {
    describe(mark, tip, false);
    tip.hidden = false;
    var r = nearestRect(mark, y), width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(r.left, width - tip.offsetWidth - 8));
    var top = r.bottom + 6;
    if (top + tip.offsetHeight > window.innerHeight && r.top - tip.offsetHeight - 6 > 0) {
      top = r.top - tip.offsetHeight - 6;
    }
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
  }
  function hideTip() { tip.hidden = true; }

  function select(mark) {
    if (selected) { selected.classList.remove("cc-selected"); selected.setAttribute("aria-pressed", "false"); }
    selected = mark;
    mark.classList.add("cc-selected");
    mark.setAttribute("aria-pressed", "true");
    describe(mark, detail, true);
  }

  marks.forEach(function (mark) {
    mark.setAttribute("aria-pressed", "false");
    mark.addEventListener("mouseenter", function (ev) { showTip(mark, ev.clientY); });
    mark.addEventListener("mouseleave", hideTip);
    mark.addEventListener("focus", function () { showTip(mark, null); });
    mark.addEventListener("blur", hideTip);
    mark.addEventListener("click", function () { select(mark); });
    mark.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " " || ev.key === "Spacebar") { ev.preventDefault(); select(mark); }
      else if (ev.key === "Escape") { hideTip(); }
    });
  });

  function applyFilters() {
    var only = onlyUnattributed.checked, source = sourcePick.value, n = 0;
    marks.forEach(function (mark) {
      var c = claims[+mark.getAttribute("data-index")];
      var keep = (!only || c.status === "unattributed" || c.status === "minor") &&
                 (!source || c.sources.indexOf(source) >= 0);
      mark.classList.toggle("cc-dim", !keep);
      mark.tabIndex = keep ? 0 : -1;
      if (keep) n++;
    });
    shown.textContent = n + " of " + marks.length + " claims shown";
    Array.prototype.forEach.call(document.querySelectorAll(".cc-srcbtn"), function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-source") === source));
    });
  }
  onlyUnattributed.addEventListener("change", applyFilters);
  sourcePick.addEventListener("change", applyFilters);
  Array.prototype.forEach.call(document.querySelectorAll(".cc-srcbtn"), function (b) {
    b.addEventListener("click", function () {
      var name = b.getAttribute("data-source");
      sourcePick.value = sourcePick.value === name ? "" : name;
      applyFilters();
    });
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape") hideTip(); });
})();
"""
