"""Parsed packs and paragraph templates, kept between runs so an unchanged file is not parsed again.

tomllib is pure Python: the bundled pack takes ~2 ms to parse and a pack of
2,000 cards ~60 ms; a marshal copy of either reads in a tenth of that. There
is one copy per file, holding a checksum of the bytes it was made from: any
edit makes it stale, and a missing, stale or damaged copy just means parsing
the file as usual. The checks on the content still run every time. Plans are
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
from essayplan.tomlcheck import read_toml

FORMAT = 1  # bump when what is stored changes


def read_toml_cached(path: Path, what: str) -> dict[str, Any]:
    """Like read_toml, from the copy kept while the file's bytes are unchanged."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        return read_toml(path, what)  # it says what is wrong with the path
    # Keyed by the bytes themselves (reading and checksumming them costs far less than
    # parsing): an edit within one tick of a coarse file clock is still seen.
    key = f"{FORMAT}|{sys.version_info[:2]}|{len(raw)}|{zlib.crc32(raw):08x}"
    where = str(path.resolve())
    copy = paths.user_cache() / "parsed" / f"{path.stem}-{zlib.crc32(where.encode()):08x}.marshal"
    try:
        stored_key, data = marshal.loads(copy.read_bytes())
        if stored_key == key and isinstance(data, dict):
            return data
    except (OSError, ValueError, EOFError, TypeError):
        pass  # none yet, or damaged: parse the file
    data = read_toml(path, what)
    _keep(copy, key, data)
    return data


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
