"""Reading a file someone else made, with bounds: the core's one way to read a user file.

Packs, plans and cards travel between people, so a file may be a FIFO (opening
it blocks), a device (/dev/zero never ends), a link to either, or just huge.
Each is refused in one line, before it can hang the app or fill its memory.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from essayplan.errors import UserError

MB = 1024 * 1024
LIMIT = 20 * MB  # packs, plans and revision cards; the bundled pack is under 10 kB

# Opening a FIFO for reading blocks until a writer comes; O_NONBLOCK returns at
# once (POSIX only: Windows has neither the flag nor such files). O_BINARY is Windows-only.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


# What to read after the first read, which asks for the whole file and one byte more: mostly
# the check for its end. Python's read(n) allocates n bytes before reading; a megabyte there
# raised the C allocator's threshold for returning big blocks to the system, so the pack's
# and the plan's bytes stayed in the process's memory after they were parsed (~0.6 MiB at
# start-up with the 2,000-card pack).
_MORE = 64 * 1024


def kind(mode: int) -> str:
    """What a non-regular file is, in words: 'a FIFO', 'a device', 'a socket', 'a folder'."""
    if stat.S_ISDIR(mode):
        return "a folder"
    return next((name for test, name in _KINDS if test(mode)), "not an ordinary file")


def size_text(size: int) -> str:
    return f"{size / MB:.1f} MB"


def _refuse_special(path: Path, mode: int, what: str) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise UserError(f"{path}: is a folder, not a {what}")
    raise UserError(f"{path}: not a regular file ({kind(mode)}); essayplan reads only ordinary files")


def _too_big(path: Path, size: int | None, limit: int) -> UserError:
    told = size_text(size) if size is not None else f"more than {size_text(limit)}"
    return UserError(f"{path}: too big ({told}); essayplan reads files up to {limit // MB} MB")


def read_bytes(path: Path, what: str = "file", limit: int = LIMIT) -> bytes:
    """The bytes of an ordinary file of at most `limit` bytes, else UserError in one line.

    `what` names the file in messages ("pack file", "plan file"). A symbolic
    link is followed: a link to a pack is fine, a link to /dev/zero is refused.
    """
    path = Path(path)
    try:
        # stat first: it never blocks, so a FIFO is refused without being opened.
        before = os.stat(path)
        _refuse_special(path, before.st_mode, what)
        if before.st_size > limit:
            raise _too_big(path, before.st_size, limit)
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except NotADirectoryError:
        raise UserError(f"{path}: no such file (a part of the path is not a folder)") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a {what}") from None
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "rb", buffering=0) as handle:
            # The file may have been swapped between stat and open: look again at what was opened.
            _refuse_special(path, os.fstat(handle.fileno()).st_mode, what)
            # At most limit + 1 bytes, so a file growing as it is read cannot get past the cap.
            chunks, total, want = [], 0, before.st_size + 1  # one read for a file that stays put
            while total <= limit:
                chunk = handle.read(min(limit + 1 - total, want))
                want = _MORE
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
    except OSError as error:
        raise UserError(f"{path}: cannot read: {error.strerror or error}") from None
    if total > limit:
        raise _too_big(path, None, limit)
    return b"".join(chunks)
