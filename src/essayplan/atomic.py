"""Write a file so that it is either the old one or the new one, never half."""

from __future__ import annotations

import os
from pathlib import Path

from essayplan.errors import UserError


def write_atomic(path: Path, data: bytes) -> None:
    """Temporary file in the same folder, flush, fsync, then os.replace.

    Through a symbolic link the link's target is written (the link stays a link);
    a file with several hard links is written in place after a backup copy, so
    every name still sees one file.
    """
    path = _target(Path(path))
    if _hard_links(path) > 1:
        _write_in_place(path, data)
        return
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{path}: cannot write: folder {folder} does not exist")
    try:
        fd, tmp = _new_temporary(folder, path.name)
    except OSError as error:
        raise UserError(f"{path}: cannot write: {error.strerror or error}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            # The temporary file is private (0600): keep the old file's mode, so a
            # pack shared with colleagues stays readable after an edit.
            os.chmod(tmp, _mode_for(path))
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as error:  # Ctrl-C mid-write too: never leave a temporary file behind
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise UserError(f"{path}: cannot write: {error.strerror or error}") from None
        raise
    _sync_folder(folder)


def _target(path: Path) -> Path:
    # Replacing a link would turn it into a plain file and leave the real one stale.
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _hard_links(path: Path) -> int:
    try:
        return path.stat().st_nlink
    except OSError:
        return 1


def backup_path(path: Path) -> Path:
    """Where a file written in place keeps its old text until the write is done."""
    return path.with_name(f".{path.name}.backup")


def _write_in_place(path: Path, data: bytes) -> None:
    """Renaming a new file over a hard-linked one would split it from its other names:
    copy the old bytes aside (atomically), overwrite in place, then drop the copy."""
    from essayplan.reading import read_bytes

    backup = backup_path(path)
    try:
        old = read_bytes(path, "file")
    except UserError as error:
        raise UserError(f"{path}: cannot write: {error}") from None
    try:
        backup.unlink()  # a stale one, or a link someone left there: never written through
    except OSError:
        pass
    write_atomic(backup, old)
    try:
        with open(path, "r+b") as handle:
            handle.write(data)
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
        raise UserError(f"{path}: cannot write: {error.strerror or error} (the old text is in {backup})") from None
    try:
        backup.unlink()
    except OSError:
        pass


def _new_temporary(folder: Path, name: str) -> tuple[int, str]:
    """A new private file `.NAME.PID-N.tmp` in `folder`, as tempfile.mkstemp makes one
    (whose import, with random's, costs every short command ~2 ms)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    attempt = 0
    while True:
        tmp = str(folder / f".{name}.{os.getpid()}-{attempt}.tmp")
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            attempt += 1  # another thread's, or a leftover of a killed process that had this pid


def remove_leftovers(path: Path, older_than: float = 60.0) -> None:
    """Delete temporary files a killed write left beside `path` (never a recent one)."""
    import time

    cutoff = time.time() - older_than
    for leftover in Path(path).parent.glob(f".{Path(path).name}.*.tmp"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass  # another process's, or already gone


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644  # not from the umask: reading it means setting it, racing other threads


def _sync_folder(folder: Path) -> None:
    # The rename is durable only once the folder itself is synced (POSIX).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
