"""Parsed packs and paragraph templates, kept between runs so an unchanged file is not parsed again.

Even compiled, parsing costs: tomli (tomlread.py) takes ~0.7 ms for the bundled pack
and ~45 ms for a pack of 2,000 cards (tomllib ~2 ms and ~120 ms); a marshal copy of
either reads in a thirtieth of that. There is one copy per file, holding a checksum of the bytes it was made from: any
edit makes it stale, and a missing, stale, damaged or forged copy just means
parsing the file as usual, never an error. The checks on the content still run every time. Plans are
not kept: they change at every save.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any

from essayplan import paths
from essayplan.errors import UserError
from essayplan.reading import read_bytes
from essayplan.tomlcheck import parse_toml, plain_data

FORMAT = 2  # bump when what is stored changes (2: the copy is checked as plain data)


def read_toml_cached(path: Path, what: str) -> dict[str, Any]:
    """Like read_toml, from the copy kept while the file's bytes are unchanged."""
    path = Path(path)
    raw = read_bytes(path, f"{what} file")  # refuses FIFOs, devices and huge files in one line
    # Keyed by the bytes themselves (reading and checksumming them costs far less than
    # parsing): an edit within one tick of a coarse file clock is still seen.
    key = f"{FORMAT}|{sys.version_info[:2]}|{len(raw)}|{zlib.crc32(raw):08x}"
    copy = None
    try:
        where = str(path.resolve())
        copy = paths.user_cache() / "parsed" / f"{path.stem}-{zlib.crc32(where.encode()):08x}.marshal"
        data = _stored(copy, key)
        if data is not None:
            return data
    except Exception:  # noqa: BLE001 - whatever is wrong with a copy, the file itself is the truth
        pass
    data = parse_toml(raw, path)
    if copy is not None:
        _keep(copy, key, data)
    return data


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
    if type(stored) is not tuple or len(stored) != 2 or stored[0] != key:
        return None
    data = stored[1]
    return data if plain_data(data) else None


_COPY_LIMIT = 64 * 1024 * 1024  # a copy of a 20 MB pack is about as big as the pack


def _keep(copy: Path, key: str, data: dict[str, Any]) -> None:
    # A cache never stops the app: a full disk or a read-only home just means no copy.
    tmp = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
    try:
        blob = marshal.dumps((key, data))  # ValueError for a value marshal cannot hold
        copy.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(blob)
        os.replace(tmp, copy)  # whole or absent, never half
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
