"""Noticing that a plan changed on disk behind the app, and keeping both versions.

Before each save the session compares the file with what it last read or wrote
(size, mtime and a hash of the bytes); when they differ it does not overwrite:
the app asks, and the version not kept goes to a conflict copy beside the file.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path

from essayplan.errors import UserError
from essayplan.records import record


try:  # the interpreter's own SHA-256: hashlib loads OpenSSL (~4 MiB of memory) at every start for it
    from _sha256 import sha256 as _sha256
except ImportError:  # Python 3.12 and later call it _sha2; a build without either has hashlib's
    try:
        from _sha2 import sha256 as _sha256
    except ImportError:
        from hashlib import sha256 as _sha256


@record
class Fingerprint:
    """What a file held when it was read: its size, time and SHA-256."""

    size: int
    mtime_ns: int
    digest: str

    def same_bytes(self, other: Fingerprint | None) -> bool:
        # A touch (new mtime, same bytes) is not a change; the hash decides.
        return other is not None and self.size == other.size and self.digest == other.digest


def fingerprint(path: Path) -> Fingerprint | None:
    """The file as it is now; None when it is missing or unreadable."""
    from essayplan.reading import read_bytes

    try:
        info = os.stat(path)
        data = read_bytes(path, "plan file")  # never blocks on a FIFO, never reads /dev/zero
    except (OSError, UserError):
        return None
    return Fingerprint(len(data), info.st_mtime_ns, _sha256(data).hexdigest())


def fingerprint_of(data: bytes, path: Path) -> Fingerprint | None:
    """What a file just written with `data` looks like (no second read of its bytes)."""
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return Fingerprint(info.st_size, info.st_mtime_ns, _sha256(data).hexdigest())


class Conflict(UserError):
    """The plan changed on disk since this app last read or wrote it: nothing was written."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        super().__init__(f"{path}: changed on disk since you opened it (another app or program); not saved over")


def conflict_copy_path(path: Path, when: datetime | None = None) -> Path:
    """`NAME (conflict 2026-11-30 1130).toml` beside `path`; never an existing file."""
    path = Path(path)
    stamp = (when or datetime.now()).strftime("%Y-%m-%d %H%M")
    candidate = path.with_name(f"{path.stem} (conflict {stamp}){path.suffix}")
    number = 2
    while candidate.exists() or candidate.is_symlink():
        candidate = path.with_name(f"{path.stem} (conflict {stamp} {number}){path.suffix}")
        number += 1
    return candidate


_COPY_NAME = re.compile(r" \(conflict [^)]*\)\.[^.]+$", re.IGNORECASE)


def is_conflict_copy(name: str) -> bool:
    """Whether a file name is one `conflict_copy_path` makes (a second copy of someone's plan)."""
    return bool(_COPY_NAME.search(name))


def write_conflict_copy(path: Path, data: bytes) -> Path:
    """Keep a version beside `path`; returns where it went."""
    from essayplan.atomic import write_atomic

    copy = conflict_copy_path(path)
    write_atomic(copy, data)
    return copy
