"""Pack editing: pure functions on packs, as ops.py is for plans.

Each function returns a new pack, or raises PackEditError and leaves the pack
it was given as it was (packs are immutable). Ids are made once, from the text
a factor or card starts with, and never change afterwards: plans refer to them.

Text may be blank while a teacher is editing (a field being retyped); what a
pack needs before it is written is checked by `problems`, at save time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from essayplan import paths
from essayplan.model import Evidence, Factor, Pack
from essayplan.slugs import UniqueIds, slug

__all__ = [
    "PackEditError", "slug", "empty_pack", "add_factor", "edit_factor", "delete_factor", "move_factor",
    "add_evidence", "edit_evidence", "delete_evidence", "move_evidence", "set_questions", "rename_pack",
    "is_bundled", "problems", "copy_id", "unique_pack_id", "save_user_pack",
]

# The same rule as the pack checker's (tomlcheck): what an id may look like.
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
COPY_SUFFIX = "mine"


class PackEditError(ValueError):
    """An edit that cannot be made to this pack; the message says why."""


def empty_pack(title: str) -> Pack:
    """A pack that checks: one factor with one card, to be filled in."""
    title = " ".join(title.split()) or "New topic"
    return Pack(
        id=slug(title, "new-pack", max_len=48),
        title=title,
        questions=(f"Assess the reasons for {title}.",),
        factors=(
            Factor(
                id="factor-1",
                title="First factor",
                summary="What this cause is about.",
                evidence=(Evidence(id="evidence-1", text="A piece of evidence for this factor."),),
            ),
        ),
    )


# -- finding things -----------------------------------------------------------


def _factor_index(pack: Pack, factor_id: str) -> int:
    for index, factor in enumerate(pack.factors):
        if factor.id == factor_id:
            return index
    raise PackEditError(f"pack {pack.id!r} has no factor {factor_id!r}")


def _card_place(pack: Pack, evidence_id: str) -> tuple[int, int]:
    """(factor index, card index) of a card."""
    for f_index, factor in enumerate(pack.factors):
        for c_index, card in enumerate(factor.evidence):
            if card.id == evidence_id:
                return f_index, c_index
    raise PackEditError(f"pack {pack.id!r} has no evidence card {evidence_id!r}")


def _with_factor(pack: Pack, index: int, factor: Factor) -> Pack:
    factors = list(pack.factors)
    factors[index] = factor
    return replace(pack, factors=tuple(factors))


def _ids(taken: Iterable[str]) -> UniqueIds:
    ids = UniqueIds()
    ids.taken.update(taken)
    return ids


def _line(text: str) -> str:
    """A one-line field: runs of spaces and line breaks become one space."""
    return " ".join(text.split())


def _position(position: int | None, length: int) -> int:
    """A 0-based insertion position in 0..length; None means the end."""
    if position is None:
        return length
    if not 0 <= position <= length:
        raise PackEditError(f"position {position + 1} is out of range 1–{length + 1}")
    return position


# -- factors ------------------------------------------------------------------


def add_factor(pack: Pack, title: str, position: int | None = None) -> Pack:
    """A new factor (no cards yet) with an id made from its title."""
    title = _line(title)
    if not title:
        raise PackEditError("a new factor needs a title")
    new = Factor(id=_ids(f.id for f in pack.factors).take(slug(title, "factor")), title=title)
    factors = list(pack.factors)
    factors.insert(_position(position, len(factors)), new)
    return replace(pack, factors=tuple(factors))


def edit_factor(
    pack: Pack,
    factor_id: str,
    title: str | None = None,
    summary: str | None = None,
    keywords: Iterable[str] | None = None,
) -> Pack:
    """Change a factor's title, summary or keywords; its id stays."""
    index = _factor_index(pack, factor_id)
    factor = pack.factors[index]
    changes: dict = {}
    if title is not None:
        changes["title"] = _line(title)
    if summary is not None:
        changes["summary"] = summary.strip()
    if keywords is not None:
        if isinstance(keywords, str):  # a bare string would become one keyword per letter
            raise PackEditError("keywords must be a list of words, not one string")
        changes["keywords"] = tuple(dict.fromkeys(k for k in (_line(k) for k in keywords) if k))
    return _with_factor(pack, index, replace(factor, **changes))


