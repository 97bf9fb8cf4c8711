"""Parsed TOML files, kept between runs so an unchanged file is not parsed again.

Even compiled, parsing costs: tomli (tomlread.py) takes ~0.7 ms for the bundled pack
and ~45 ms for a pack of 2,000 cards (tomllib ~2 ms and ~120 ms); a marshal copy of
either reads in a thirtieth of that. There is one copy per file, holding a checksum of the bytes it was made from: any
edit makes it stale, and a missing, stale, damaged or forged copy just means
parsing the file as usual, never an error. The checks on the content still run every time.

A file is kept when it is parsed here, and a plan or the state file also when we write it
(`keep`, with the data the bytes were written from). A session that reopens its own plan
so parses no TOML and never loads the parser (~0.4 MiB). `check` reads every file itself
(tomlcheck.read_toml): a class's plans checked leave no copies.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from essayplan import paths
from essayplan.errors import UserError
from essayplan.reading import LIMIT, read_bytes
from essayplan.tomlcheck import MAX_DEPTH, parse_toml, plain_data

FORMAT = 3  # bump when what is stored changes (3: dates and times as (kind, ISO text) pairs)


def read_toml_cached(path: Path, what: str, *, limit: int = LIMIT) -> dict[str, Any]:
    """Like read_toml, from the copy kept while the file's bytes are unchanged."""
    path = Path(path)
    raw = read_bytes(path, f"{what} file", limit)  # refuses FIFOs, devices and huge files in one line
    key = _key(raw)
    copy = None
    try:
        copy = _copy_path(path)
        data = _stored(copy, key)
        if data is not None:
            return data
    except Exception:  # noqa: BLE001 - whatever is wrong with a copy, the file itself is the truth
        pass
    data = parse_toml(raw, path)
    if copy is not None:
        _keep(copy, key, data)
    return data


def keep(path: Path, raw: bytes, data: dict[str, Any]) -> None:
    """Keep `data` as the parsed copy of the file just written with `raw` (its TOML text).
    The caller vouches that parsing `raw` gives `data` (tests/core/test_parsecache.py checks plans)."""
    try:
        copy = _copy_path(Path(path))
    except Exception:  # noqa: BLE001 - no copy is never a problem
        return
    _keep(copy, _key(raw), data)


def _key(raw: bytes) -> str:
    # Keyed by the bytes themselves (reading and checksumming them costs far less than
    # parsing): an edit within one tick of a coarse file clock is still seen.
    return f"{FORMAT}|{sys.version_info[:2]}|{len(raw)}|{zlib.crc32(raw):08x}"


def _copy_path(path: Path) -> Path:
    where = str(path.resolve())
    return paths.user_cache() / "parsed" / f"{path.stem}-{zlib.crc32(where.encode()):08x}.marshal"


def _stored(copy: Path, key: str) -> dict[str, Any] | None:
    """The data kept for `key`, or None. The cache folder is writable by anyone who can
    run code as the user, but a copy is still treated as untrusted: read with a cap
    (never a FIFO), loaded with marshal (which builds values, never runs code), and
    used only if it is plain TOML data. Anything else is a miss."""
    try:
        blob = read_bytes(copy, "cache file", limit=_COPY_LIMIT)
    except UserError:
        return None
    stored = marshal.loads(blob)
    if type(stored) is not tuple or len(stored) != 3 or stored[0] != key or type(stored[2]) is not bool:
        return None
    data, stamped = stored[1], stored[2]
    if stamped and type(data) is dict:
        _restore_stamps(data)
    return data if plain_data(data) else None


_COPY_LIMIT = 64 * 1024 * 1024  # a copy of a 20 MB pack is about as big as the pack


def _keep(copy: Path, key: str, data: dict[str, Any]) -> None:
    # A cache never stops the app: a full disk or a read-only home just means no copy.
    tmp = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
    try:
        stamped = _has_stamps(data)
        blob = marshal.dumps((key, _with_stamps_as_text(data) if stamped else data, stamped))
        copy.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        os.replace(tmp, copy)  # whole or absent, never half
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


# marshal holds no dates or times (a plan has two, a pack may have some): the copy holds
# each as (kind, ISO text), read back exactly (tests/core/test_parsecache.py).
_STAMPS = {"datetime": datetime, "date": date, "time": time}


def _has_stamps(data: Any) -> bool:
    kind = type(data)
    if kind is dict:
        return any(_has_stamps(value) for value in data.values())
    if kind is list:
        return any(_has_stamps(value) for value in data)
    return kind in (datetime, date, time)


def _with_stamps_as_text(data: Any) -> Any:
    kind = type(data)
    if kind is dict:
        return {key: _with_stamps_as_text(value) for key, value in data.items()}
    if kind is list:
        return [_with_stamps_as_text(value) for value in data]
    if kind in (datetime, date, time):
        return (kind.__name__, data.isoformat())
    return data


def _restore_stamps(data: dict[str, Any]) -> None:
    """Dates and times back in place of their (kind, ISO text) pairs. A copy is untrusted:
    iterative and as deep as plain data may be (marshal can make a list that holds itself);
    anything malformed raises, a miss."""
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ValueError("nested too deep")
        for key, value in list(node.items() if type(node) is dict else enumerate(node)):
            kind = type(value)
            if kind is dict or kind is list:
                stack.append((value, depth + 1))
            elif kind is tuple:
                name, text = value
                node[key] = _STAMPS[name].fromisoformat(text)
