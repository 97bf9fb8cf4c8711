"""Parsed big pack files, kept between runs so an unchanged pack is not parsed again.

tomllib is pure Python: a pack of 2,000 cards takes ~60 ms to parse, a
marshal copy ~3 ms to read. There is one copy per file, holding the size,
modification time and inode it was made from: any edit makes it stale, and
a missing, stale or damaged copy just means parsing the file as usual. The
checks on the pack's content still run every time.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import sys
from pathlib import Path
from typing import Any

from essayplan import paths
from essayplan.tomlcheck import read_toml

CACHE_FROM = 64 * 1024  # bytes: a smaller file parses faster than its copy is found
FORMAT = 1  # bump when what is stored changes


def read_toml_cached(path: Path, what: str) -> dict[str, Any]:
    """Like read_toml, from the copy kept when the file is big and unchanged."""
    try:
        stat = path.stat()
    except OSError:
        return read_toml(path, what)  # it says what is wrong with the path
    if stat.st_size < CACHE_FROM or not path.is_file():
        return read_toml(path, what)
    import hashlib  # only for big files: small ones never pay for it

    where = str(path.resolve())
    key = f"{FORMAT}|{sys.version_info[:2]}|{where}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ino}"
    copy = paths.user_cache() / "parsed" / (hashlib.sha256(where.encode()).hexdigest()[:32] + ".marshal")
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
