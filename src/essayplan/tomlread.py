"""The core's one way to turn TOML text into data (tomlwrite.py is the way back).

tomli is the parser the standard library's tomllib was taken from: the same API, the
same errors (TOMLDecodeError, a ValueError; RecursionError when nested too deep). Its
wheels are compiled (mypyc): a full plan parses in ~0.4 ms instead of tomllib's ~1.3 ms,
and a plan naming 3,000 lost factors in ~0.04 s instead of ~0.14 s. Without a compiled
build (a platform with no wheel) it is the same pure Python as tomllib.
"""

from __future__ import annotations

from tomli import TOMLDecodeError, loads

__all__ = ["TOMLDecodeError", "loads"]
