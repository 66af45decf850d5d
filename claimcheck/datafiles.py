"""Load and validate the data files under claimcheck/data.

Cue words, outlets, institutions, month and weekday names are data that a
journalist can read and extend; a malformed entry stops the run with a message
naming the file and the entry.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import DataFileError
from .textnorm import name_key

OutletKind = Literal["agency", "newspaper", "magazine", "broadcaster", "online"]
InstitutionKind = Literal[
    "government", "legislature", "court", "agency", "international", "military", "party",
    "ngo", "think_tank", "company", "union", "police", "research",
]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    aliases: list[str] = []
    country: str = Field(min_length=2, max_length=3)

    @field_validator("name", "aliases")
    @classmethod
    def _no_blank(cls, value):
        items = value if isinstance(value, list) else [value]
        if any(not item.strip() for item in items):
            raise ValueError("blank name or alias")
        return value


class Outlet(_Entry):
    kind: OutletKind


class Institution(_Entry):
    kind: InstitutionKind


class Locution(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    family: Literal["preposition", "relay", "citing"]


class Cues(BaseModel):
    """claimcheck/data/cues.toml"""

    model_config = ConfigDict(extra="forbid")
    locutions: list[Locution]
    relay_verbs: list[str]
    citing_verbs: list[str]
    reporting_locutions: list[str]
    speech_nouns: list[str]
    not_cues: list[str]
    source_nouns: list[str]
    vague_determiners: list[str]
    vague_phrases: list[str]
    person_titles: list[str]


class Verb(BaseModel):
    """One reporting verb of claimcheck/data/verbs.toml and the features the cue finder reads."""

    model_config = ConfigDict(extra="forbid")
    lemma: str = Field(min_length=2, pattern=r"^[a-zà-ÿœ][a-zà-ÿœ' -]*$")
    object: bool = False
    intention: bool = False
    meaning: bool = False
    a_infinitive_is_action: bool = False
    figure: bool = False
    reflexive: bool = False
    manner: bool = False
    oblique: bool = False
    incise_forms: list[str] = []


class Verbs(BaseModel):
    """claimcheck/data/verbs.toml"""

    model_config = ConfigDict(extra="forbid")
    verbs: list[Verb]
    object_control: list[str]

    @field_validator("verbs")
    @classmethod
    def _once_each(cls, value):
        seen = set()
        for verb in value:
            if verb.lemma in seen:
                raise ValueError(f"{verb.lemma!r} is listed twice")
            seen.add(verb.lemma)
        return value


class Calendar(BaseModel):
    model_config = ConfigDict(extra="forbid")
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[str, int]
    anaphoric_days: dict[str, int] = {}
    fixed_feasts: dict[str, tuple[int, int]] = {}
    movable_feasts: dict[str, int] = {}
    place_nouns: list[str] = []

    @field_validator("fixed_feasts")
    @classmethod
    def _fixed_feasts(cls, value):
        for name, (month, day) in value.items():
            try:
                date(2000, month, day)  # a leap year: 29 February is a day
            except ValueError:
                raise ValueError(f"fixed feast {name!r}: no day {day} in month {month}") from None
        return value

    @field_validator("months")
    @classmethod
    def _months(cls, value):
        if sorted(set(value.values())) != list(range(1, 13)):
            raise ValueError("months must cover 1..12")
        return value

    @field_validator("weekdays")
    @classmethod
    def _weekdays(cls, value):
        if sorted(value.values()) != list(range(7)):
            raise ValueError("weekdays must be 0 (lundi) .. 6 (dimanche), once each")
        return value


def _read_toml(filename: str) -> dict:
    try:
        raw = resources.files("claimcheck.data").joinpath(filename).read_text(encoding="utf-8")
        return tomllib.loads(raw)
    except FileNotFoundError:
        raise DataFileError(f"data file claimcheck/data/{filename} is missing") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataFileError(f"claimcheck/data/{filename}: {exc}") from None


def _validate(model, data, filename: str, entry: str = ""):
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise DataFileError(f"claimcheck/data/{filename}: {entry}{where}: {err['msg']}") from None


def _entries(model, filename: str, table: str, extra: list[dict] | None = None) -> list:
    data = _read_toml(filename)
    items = data.get(table)
    if not isinstance(items, list) or not items:
        raise DataFileError(f"claimcheck/data/{filename}: no [[{table}]] entries")
    out = []
    for n, item in enumerate(items + list(extra or []), 1):
        label = item.get("name", f"#{n}") if isinstance(item, dict) else f"#{n}"
        out.append(_validate(model, item, filename, f"[[{table}]] {label!r}: "))
    return out


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    return tuple(_entries(Outlet, "outlets.toml", "outlet"))


@lru_cache(maxsize=1)
def institutions() -> tuple[Institution, ...]:
    return tuple(_entries(Institution, "institutions.toml", "institution"))


@lru_cache(maxsize=1)
def cues() -> Cues:
    return _validate(Cues, _read_toml("cues.toml"), "cues.toml")


@lru_cache(maxsize=1)
def verbs() -> Verbs:
    return _validate(Verbs, _read_toml("verbs.toml"), "verbs.toml")


@lru_cache(maxsize=None)
def folded(list_name: str) -> frozenset[str]:
    """A list of cues.toml, folded (lower case, no accents) for matching lemmas."""
    from .textnorm import fold

    return frozenset(fold(x) for x in getattr(cues(), list_name))


@lru_cache(maxsize=1)
def calendar() -> Calendar:
    return _validate(Calendar, _read_toml("calendar.toml"), "calendar.toml")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, tuple[str, str]]:
    """name key -> (canonical name, report type) for every outlet and institution alias."""
    table: dict[str, tuple[str, str]] = {}
    for kind, entries in (("media", outlets()), ("organization", institutions())):
        for entry in entries:
            for alias in [entry.name, *entry.aliases]:
                key = name_key(alias)
                if key and key not in table:
                    table[key] = (entry.name, kind)
    return table
