"""The core's one way to turn TOML text into data (tomlwrite.py is the way back).

tomli is the parser the standard library's tomllib was taken from: the same API, the
same errors (TOMLDecodeError, a ValueError; RecursionError when nested too deep). Its
wheels are compiled (mypyc): a full plan parses in ~0.4 ms instead of tomllib's ~1.3 ms,
and a plan naming 3,000 lost factors in ~0.04 s instead of ~0.14 s. Without a compiled
build (a platform with no wheel) it is the same pure Python as tomllib.

It is imported on first use: its compiled modules take ~0.4 MiB, and a session that
opens a plan it saved itself parses no TOML at all (plans and the state file keep a parsed
copy when written, parsecache.py; the lock is compared with what this process wrote).
"""

from __future__ import annotations

from typing import Any

__all__ = ["TOMLDecodeError", "loads"]


def loads(text: str) -> dict[str, Any]:
    from tomli import loads as parse

    return parse(text)


def __getattr__(name: str) -> Any:
    # `except tomlread.TOMLDecodeError` looks the name up only when something was raised.
    if name == "TOMLDecodeError":
        from tomli import TOMLDecodeError

        return TOMLDecodeError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
