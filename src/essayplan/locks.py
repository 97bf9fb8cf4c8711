"""A lock beside an open plan, as Vim's swap file and LibreOffice's `.~lock` are.

`.NAME.toml.lock` holds who has the plan open (process, host, user, since). It is
made in one step (a hard link of a finished file, else O_EXCL), so a second app
never reads half a lock. A lock whose process is gone (same host, pid not
alive) is taken over; one held by a live process, or on another host, is
reported and the app asks: open read-only, or open anyway.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from essayplan import tomlread
from essayplan.errors import UserError
from essayplan.reading import read_bytes
from essayplan.records import record


@record
class Holder:
    """Who holds a plan's lock: the app's process, computer, user and since when."""

    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        where = "this computer" if self.host == _host() else f"computer {self.host}"
        who = f" by {self.user}" if self.user else ""
        return f"process {self.pid} on {where}{who}, since {self.since}"


class Locked(UserError):
    """Another live essayplan holds the plan's lock."""

    def __init__(self, path: Path, holder: Holder) -> None:
        self.path, self.holder = Path(path), holder
        super().__init__(f"{path}: open in another essayplan ({holder.describe()})")


def lock_path(plan: Path) -> Path:
    """`.NAME.toml.lock` beside the real file (a link and its target share one lock)."""
    real = Path(os.path.realpath(plan))
    return real.with_name(f".{real.name}.lock")


def _host() -> str:
    import socket

    try:
        return socket.gethostname()
    except OSError:
        return ""


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name (a container, a service): the lock still works
        return ""


def me() -> Holder:
    return Holder(os.getpid(), _host(), _user(), datetime.now().strftime("%Y-%m-%d %H:%M"))


def read_holder(lock: Path) -> Holder | None:
    """Who a lock file names; None when it is missing, too big or not a lock we can read."""
    try:
        data = tomlread.loads(read_bytes(lock, "lock file", limit=4096).decode("utf-8"))
    except (OSError, ValueError, UserError):  # a FIFO or a huge file named like a lock too
        return None
    pid = data.get("pid")
    if not isinstance(pid, int) or isinstance(pid, bool) or not 0 < pid < 2**31:
        return None
    from essayplan.safetext import clean

    # Someone else's text, shown in a dialog: no control characters, not too long.
    texts = [data.get(key) if isinstance(data.get(key), str) else "" for key in ("host", "user", "since")]
    return Holder(pid, *(clean(text[:200]) for text in texts))


def pid_alive(pid: int) -> bool:
    """Is a process with this id running here? When it cannot be told, yes (never steal a live lock)."""
    if os.name == "posix":
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except (PermissionError, OverflowError, OSError):
            return True  # someone else's process, or cannot tell
        return True
    return _pid_alive_windows(pid)


def _pid_alive_windows(pid: int) -> bool:
    # os.kill on Windows terminates the process: ask the kernel instead.
    try:
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        kernel.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    except Exception:
        return True


def is_stale(holder: Holder | None) -> bool:
    """Nobody holds it: unreadable, or its process on this host is gone."""
    if holder is None:
        return True
    return holder.host == _host() and holder.pid != os.getpid() and not pid_alive(holder.pid)


class Lock:
    """This process's lock on one plan; `release()` removes it if it is still ours."""

    def __init__(self, plan: Path, holder: Holder) -> None:
        self.path = lock_path(plan)
        self.holder = holder

    def release(self) -> None:
        if not self._as_written():
            found = read_holder(self.path)
            if found is None or (found.pid, found.host) != (self.holder.pid, self.holder.host):
                return  # not ours (any more): leave it
        try:
            self.path.unlink()
        except OSError:
            pass

    def _as_written(self) -> bool:
        # The lock exactly as this process wrote it, most often: ours, with nothing to parse.
        try:
            return read_bytes(self.path, "lock file", limit=4096) == _text(self.holder)
        except (OSError, UserError):
            return False


def acquire(plan: Path) -> Lock:
    """Take the plan's lock, taking over a stale one; raise Locked when another app holds it.

    A folder where no lock can be made (read-only, a network share without
    links) is no reason to refuse the plan: the lock is simply not kept there.
    """
    lock = lock_path(plan)
    holder = me()
    for _attempt in range(3):
        try:
            _create(lock, holder)
            return Lock(plan, holder)
        except FileExistsError:
            found = read_holder(lock)
            if found is not None and (found.pid, found.host) == (holder.pid, holder.host):
                return Lock(plan, holder)  # ours already (opened again in this process)
            if not is_stale(found):
                raise Locked(plan, found) from None
            try:
                lock.unlink()  # stale: take it over
            except FileNotFoundError:
                pass
            except OSError:
                return Lock(plan, holder)
        except OSError:
            return Lock(plan, holder)
    found = read_holder(lock)
    raise Locked(plan, found or holder)


def _text(holder: Holder) -> bytes:
    from essayplan.tomlwrite import dumps

    return dumps({"pid": holder.pid, "host": holder.host, "user": holder.user, "since": holder.since}).encode()


def _create(lock: Path, holder: Holder) -> None:
    """Make the lock whole in one step; FileExistsError when there is one."""
    data = _text(holder)
    temporary = lock.with_name(f"{lock.name}.{holder.pid}.new")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        try:
            os.link(temporary, lock)  # atomic, and fails if the lock exists
            return
        except FileExistsError:
            raise
        except (OSError, NotImplementedError):
            pass  # no hard links here: O_EXCL below
    finally:
        try:
            os.unlink(temporary)
        except OSError:
            pass
    fd = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
