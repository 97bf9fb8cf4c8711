"""Write TOML the way a person would: [[tables]] for lists of records.

tomli-w does the quoting; we only choose the layout, because its default
writes nested records as long inline tables that teachers cannot edit.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

import tomli_w


def dumps(data: dict[str, Any]) -> str:
    return "\n".join(_table(data, prefix="", header=None)).rstrip("\n") + "\n"


def _is_records(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _table(data: dict[str, Any], prefix: str, header: str | None) -> list[str]:
    lines = [f"[[{header}]]"] if header else []
    for key, value in data.items():
        if not _is_records(value):
            lines.append(_pair(key, value))
    for key, value in data.items():
        if _is_records(value):
            name = f"{prefix}{key}"
            for record in value:
                lines.append("")
                lines.extend(_table(record, prefix=f"{name}.", header=name))
    return lines


def _pair(key: str, value: Any) -> str:
    if isinstance(value, datetime) and value.tzinfo is not None and value.utcoffset().total_seconds() == 0:
        # The common "2026-11-26T10:00:00Z" form rather than tomli-w's "+00:00".
        stamp = value.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
        return f"{tomli_w.dumps({key: 0}).split(' = ')[0]} = {stamp}"
    # Multi-line strings read best, but TOML turns a written "\r\n" into "\n":
    # text with a carriage return is escaped so it comes back exactly.
    # A list of texts (own evidence) the same: one line with a carriage return escapes them all.
    items = value if isinstance(value, list) else [value]
    multiline = not any(isinstance(item, str) and "\r" in item for item in items)
    return tomli_w.dumps({key: value}, multiline_strings=multiline).rstrip("\n")
