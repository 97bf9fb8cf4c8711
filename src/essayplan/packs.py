"""Packs: reading, checking, writing and finding them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from essayplan import paths
from essayplan.errors import UserError
from essayplan.lazyre import Lazy
from essayplan.model import PACK_SCHEMA, ROLES, Evidence, Factor, Pack
from essayplan.parsecache import read_toml_cached
from essayplan.tomlcheck import Checker

PACK_FIELDS = ("schema", "id", "title", "subject", "period", "source", "questions", "factors")
FACTOR_FIELDS = ("id", "title", "summary", "keywords", "evidence")
EVIDENCE_FIELDS = ("id", "text", "group", "date", "role")


# A pack's period: a year, or two joined by a dash ("1924–29", "1642-1649"),
# optionally "c." before a year; what `essayplan packs` groups and sorts by.
_PERIOD = Lazy(r"(?:c\.\s?)?\d{3,4}(?:\s?[–—-]\s?(?:c\.\s?)?\d{2,4})?")


# Packs read this run, by file and version: finding a pack by id reads every
# pack file, and a session finds its pack more than once.
_read: dict[tuple[str, int, int, int], Pack] = {}


def load_pack(path: Path) -> Pack:
    """Read and check a pack file; UserError lists every problem found."""
    path = Path(path)
    try:
        stat = path.stat()
        key = (str(path.resolve()), stat.st_ino, stat.st_mtime_ns, stat.st_size)
    except OSError:
        key = None  # read_toml says what is wrong with the path
    if key in _read:
        return replace(_read[key], path=path)
    pack = pack_from_dict(read_toml_cached(path, "pack"), path)
    if key is not None:
        _read[key] = pack
    return pack


def pack_from_dict(data: dict[str, Any], path: Path) -> Pack:
    check = Checker(path)
    check.schema(data, PACK_SCHEMA)
    check.unknown(data, "", PACK_FIELDS)
    pack_id = check.ident(data, "")
    title = check.text(data, "", "title", required=True, nonempty=True)
    subject = check.text(data, "", "subject")
    period = check.text(data, "", "period")
    if period and not _PERIOD.fullmatch(period):
        check.problem("period", f"{period[:40]!r} is not a period (expected years such as \"1924–29\", \"1919–1923\" or \"1914\")")
    source = check.text(data, "", "source")
    questions = check.strings(data, "", "questions")

    factors = []
    # A card's group, date and role are mostly shared by many cards: one string for each
    # value, not one per card (2,000 cards held ~0.2 MiB of repeats, each read as its own copy).
    shared: dict[str, str] = {}
    one = shared.setdefault
    factor_ids: dict[str, str] = {}
    card_ids: dict[str, str] = {}
    factor_tables = check.tables(data, "", "factors", required=True)
    if "factors" in data and isinstance(data["factors"], list) and not data["factors"]:
        check.problem("factors", "a pack needs at least one factor")
    for where, table in factor_tables:
        check.unknown(table, where, FACTOR_FIELDS)
        factor_id = check.ident(table, where)
        if factor_id in factor_ids:
            check.problem(f"{where}.id", f"duplicate factor id {factor_id!r} (also {factor_ids[factor_id]})")
        elif factor_id:
            factor_ids[factor_id] = where
        # Read in file order, so problems are listed in the order a teacher meets them.
        factor_title = check.text(table, where, "title", required=True, nonempty=True)
        summary = check.text(table, where, "summary")
        keywords = check.strings(table, where, "keywords")
        cards = []
        card_tables = check.tables(table, where, "evidence", required=True)
        if "evidence" in table and isinstance(table["evidence"], list) and not table["evidence"]:
            check.problem(f"{where}.evidence", "a factor needs at least one evidence card")
        for card_where, card in card_tables:
            check.unknown(card, card_where, EVIDENCE_FIELDS)
            card_id = check.ident(card, card_where)
            if card_id in card_ids:
                check.problem(f"{card_where}.id", f"duplicate evidence id {card_id!r} (also {card_ids[card_id]})")
            elif card_id:
                card_ids[card_id] = card_where
            text = check.text(card, card_where, "text", required=True, nonempty=True)
            group = check.text(card, card_where, "group")
            date = check.date(card, card_where, "date")
            role = check.text(card, card_where, "role")
            if role and role not in ROLES:
                check.problem(f"{card_where}.role", f"{role[:40]!r} is not a role (expected one of: {', '.join(ROLES)})")
            cards.append(Evidence(id=card_id, text=text, group=one(group, group), date=one(date, date), role=one(role, role)))
        factors.append(
            Factor(
                id=factor_id,
                title=factor_title,
                summary=summary,
                keywords=keywords,
                evidence=tuple(cards),
            )
        )
    check.raise_if_any()
    return Pack(
        id=pack_id,
        title=title,
        subject=subject,
        period=period,
        source=source,
        questions=questions,
        factors=tuple(factors),
        path=path,
    )


def pack_to_dict(pack: Pack) -> dict[str, Any]:
    """The pack as TOML data; empty optional fields are left out."""
    data: dict[str, Any] = {"schema": PACK_SCHEMA, "id": pack.id, "title": pack.title}
    for key in ("subject", "period", "source"):
        if getattr(pack, key):
            data[key] = getattr(pack, key)
    data["questions"] = list(pack.questions)
    data["factors"] = []
    for factor in pack.factors:
        table: dict[str, Any] = {"id": factor.id, "title": factor.title}
        if factor.summary:
            table["summary"] = factor.summary
        if factor.keywords:
            table["keywords"] = list(factor.keywords)
        table["evidence"] = []
        for card in factor.evidence:
            entry = {"id": card.id}
            if card.group:
                entry["group"] = card.group
            entry["text"] = card.text
            if card.date:
                entry["date"] = card.date
            if card.role:
                entry["role"] = card.role
            table["evidence"].append(entry)
        data["factors"].append(table)
    return data


def dump_pack(pack: Pack) -> str:
    from essayplan.tomlwrite import dumps

    return dumps(pack_to_dict(pack))


def save_pack(pack: Pack, path: Path) -> None:
    """Check the pack as it will be read back, then write it atomically."""
    from essayplan import tomlread
    from essayplan.atomic import write_atomic

    text = dump_pack(pack)
    pack_from_dict(tomlread.loads(text), Path(path))
    write_atomic(Path(path), text.encode("utf-8"))


# -- Finding packs -----------------------------------------------------------

BUNDLED, USER, LOCAL, GIVEN = "bundled", "user", "./factors", "path"


@dataclass
class Found:
    """A pack file found on disk: the pack, or why it could not be read."""

    path: Path
    origin: str
    pack: Pack | None = None
    problems: tuple[str, ...] = ()
    shadowed_by: Path | None = None


def search_folders() -> list[tuple[str, Path]]:
    """Folders searched for packs, lowest precedence first."""
    return [
        (BUNDLED, paths.bundled_factors()),
        (USER, paths.user_packs()),
        (LOCAL, Path.cwd() / "factors"),
    ]


def discover(pack_id: str | None = None) -> list[Found]:
    """Every pack file in the search folders; later folders shadow earlier ones by id.

    Ids are compared ignoring case (`Stalin-Rise` is `stalin-rise`): on a
    case-insensitive disk they would name one file, and a student cannot tell
    them apart in a list. Within a folder, files are taken in name order.
    With `pack_id`, only the files that may be that pack (see _may_be): the
    others are not checked, and cannot shadow it.
    """
    found: list[Found] = []
    seen: set[Path] = set()
    for origin, folder in search_folders():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            if pack_id is not None and not _may_be(path, pack_id):
                continue
            try:
                found.append(Found(path, origin, pack=load_pack(path)))
            except UserError as error:
                found.append(Found(path, origin, problems=tuple(error.problems)))
    winner: dict[str, Found] = {}
    for item in found:
        if item.pack is None:
            continue
        key = item.pack.id.casefold()
        previous = winner.get(key)
        if previous is not None:
            previous.shadowed_by = item.path
        winner[key] = item
    return found


def _may_be(path: Path, pack_id: str) -> bool:
    """Could this file be the pack `pack_id`? Its id says so (read from the parsed copy, without
    checking the whole pack), or its name: a broken file named like the pack says what to fix."""
    if same_id(path.stem, pack_id):
        return True
    try:
        found = read_toml_cached(path, "pack").get("id")
    except UserError:
        return False  # unreadable, and named otherwise: it is not the pack either way
    return isinstance(found, str) and same_id(found, pack_id)


def same_id(first: str, second: str) -> bool:
    """Pack ids are one id whatever their case."""
    return first.casefold() == second.casefold()


def _looks_like_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.endswith(".toml") or Path(text).exists()


def find_pack(id_or_path: str) -> Pack:
    """A pack by id (the user's shadows the bundled one) or by a path the user typed."""
    if _looks_like_path(id_or_path):
        return load_pack(Path(id_or_path))
    return pack_by_id(id_or_path)


def pack_by_id(pack_id: str) -> Pack:
    """The pack with this id in the pack folders, never a path: ids come from plans other people wrote."""
    from essayplan.tomlcheck import id_problem

    problem = id_problem(pack_id)
    if problem:
        raise UserError(f"no pack with id {pack_id[:80]!r}: {problem}")
    match = None
    found = discover(pack_id)  # checking every pack costs more than finding this one
    for item in found:
        if item.pack is not None and same_id(item.pack.id, pack_id) and item.shadowed_by is None:
            match = item.pack
        elif item.pack is None and same_id(item.path.stem, pack_id) and match is None:
            # A broken file named like the pack: its problems say what to fix.
            raise UserError(*item.problems)
    if match is None:
        known = sorted({i.pack.id for i in discover() if i.pack is not None})
        hint = f" (known packs: {', '.join(known)})" if known else " (no packs found)"
        raise UserError(f"no pack with id {pack_id!r}{hint}")
    return match


def clashes(pack: Pack) -> list[Found]:
    """Other pack files in the folders whose id is this pack's, ignoring case."""
    where = pack.path.resolve() if pack.path is not None else None
    return [
        item
        for item in discover()
        if item.pack is not None and same_id(item.pack.id, pack.id) and item.path.resolve() != where
    ]
