"""claimcheck: attributed claims in French news, who says so and when.

The public API is imported lazily so that `claimcheck schema`, `--help` and the
commands that read existing reports never import spaCy.
"""

__version__ = "0.1.0"

__all__ = ["__version__", "analyze_text", "analyze_articles", "load_report", "diff_reports"]


def __getattr__(name: str):
    if name in ("analyze_text", "analyze_articles"):
        from . import extract

        return getattr(extract, name)
    if name == "diff_reports":
        from .diff import diff_reports

        return diff_reports
    if name == "load_report":
        from .models import load_report

        return load_report
    raise AttributeError(name)
