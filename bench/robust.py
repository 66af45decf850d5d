"""Time and peak memory of `claimcheck extract` on hostile input shapes, against prose of
the same size in the same run (issue 17). Run by `make bench`; quick enough alone:

    python bench/robust.py [--sizes 50000,200000,1000000] [--shapes NAME,...] [--out FILE]

Every shape is built to the size asked (characters), written to a file and analysed by a
fresh `claimcheck extract` process (JSON Lines to /dev/null), so each figure is a whole
run: reading, pipeline, report. Prose is the corpus repeated. Ratios are shape / prose at
the same size: a linear pipeline keeps them near 1 as the size grows; a superlinear pass
shows as a ratio that grows with the size.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (50_000, 200_000, 1_000_000)
OUTLETS = ["Reuters", "AFP", "CNN", "Le Monde", "BBC", "Politico", "Axios", "RTL", "TF1", "Libération"]


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _prose(size: int) -> str:
    paths = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT / "corpus" / "devset").glob("*.txt"))
    return _repeat("\n\n".join(p.read_text(encoding="utf-8") for p in paths) + "\n\n", size)


def _no_punctuation(size: int) -> str:
    words = "le ministre affirme que la route restera fermée jusqu à nouvel ordre selon les services "
    return _repeat(words, size)


def _outlet_list(size: int) -> str:
    # one selon followed by thousands of outlets, then its claim
    names = ", ".join(OUTLETS[i % len(OUTLETS)] + (f" {i}" if i >= len(OUTLETS) else "") for i in range(size // 6))
    return ("Selon " + names)[: size - 40] + ", le pont a été fermé."


SHAPES = {
    "prose": _prose,
    "selon-line": lambda n: _repeat("selon selon « d’après 31-2 octobre — ", n),
    "no-punctuation": _no_punctuation,
    "nested-selon": lambda n: _repeat("(selon (Reuters (AFP (du 3 mai ", n),
    "dense-dates": lambda n: _repeat("le 3 mai 2024, le 4-5 juin, lundi 7 juillet, 2023, mardi, ", n),
    "quote-marks": lambda n: _repeat("« a » “b” „c“ ‹d› \"e\" 'f' ‘g’ ", n),
    "unclosed-guillemets": lambda n: _repeat("« Le ministre a dit que ", n),
    "unclosed-parentheses": lambda n: _repeat("(le ministre (a dit (que ", n),
    "outlet-list": _outlet_list,
    "rtl-zero-width": lambda n: _repeat("Selon\u200f l\u200b’AFP\u200e, le\u202e pont\u2066 a été\u200d fermé. ", n),
    "long-words": lambda n: _repeat("anticonstitutionnellement" * 40 + " ", n),
    "short-paragraphs": lambda n: _repeat("Il a dit oui.\n\n", n),
}


def _run(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace").strip()
    proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 2):
        raise SystemExit(f"{' '.join(cmd)}: exit {code}: {err[-300:]}")
    return wall, usage.ru_maxrss / 1024


def model_alone(path: str) -> None:
    """The model's share of a run (child of --model-alone): claimcheck's pipeline over the
    file's sentence units, batched as extract batches them, and no report. A shape whose whole
    run is slow because the model is (more tokens to the character) shows it here."""
    from claimcheck import extract
    from claimcheck.pipeline.model import load_nlp
    from claimcheck.pipeline.sentences import split_units

    nlp = load_nlp()
    text = Path(path).read_text(encoding="utf-8")
    docs = (nlp.make_doc(text[u.start:u.end]) for u in split_units(text))
    for batch in extract._batches(docs, extract.UNIT_BATCH, extract.BATCH_TOKENS):
        for _ in nlp.pipe(batch, batch_size=len(batch)):
            pass


def main() -> None:
    if sys.argv[1:2] == ["--model-alone-child"]:
        return model_alone(sys.argv[2])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, DEFAULT_SIZES)))
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--claimcheck", default=f"{sys.executable} -m claimcheck")
    parser.add_argument("--out", default=str(ROOT / "bench" / "robust.json"))
    parser.add_argument("--model-alone", action="store_true",
                        help="also time the model alone on each shape (its share of the ratio)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    shapes = ["prose"] + [s for s in args.shapes.split(",") if s != "prose"]
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        raise SystemExit(f"unknown shape {unknown[0]} (one of {', '.join(SHAPES)})")
    base = args.claimcheck.split()
    results: dict[str, dict[str, dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            for shape in shapes:
                path = Path(tmp) / f"{shape}-{size}.txt"
                path.write_text(SHAPES[shape](size), encoding="utf-8")
                wall, rss = _run(base + ["extract", str(path), "-f", "jsonl", "-o", "/dev/null", "--published", "2025-11-03"])
                row = results.setdefault(shape, {})[str(size)] = {"seconds": round(wall, 2), "peak_mb": round(rss)}
                prose = results["prose"][str(size)]
                line = (f"{shape:22} {size:>9,} chars  {wall:7.2f} s ({wall / prose['seconds']:4.2f}× prose)  "
                        f"{rss:6.0f} MB ({rss / prose['peak_mb']:4.2f}×)")
                if args.model_alone:
                    row["model_seconds"] = round(_run([sys.executable, __file__, "--model-alone-child", str(path)])[0], 2)
                    line += f"  model alone {row['model_seconds']:6.2f} s ({row['model_seconds'] / prose['model_seconds']:4.2f}×)"
                print(line, flush=True)
    Path(args.out).write_text(json.dumps(results, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"figures in {args.out}")


if __name__ == "__main__":
    main()