def delete_factor(pack: Pack, factor_id: str) -> Pack:
    """Remove a factor and its cards; a pack keeps at least one factor."""
    index = _factor_index(pack, factor_id)
    if len(pack.factors) == 1:
        raise PackEditError("a pack needs at least one factor: add another factor before deleting this one")
    return replace(pack, factors=pack.factors[:index] + pack.factors[index + 1 :])


def move_factor(pack: Pack, factor_id: str, position: int) -> Pack:
    """Put a factor at a 0-based position in the pack's order."""
    index = _factor_index(pack, factor_id)
    if not 0 <= position < len(pack.factors):
        raise PackEditError(f"position {position + 1} is out of range 1–{len(pack.factors)}")
    factors = list(pack.factors)
    factors.insert(position, factors.pop(index))
    return replace(pack, factors=tuple(factors))


# -- evidence -----------------------------------------------------------------


def add_evidence(
    pack: Pack, factor_id: str, text: str, group: str = "", date: str = "", position: int | None = None
) -> Pack:
    """A new card at the end of a factor (or at a 0-based position), id made from its text."""
    index = _factor_index(pack, factor_id)
    text = text.strip()
    if not text:
        raise PackEditError("a new evidence card needs some text")
    taken = (c.id for f in pack.factors for c in f.evidence)
    card = Evidence(
        id=_ids(taken).take(slug(text, "evidence", max_words=4)),
        text=text,
        group=_line(group),
        date=_line(date),
    )
    factor = pack.factors[index]
    cards = list(factor.evidence)
    cards.insert(_position(position, len(cards)), card)
    return _with_factor(pack, index, replace(factor, evidence=tuple(cards)))


def edit_evidence(
    pack: Pack, evidence_id: str, text: str | None = None, group: str | None = None, date: str | None = None
) -> Pack:
    """Change a card's text, group heading or date; its id stays."""
    f_index, c_index = _card_place(pack, evidence_id)
    factor = pack.factors[f_index]
    changes: dict = {}
    if text is not None:
        changes["text"] = text.strip()
    if group is not None:
        changes["group"] = _line(group)
    if date is not None:
        changes["date"] = _line(date)
    cards = list(factor.evidence)
    cards[c_index] = replace(cards[c_index], **changes)
    return _with_factor(pack, f_index, replace(factor, evidence=tuple(cards)))


def delete_evidence(pack: Pack, evidence_id: str) -> Pack:
    """Remove a card. A factor may be left with none while editing; saving asks for one."""
    f_index, c_index = _card_place(pack, evidence_id)
    factor = pack.factors[f_index]
    cards = factor.evidence[:c_index] + factor.evidence[c_index + 1 :]
    return _with_factor(pack, f_index, replace(factor, evidence=cards))


def move_evidence(pack: Pack, evidence_id: str, factor_id: str, position: int | None = None) -> Pack:
    """Put a card at a 0-based position in a factor (its own or another); None means the end."""
    f_index, c_index = _card_place(pack, evidence_id)
    target = _factor_index(pack, factor_id)
    factors = list(pack.factors)
    source = factors[f_index]
    card = source.evidence[c_index]
    factors[f_index] = replace(source, evidence=source.evidence[:c_index] + source.evidence[c_index + 1 :])
    cards = list(factors[target].evidence)
    cards.insert(_position(position, len(cards)), card)
    factors[target] = replace(factors[target], evidence=tuple(cards))
    return replace(pack, factors=tuple(factors))


# -- the pack itself ----------------------------------------------------------


def set_questions(pack: Pack, questions: Iterable[str]) -> Pack:
    """The pack's exam questions, in order; blank lines and repeats are dropped."""
    if isinstance(questions, str):
        raise PackEditError("questions must be a list, one question each")
    cleaned = tuple(dict.fromkeys(q for q in (_line(q) for q in questions) if q))
    return replace(pack, questions=cleaned)


