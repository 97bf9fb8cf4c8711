"""Parsed packs and paragraph templates, kept between runs so an unchanged file is not parsed again.

tomllib is pure Python: the bundled pack takes ~2 ms to parse and a pack of
2,000 cards ~60 ms; a marshal copy of either reads in a tenth of that. There
is one copy per file, holding the size, modification time and inode it was
made from: any edit makes it stale, and a missing, stale or damaged copy
just means parsing the file as usual. The checks on the content still run
every time. Plans are not kept: they change at every save.
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
    """Like read_toml, from the copy kept while the file is unchanged."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        return read_toml(path, what)  # it says what is wrong with the path
    if not path.is_file():
        return read_toml(path, what)
    where = str(path.resolve())
    key = f"{FORMAT}|{sys.version_info[:2]}|{where}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}"
    # Named by the file and a checksum of its full path; the key inside tells copies apart.
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
