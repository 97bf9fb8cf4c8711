"""Plan files: TOML a person can read and diff, written atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from essayplan.atomic import write_atomic
from essayplan.model import PLAN_SCHEMA, Paragraph, Plan, Ranked, now
from essayplan.tomlcheck import MAX_ID, Checker, id_problem, read_toml

PLAN_FIELDS = (
    "schema", "pack", "question", "introduction", "criteria", "conclusion",
    "template", "pack_file", "created", "modified", "ranking", "paragraphs",
)  # fmt: skip
RANKED_FIELDS = ("factor", "reason")
PARAGRAPH_FIELDS = ("factor", "point", "evidence", "explain", "link", "counter")


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
        "template": plan.template,
        "created": plan.created,
        "modified": plan.modified,
        "ranking": [{"factor": r.factor, "reason": r.reason} for r in plan.ranking],
        "paragraphs": [
            {
                "factor": p.factor,
                "point": p.point,
                "evidence": list(p.evidence),
                "explain": p.explain,
                "link": p.link,
                "counter": p.counter,
            }
            for p in plan.paragraphs
        ],
    }


def dump_plan(plan: Plan) -> str:
    from essayplan.tomlwrite import dumps

    return dumps(plan_to_dict(plan))


def save_plan(plan: Plan, path: Path) -> None:
    write_atomic(Path(path), dump_plan(plan).encode("utf-8"))


def load_plan(path: Path) -> Plan:
    """Read and check a plan file; UserError lists every problem found."""
    path = Path(path)
    return plan_from_dict(read_toml(path, "plan"), path)


def _reference(check: Checker, where: str, value: str) -> None:
    # A factor or card the pack no longer has is kept, whatever its id looks like
    # (no text is ever dropped); only a length no pack id can have is refused.
    if len(value) > MAX_ID:
        check.problem(where, f"{value[:20]!r}… is too long for an id ({len(value)} characters; at most {MAX_ID})")


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

    ranking = []
    ranked: dict[str, str] = {}
    for where, table in check.tables(data, "", "ranking"):
        check.unknown(table, where, RANKED_FIELDS)
        factor = check.text(table, where, "factor", required=True, nonempty=True)
        _reference(check, f"{where}.factor", factor)
        if factor and factor in ranked:
            check.problem(f"{where}.factor", f"factor {factor!r} is ranked twice (also {ranked[factor]})")
        ranked[factor] = where
        ranking.append(Ranked(factor, check.text(table, where, "reason")))

    paragraphs = []
    written: dict[str, str] = {}
    for where, table in check.tables(data, "", "paragraphs"):
        check.unknown(table, where, PARAGRAPH_FIELDS)
        factor = check.text(table, where, "factor", required=True, nonempty=True)
        _reference(check, f"{where}.factor", factor)
        if factor and factor in written:
            check.problem(f"{where}.factor", f"factor {factor!r} has two paragraphs (also {written[factor]})")
        written[factor] = where
        cards = check.strings(table, where, "evidence")
        for index, card in enumerate(cards):
            _reference(check, f"{where}.evidence[{index}]", card)
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
            )
        )
    check.raise_if_any()
    return Plan(
        pack=pack,
        template=template,
        pack_file=pack_file,
        created=created,
        modified=modified,
        ranking=tuple(ranking),
        paragraphs=tuple(paragraphs),
        **texts,
    )
