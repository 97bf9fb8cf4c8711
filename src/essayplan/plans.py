"""Plan files: TOML a person can read and diff, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from essayplan import parsecache
from essayplan.atomic import write_atomic
from essayplan.model import (
    EXTENT_STEP, KINDS, PLAN_SCHEMA, ROLES, WITHOUT, Link, OwnFactor, Paragraph, Plan, Ranked, now,
)  # fmt: skip
from essayplan.tomlcheck import MAX_ID, Checker, id_problem
from essayplan.tomlcheck import _kind as kind_of

PLAN_FIELDS = (
    "schema", "pack", "question", "introduction", "criteria", "conclusion",
    "template", "pack_file", "created", "modified", "ranking", "paragraphs",
    "extent", "own_factors", "links", "set_aside",
)  # fmt: skip
RANKED_FIELDS = ("factor", "reason", "weight", "without", "role")
PARAGRAPH_FIELDS = ("factor", "point", "evidence", "explain", "link", "counter", "own_evidence")
LINK_FIELDS = ("from", "to", "kind", "how")
OWN_FACTOR_FIELDS = ("id", "title")


def _ranked_to_dict(entry: Ranked) -> dict[str, Any]:
    # The issue-12 fields are written only when set, so older plans save byte for byte as before.
    optional = {name: getattr(entry, name) for name in ("weight", "without", "role")}
    return {"factor": entry.factor, "reason": entry.reason, **{k: v for k, v in optional.items() if v is not None}}


def _paragraph_to_dict(p: Paragraph) -> dict[str, Any]:
    out: dict[str, Any] = {"factor": p.factor, "point": p.point, "evidence": list(p.evidence)}
    if p.own_evidence:
        out["own_evidence"] = list(p.own_evidence)
    out.update(explain=p.explain, link=p.link, counter=p.counter)
    return out


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    pack_file = {"pack_file": plan.pack_file} if plan.pack_file else {}
    return {
        "schema": PLAN_SCHEMA,
        "pack": plan.pack,
        **pack_file,
        "question": plan.question,
        "introduction": plan.introduction,
        "criteria": plan.criteria,
        "conclusion": plan.conclusion,
        **({"extent": plan.extent} if plan.extent is not None else {}),
        "template": plan.template,
        "created": plan.created,
        "modified": plan.modified,
        **({"own_factors": [{"id": f.id, "title": f.title} for f in plan.own_factors]} if plan.own_factors else {}),
        "ranking": [_ranked_to_dict(r) for r in plan.ranking],
        **(
            {"links": [{"from": k.source, "to": k.target, "kind": k.kind, "how": k.how} for k in plan.links]}
            if plan.links
            else {}
        ),
        "paragraphs": [_paragraph_to_dict(p) for p in plan.paragraphs],
        # Written only when a card is set aside, so older plans save byte for byte as before.
        **({"set_aside": list(plan.set_aside)} if plan.set_aside else {}),
    }


def dump_plan(plan: Plan) -> str:
    return encode_plan(plan)[0].decode("utf-8")


def encode_plan(plan: Plan) -> tuple[bytes, dict[str, Any]]:
    """A plan file's bytes, with the data they parse back to (for `write_plan`)."""
    from essayplan.tomlwrite import dumps

    data = plan_to_dict(plan)
    return dumps(data).encode("utf-8"), data


def write_plan(path: Path, raw: bytes, data: dict[str, Any]) -> None:
    """Write encoded plan bytes atomically, and keep their data as the parsed copy
    (the next `load_plan` of this file reads the copy and parses nothing)."""
    write_atomic(Path(path), raw)
    parsecache.keep(path, raw, data)


def save_plan(plan: Plan, path: Path) -> None:
    write_plan(path, *encode_plan(plan))


def load_plan(path: Path) -> Plan:
    """Read and check a plan file; UserError lists every problem found."""
    path = Path(path)
    return plan_from_dict(parsecache.read_toml_cached(path, "plan"), path)


def _reference(check: Checker, value: str, where: str, field: str) -> None:
    # A factor or card the pack no longer has is kept, whatever its id looks like
    # (no text is ever dropped); only a length no pack id can have is refused.
    if len(value) > MAX_ID:
        check.problem(f"{where}{field}", f"{value[:20]!r}… is too long for an id ({len(value)} characters; at most {MAX_ID})")


