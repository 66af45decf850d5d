"""The lint rules: one small class per rule, a stable code, a default severity.

Each rule's docstring is its documentation (`claimcheck explain CODE`, the
SARIF help): a summary line, why it matters, then one French sentence that
fails and one that passes. The examples are tested against the real pipeline.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import ClassVar

from ..models import Claim, Source
from .conditional import conditionals
from .findings import Severity

NAMED_TYPES = {"person", "organization", "media"}


@dataclass(frozen=True)
class Hit:
    """Where a rule fires (offsets into the article text) and what it says."""

    span: tuple[int, int]
    message: str


def _sources(claim: Claim) -> list[Source]:
    return [s for a in claim.attributions for s in a.sources]


def _inside(span: tuple[int, int], claim: Claim) -> tuple[int, int]:
    """The span when it lies in the claim, else the whole claim (a quote's speaker may be elsewhere)."""
    return span if claim.span[0] <= span[0] < span[1] <= claim.span[1] else claim.span


def _names(sources: list[Source]) -> str:
    return ", ".join(dict.fromkeys(f"« {s.text} »" for s in sources))


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    default_severity: ClassVar[Severity]

    def check(self, claim: Claim) -> Hit | None:
        raise NotImplementedError

    @classmethod
    def doc(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.doc().split("\n", 1)[0].strip()

    @classmethod
    def section(cls, title: str) -> str:
        """The indented block under `Title:` in the docstring, dedented."""
        m = re.search(rf"^{title}:\n((?:[ \t]+.*\n?|\n)+)", cls.doc() + "\n", re.MULTILINE)
        return inspect.cleandoc(m.group(1)) if m else ""

    @classmethod
    def why(cls) -> str:
        m = re.search(r"^Why: (.+?)(?:\n\n|\Z)", cls.doc(), re.MULTILINE | re.DOTALL)
        return " ".join(m.group(1).split()) if m else ""

    @classmethod
    def failing_example(cls) -> str:
        return cls.section("Fails")

    @classmethod
    def passing_example(cls) -> str:
        return cls.section("Passes")

    @classmethod
    def help_markdown(cls) -> str:
        return (f"**{cls.code} {cls.name}** ({cls.default_severity.value}): {cls.summary()}\n\n{cls.why()}\n\n"
                f"Fails:\n\n> {cls.failing_example()}\n\nPasses:\n\n> {cls.passing_example()}\n")


class UnattributedClaim(Rule):
    """A check-worthy claim that no source backs.

    Why: A figure, a date, an event or what a named actor did is asserted on the
    article's own authority; the reader cannot tell who says so, and a
    fact-checker has nowhere to start. Name the source, or cut the claim.

    Fails:
        Le chômage a reculé de 2 % en France en 2024.

    Passes:
        Selon l'Insee, le chômage a reculé de 2 % en France en 2024.
    """

    code = "CC001"
    name = "unattributed-claim"
    default_severity = Severity.error

    def check(self, claim: Claim) -> Hit | None:
        if claim.checkworthy and not claim.attributed:
            return Hit(claim.span, "unattributed check-worthy claim: no source says so")
        return None


class AnonymousOnly(Rule):
    """A claim whose only sources are anonymous.

    Why: "des sources proches du dossier" may be protected for good reasons, but
    a claim resting on them alone cannot be checked by the reader; house rules
    usually ask for a second, named source or for the reason of the anonymity.

    Fails:
        Selon des sources proches du dossier, le ministre Jean Dupont a démissionné le 3 mars.

    Passes:
        Selon Gérald Darmanin, le ministre Jean Dupont a démissionné le 3 mars.
    """

    code = "CC002"
    name = "anonymous-only"
    default_severity = Severity.warning

    def check(self, claim: Claim) -> Hit | None:
        sources = _sources(claim)
        types = {s.type for s in sources}
        if not sources or not types <= {"anonymous", "vague"} or "anonymous" not in types:
            return None
        anonymous = [s for s in sources if s.type == "anonymous"]
        return Hit(_inside(anonymous[0].span, claim), f"only anonymous sources: {_names(anonymous)}")


class VagueOnly(Rule):
    """A claim whose only sources are vague.

    Why: "selon tous les rapports", "d'après plusieurs experts" sound like
    attribution but name nobody: the claim is as unsourced as a bare assertion,
    with a veneer of authority.

    Fails:
        Selon tous les rapports, l'armée a perdu 300 chars en 2024.

    Passes:
        Selon le Pentagone, l'armée américaine a perdu 300 chars en 2024.
    """

    code = "CC003"
    name = "vague-only"
    default_severity = Severity.warning

    def check(self, claim: Claim) -> Hit | None:
        sources = _sources(claim)
        if not sources or any(s.type != "vague" for s in sources):
            return None
        return Hit(_inside(sources[0].span, claim), f"only vague sources: {_names(sources)}")


class ConditionalUnsourced(Rule):
    """The conditionnel journalistique in a claim with no named source.

    Why: "aurait", "serait", "pourrait avoir" tell the reader the fact is not
    confirmed and that someone else reports it; without a named source the
    conditional hides who that is. Name the source, or confirm and drop the
    conditional. Forecasts ("pourrait augmenter") and hypotheses ("si…,
    il serait") are not flagged.

    Fails:
        Le suspect aurait quitté Marseille le 3 mars avec 20 000 euros.

    Passes:
        Le suspect aurait quitté Marseille le 3 mars avec 20 000 euros, a déclaré le procureur François Molins.
    """

    code = "CC004"
    name = "conditional-unsourced"
    default_severity = Severity.warning

    def check(self, claim: Claim) -> Hit | None:
        if any(s.type in NAMED_TYPES for s in _sources(claim)):
            return None
        found = conditionals(claim.text)
        if not found:
            return None
        start, end, word = found[0]
        base = claim.span[0]
        return Hit((base + start, base + end), f"conditional « {word} » with no named source")


class UndatedMediaSource(Rule):
    """A claim attributed to an outlet with no date for it.

    Why: Outlets publish, correct and update; "selon Le Monde" without a date
    cannot be traced to one article, and a reader cannot tell old news from
    new. Give the date of the outlet's report.

    Fails:
        Selon Le Monde, le gouvernement a signé le contrat de 3 milliards d'euros.

    Passes:
        Selon Le Monde du 2 novembre, le gouvernement a signé le contrat de 3 milliards d'euros.
    """

    code = "CC005"
    name = "undated-media-source"
    default_severity = Severity.info

    def check(self, claim: Claim) -> Hit | None:
        undated = [s for s in _sources(claim) if s.type == "media" and not s.dates]
        if not undated:
            return None
        outlets = list(dict.fromkeys(s.canonical for s in undated))
        noun = "outlet" if len(outlets) == 1 else "outlets"
        return Hit(_inside(undated[0].span, claim), f"{noun} {', '.join(outlets)} cited with no date")


RULES: tuple[Rule, ...] = (UnattributedClaim(), AnonymousOnly(), VagueOnly(), ConditionalUnsourced(),
                           UndatedMediaSource())


def find_rule(key: str) -> Rule | None:
    """A rule by its code (CC001) or name (unattributed-claim), case-insensitive."""
    key = key.strip().lower()
    return next((r for r in RULES if key in (r.code.lower(), r.name)), None)
