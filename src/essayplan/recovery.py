"""Emergency copies: a plan that could not be saved where it lives, kept in the data folder.

When the app must exit and cannot save (a signal, the plan's folder gone, a full
disk, a read-only file), the plan goes to `DATA/recovery/NAME (DATE).toml`,
whose first line names the file it belongs to. The next start offers each copy
back, as LibreOffice does: recover, discard, or later.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from essayplan import paths, tomlread
from essayplan.errors import UserError
from essayplan.reading import read_bytes
from essayplan.records import record

HEADER = "# essayplan emergency copy of: "
MAX_BYTES = 20_000_000


def folder() -> Path:
    return paths.user_data() / "recovery"


@record
class Copy:
    """An emergency copy of a plan, kept until it is recovered or discarded."""

    path: Path  # the copy in the recovery folder
    original: Path  # the plan it belongs to
    written: datetime


def _unique(candidate: Path) -> Path:
    stem, suffix, number = candidate.stem, candidate.suffix, 2
    while candidate.exists() or candidate.is_symlink():
        candidate = candidate.with_name(f"{stem} {number}{suffix}")
        number += 1
    return candidate


def save_emergency(data: bytes, original: Path) -> Path:
    """Write `data` (a plan's TOML) as an emergency copy; returns where it went."""
    from essayplan.atomic import write_atomic
    from essayplan.tomlwrite import dumps

    target = folder()
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserError(f"{target}: cannot make the recovery folder: {error.strerror or error}") from None
    stamp = datetime.now().strftime("%Y-%m-%d %H%M%S")
    name = Path(original).stem or "plan"
    copy = _unique(target / f"{name} ({stamp}).toml")
    # One TOML line, commented out: a plan file with the original's path (any text) on top.
    where = dumps({"original": str(Path(original).absolute())}).strip()
    write_atomic(copy, (HEADER + where + "\n").encode("utf-8") + data)
    return copy


def pending() -> list[Copy]:
    """The emergency copies waiting in the data folder, oldest first; unreadable ones are skipped."""
    found = []
    try:
        entries = list(folder().glob("*.toml"))
    except OSError:
        return []
    for entry in entries:
        copy = read_copy(entry)
        if copy is not None:
            found.append(copy)
    return sorted(found, key=lambda copy: copy.written)


def read_copy(path: Path) -> Copy | None:
    try:
        info = path.stat()
        if not path.is_file() or info.st_size > MAX_BYTES:
            return None
        with open(path, "rb") as handle:
            first = handle.readline(10_000).decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if not first.startswith(HEADER):
        return None
    try:
        original = tomlread.loads(first.removeprefix(HEADER)).get("original")
    except ValueError:
        return None
    if not isinstance(original, str) or not original or "\0" in original:
        return None
    return Copy(path, Path(original), datetime.fromtimestamp(info.st_mtime))


def load(copy: Copy):
    """The plan in an emergency copy (UserError when it no longer reads as one)."""
    from essayplan.plans import load_plan

    return load_plan(copy.path)


def discard(copy: Copy) -> None:
    try:
        copy.path.unlink()
    except FileNotFoundError:
        pass
    except OSError as error:
        raise UserError(f"{copy.path}: cannot remove: {error.strerror or error}") from None


def restore(copy: Copy) -> Path:
    """Put a copy back as a plan file of its own, never over anything: beside its original
    when that folder still exists, else in the student's documents. Returns the new file."""
    from essayplan.atomic import write_atomic

    load(copy)  # only a copy that reads as a plan is restored
    home = copy.original.parent if copy.original.parent.is_dir() else paths.user_documents()
    stamp = copy.written.strftime("%Y-%m-%d %H%M")
    target = _unique(home / f"{copy.original.stem or 'plan'} (recovered {stamp}).toml")
    data = read_bytes(copy.path, "emergency copy")
    write_atomic(target, data)
    discard(copy)
    return target