def plan_from_dict(data: dict[str, Any], path: Path) -> Plan:
    check = Checker(path)
    check.schema(data, PLAN_SCHEMA)
    check.unknown(data, "", PLAN_FIELDS)
    pack = check.text(data, "", "pack", required=True, nonempty=True)
    if pack and id_problem(pack):
        # A plan from someone else must not make us read files it chooses.
        check.problem("pack", f"{id_problem(pack)}; a plan names its pack by id (a pack file goes in pack_file)")
    texts = {key: check.text(data, "", key) for key in ("question", "introduction", "criteria", "conclusion")}
    template = check.text(data, "", "template") or "peel"
    pack_file = check.text(data, "", "pack_file")
    stamp = now()
    created = check.datetime(data, "created") or stamp
    modified = check.datetime(data, "modified") or created

    extent = _number(check, data, "", "extent", step=EXTENT_STEP)
    own_factors = _own_factors(check, data)

    ranking = []
    ranked: dict[str, str] = {}
    for where, table in check.tables(data, "", "ranking"):
        check.unknown(table, where, RANKED_FIELDS)
        factor = check.text(table, where, "factor", required=True, nonempty=True)
        _reference(check, factor, where, ".factor")
        if factor and factor in ranked:
            check.problem(f"{where}.factor", f"factor {factor!r} is ranked twice (also {ranked[factor]})")
        ranked[factor] = where
        ranking.append(
            Ranked(
                factor,
                check.text(table, where, "reason"),
                weight=_number(check, table, where, "weight", step=1),
                without=_choice(check, table, where, "without", WITHOUT),
                role=_choice(check, table, where, "role", ROLES),
            )
        )

    paragraphs = []
    written: dict[str, str] = {}
    for where, table in check.tables(data, "", "paragraphs"):
        check.unknown(table, where, PARAGRAPH_FIELDS)
        factor = check.text(table, where, "factor", required=True, nonempty=True)
        _reference(check, factor, where, ".factor")
        if factor and factor in written:
            check.problem(f"{where}.factor", f"factor {factor!r} has two paragraphs (also {written[factor]})")
        written[factor] = where
        cards = check.strings(table, where, "evidence")
        for index, card in enumerate(cards):
            _reference(check, card, where, f".evidence[{index}]")
            if card in cards[:index]:
                check.problem(f"{where}.evidence[{index}]", f"card {card!r} is attached twice")
        paragraphs.append(
            Paragraph(
                factor=factor,
                point=check.text(table, where, "point"),
                evidence=cards,
                explain=check.text(table, where, "explain"),
                link=check.text(table, where, "link"),
                counter=check.text(table, where, "counter"),
                own_evidence=check.strings(table, where, "own_evidence"),
            )
        )
    known = set(ranked) | set(written) | {f.id for f in own_factors}
    links = _links(check, data, known)
    set_aside = check.strings(data, "", "set_aside")
    for index, card in enumerate(set_aside):
        _reference(check, card, "set_aside", f"[{index}]")
        if card in set_aside[:index]:
            check.problem(f"set_aside[{index}]", f"card {card!r} is set aside twice")
    check.raise_if_any()
    return Plan(
        pack=pack,
        template=template,
        pack_file=pack_file,
        created=created,
        modified=modified,
        ranking=tuple(ranking),
        paragraphs=tuple(paragraphs),
        extent=extent,
        links=links,
        own_factors=own_factors,
        set_aside=set_aside,
        **texts,
    )


def _number(check: Checker, table: dict, where: str, key: str, *, step: int) -> int | None:
    """A whole number from 0 to 100 (in steps of `step`), or None when absent."""
    if key not in table:
        return None
    at = f"{where}.{key}" if where else key
    value = table[key]
    steps = f" in steps of {step}" if step > 1 else ""
    expected = f"expected a whole number from 0 to 100{steps}"
    if isinstance(value, bool) or not isinstance(value, int):
        check.problem(at, f"{expected}, found {kind_of(value)}")
        return None
    if not 0 <= value <= 100 or value % step:
        check.problem(at, f"{expected}, found {value}")
        return None
    return value


def _choice(check: Checker, table: dict, where: str, key: str, choices: tuple[str, ...]) -> str | None:
    """One of `choices`, or None when absent."""
    if key not in table:
        return None
    value = check.text(table, where, key)
    if value not in choices:
        if isinstance(table[key], str):
            listed = ", ".join(repr(c) for c in choices)
            check.problem(f"{where}.{key}", f"unknown {key} {value!r} (expected one of: {listed})")
        return None
    return value


def _own_factors(check: Checker, data: dict) -> tuple[OwnFactor, ...]:
    out = []
    seen: dict[str, str] = {}
    for where, table in check.tables(data, "", "own_factors"):
        check.unknown(table, where, OWN_FACTOR_FIELDS)
        ident = check.ident(table, where)
        title = check.text(table, where, "title", required=True, nonempty=True)
        if ident and ident in seen:
            check.problem(f"{where}.id", f"duplicate own factor id {ident!r} (also {seen[ident]})")
        seen[ident] = where
        out.append(OwnFactor(ident, title))
    return tuple(out)


def _links(check: Checker, data: dict, known: set[str]) -> tuple[Link, ...]:
    """The arrows; each end must be a factor the plan has (ranked, written about, or its own)."""
    out = []
    seen: dict[tuple[str, str], str] = {}
    for where, table in check.tables(data, "", "links"):
        check.unknown(table, where, LINK_FIELDS)
        ends = []
        for key in ("from", "to"):
            factor = check.text(table, where, key, required=True, nonempty=True)
            _reference(check, factor, where, f".{key}")
            if factor.strip() and len(factor) <= MAX_ID and factor not in known:
                check.problem(f"{where}.{key}", f"unknown factor {factor!r} (not ranked, without a paragraph and not an own factor)")
            ends.append(factor)
        source, target = ends
        if source and source == target:
            check.problem(f"{where}.to", f"a link from factor {source!r} to itself")
        elif source and target and (source, target) in seen:
            check.problem(where, f"duplicate link from {source!r} to {target!r} (also {seen[source, target]})")
        seen[source, target] = where
        if "kind" not in table:
            check.problem(f"{where}.kind", f"missing (expected one of: {', '.join(repr(k) for k in KINDS)})")
            kind = KINDS[0]
        else:
            kind = _choice(check, table, where, "kind", KINDS) or KINDS[0]
        out.append(Link(source, target, kind, check.text(table, where, "how")))
    return tuple(out)