def rename_pack(pack: Pack, title: str, new_id: str | None = None) -> Pack:
    """A new title, and a new id when one is given (plans follow it through ops.set_pack)."""
    changes: dict = {"title": _line(title)}
    if new_id is not None:
        if not _ID.match(new_id):
            raise PackEditError(f"{new_id!r} is not a valid pack id (use letters, digits, '-', '_' or '.', no spaces)")
        changes["id"] = new_id
    return replace(pack, **changes)


# -- saving -------------------------------------------------------------------


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except (ValueError, OSError):
        return False


def is_bundled(pack: Pack) -> bool:
    """True for a pack that ships with the app (read from the bundled folder)."""
    return pack.path is not None and _inside(pack.path, paths.bundled_factors())


def _known_ids() -> set[str]:
    from essayplan.packs import discover

    found = discover()
    # File names too: a broken pack file still holds its name.
    known = {item.pack.id for item in found if item.pack is not None} | {item.path.stem for item in found}
    folder = paths.user_packs()
    if folder.is_dir():
        known |= {p.stem for p in folder.glob("*.toml")}
    return known


def unique_pack_id(base: str) -> str:
    """`base`, or base-2, base-3 …: an id no discovered pack (nor file in the user's folder) has."""
    return _ids(_known_ids()).take(base)


def copy_id(pack: Pack) -> str:
    """The id of the user's copy of a bundled pack: 'stalin-rise-mine', then '-mine-2' …"""
    return unique_pack_id(f"{pack.id}-{COPY_SUFFIX}")


def problems(pack: Pack) -> list[str]:
    """What the pack still needs before it can be saved, in words a teacher knows."""
    found = []
    if not pack.title:
        found.append("the pack needs a title")
    if not pack.factors:
        found.append("the pack needs at least one factor")
    for number, factor in enumerate(pack.factors, 1):
        name = f"factor {number} ({factor.title!r})" if factor.title else f"factor {number}"
        if not factor.title:
            found.append(f"{name} needs a title")
        if not factor.evidence:
            found.append(f"{name} has no evidence cards: add one, or delete the factor")
        for c_number, card in enumerate(factor.evidence, 1):
            if not card.text:
                found.append(f"card {c_number} of {name} has no text: write some, or delete the card")
    return found


def save_target(pack: Pack, path: Path | None = None) -> tuple[Pack, Path]:
    """The pack as it will be written, and where.

    A bundled pack is never overwritten: it becomes a copy under a new id in the
    user's pack folder (or at a chosen path outside the bundled folder). Without
    a path, a pack goes back to the file it came from, else to the user's folder.
    """
    user_folder = paths.user_packs()
    if path is not None and _inside(path, paths.bundled_factors()):
        path = None  # never into the app's own folder, whatever was chosen: the user's folder instead
        if not is_bundled(pack):
            pack = replace(pack, path=None)
    if is_bundled(pack):
        pack = replace(pack, id=copy_id(pack))
        return pack, Path(path) if path is not None else user_folder / f"{pack.id}.toml"
    if path is not None:
        return pack, Path(path)
    if pack.path is not None:
        return pack, Path(pack.path)
    return pack, user_folder / f"{pack.id}.toml"


def save_user_pack(pack: Pack, path: Path | None = None) -> Path:
    """Check the pack, then write it atomically (see save_target for where); returns the path.

    Read the result back with packs.load_pack(path) to get the pack as saved
    (its id changes when a bundled pack is copied).
    """
    from essayplan.packs import save_pack

    found = problems(pack)
    if found:
        raise PackEditError("cannot save the pack: " + "; ".join(found))
    target_pack, target = save_target(pack, path)
    chosen = path is not None and not _inside(path, paths.bundled_factors())
    same_file = pack.path is not None and target.resolve() == Path(pack.path).resolve()
    if not chosen and target.exists() and not same_file:
        raise PackEditError(f"{target} already holds another pack; choose another path or pack id")
    if target.parent == paths.user_packs():
        target.parent.mkdir(parents=True, exist_ok=True)
    save_pack(target_pack, target)
    return target
