"""Drafts of the pack editor's unsaved edits, kept in the data folder.

The editor writes the pack as it stands (atomically, a moment after each change)
to `DATA/drafts/KEY.toml`; a crash or kill leaves the draft, and the next time
that pack is edited the editor offers it back. A save or an explicit discard
removes it. A draft may hold a pack that is not valid yet (a factor without
cards), so it is read leniently: only the types are checked.
"""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from essayplan import paths, tomlread
from essayplan.model import Evidence, Factor, Pack

MAX_BYTES = 20_000_000


def folder() -> Path:
    return paths.user_data() / "drafts"


def key_of(pack: Pack) -> str:
    """Which pack a draft belongs to: its file when it has one, else its id."""
    if pack.path is not None:
        return "file:" + os.path.realpath(pack.path)
    return "id:" + pack.id


def draft_path(key: str) -> Path:
    return folder() / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:20]}.toml"


def save_draft(key: str, pack: Pack) -> Path:
    """Write the draft; errors are for the caller to report (a draft is a safety net)."""
    from essayplan.atomic import write_atomic
    from essayplan.packs import pack_to_dict
    from essayplan.tomlwrite import dumps

    target = draft_path(key)
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {"draft_of": key, "draft_path": str(pack.path) if pack.path else ""}
    write_atomic(target, dumps({**meta, **pack_to_dict(pack)}).encode("utf-8"))
    return target


def remove_draft(key: str) -> None:
    try:
        draft_path(key).unlink()
    except OSError:
        pass


def load_draft(key: str) -> tuple[Pack, datetime] | None:
    """The draft kept for this key, and when it was written; None when there is none
    or it cannot be read as one (a broken draft is no reason to stop editing)."""
    path = draft_path(key)
    try:
        info = path.stat()
        if info.st_size > MAX_BYTES or not path.is_file():
            return None
        data = tomlread.loads(path.read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if data.get("draft_of") != key:
        return None
    try:
        pack = _pack(data)
    except (TypeError, ValueError):
        return None
    return pack, datetime.fromtimestamp(info.st_mtime)


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise TypeError(key)
    return value


def _list(data: dict[str, Any], key: str, kind: type) -> list:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, kind) for item in value):
        raise TypeError(key)
    return value


def _pack(data: dict[str, Any]) -> Pack:
    factors = []
    for table in _list(data, "factors", dict):
        cards = tuple(
            Evidence(_text(card, "id"), _text(card, "text"), _text(card, "group"), _text(card, "date"), _text(card, "role"))
            for card in _list(table, "evidence", dict)
        )
        factors.append(
            Factor(
                _text(table, "id"),
                _text(table, "title"),
                _text(table, "summary"),
                tuple(_list(table, "keywords", str)),
                cards,
            )
        )
    where = _text(data, "draft_path")
    return Pack(
        id=_text(data, "id"),
        title=_text(data, "title"),
        subject=_text(data, "subject"),
        period=_text(data, "period"),
        source=_text(data, "source"),
        questions=tuple(_list(data, "questions", str)),
        factors=tuple(factors),
        path=Path(where) if where else None,
    )
