"""A served class's rules: where each student's plans live, what the app may do there.

`essayplan serve` hands this policy to every app process it starts (as JSON in
an environment variable); the app asks it before anything that would reach the
server's disk. A student's name becomes a folder through `name_slug`: lower-case
ASCII letters, digits and hyphens, so no name can reach another folder. No Textual here.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from essayplan.errors import UserError
from essayplan.records import record
from essayplan.slugs import words

ENV = "ESSAYPLAN_CLASSROOM"  # the policy, as JSON, for the app process textual-serve starts
MAX_SLUG = 40

# What a served app never does: each would read or write the server's disk outside the
# student's folder (Save as, the pack editor, the pack library and its import).
DENIED = frozenset({"save_as", "edit_pack", "choose_pack"})

# Browsers keep ctrl+n, ctrl+t, ctrl+w and ctrl+q for their windows and tabs, and a
# Chromebook's top row is not F1–F12: in class each of our keys of those kinds has another.
BROWSER_KEYS = {
    "f1": "alt+h",
    "f2": "alt+r",
    "f3": "alt+p",
    "f4": "alt+c",
    "f5": "alt+l",
    "ctrl+n": "alt+n",
    "ctrl+t": "alt+t",
    "ctrl+q": "alt+q",
}


def name_slug(name: str) -> str:
    """A student's name as a folder name: "Zoë O'Neil" → "zoe-oneil", "../../x" → "x".
    UserError when nothing is left to name a folder with."""
    slug = "-".join(words(name))[:MAX_SLUG].strip("-")
    if not slug:
        raise UserError("Type your name with letters or digits (a-z, 0-9), e.g. sam-lee")
    return slug


def key_label(key: str) -> str:
    """How a key is written on the screen: "f2" → "F2", "alt+r" → "Alt+R", "ctrl+t" → "ctrl+t"."""
    if re.fullmatch(r"f\d+", key):
        return key.upper()
    if key.startswith("alt+"):
        return "Alt+" + key[4:].upper()
    return key


@record
class Policy:
    """What the app may do. The default (`OPEN`) is the terminal app: everything."""

    folder: Path | None = None  # the class folder; None: not served
    packs: tuple[Path, ...] = ()  # the packs offered, as files (read-only)
    homes: Path | None = None  # per-student settings, recovery copies (outside the class folder)

    @property
    def active(self) -> bool:
        return self.folder is not None

    def allows(self, action: str) -> bool:
        """May the app run this action (the name of an app action, as in a binding)?"""
        return not (self.active and action.split("(")[0] in DENIED)

    def key(self, key: str) -> str:
        """The key that does what `key` does here (another in a browser, for keys it keeps)."""
        return BROWSER_KEYS.get(key, key) if self.active else key

    def key_label(self, key: str) -> str:
        return key_label(self.key(key))

    def help_text(self, text: str) -> str:
        """The help, with every key named as it is pressed here."""
        if not self.active:
            return text
        for old, new in BROWSER_KEYS.items():
            pattern = rf"(?<![\w+]){re.escape(old)}(?![\w])" if old.startswith("ctrl") else rf"(?<!\w){old}(?!\d)"
            text = re.sub(pattern, key_label(new), text, flags=re.IGNORECASE)
        return text

    # -- where a student's plans live ------------------------------------------------

    def student_folder(self, name: str) -> Path:
        """CLASS_FOLDER/<slug>/, never anywhere else (a symlink out of the class is refused)."""
        if self.folder is None:
            raise UserError("not a served class")
        folder = self.folder / name_slug(name)
        return inside(folder, self.folder)

    def plan_path(self, name: str, pack_id: str) -> Path:
        """The student's plan for one pack: CLASS_FOLDER/<slug>/<pack-slug>.toml."""
        path = self.student_folder(name) / f"{name_slug(pack_id)}.toml"
        return inside(path, self.folder)

    def home(self, name: str) -> Path | None:
        """The student's own settings and recovery folder (ESSAYPLAN_HOME in their app)."""
        return None if self.homes is None else inside(self.homes / name_slug(name), self.homes)

    # -- handed to the app process ------------------------------------------------------

    def to_env(self) -> str:
        import json  # (only a served class needs it: an app in a terminal starts without)

        return json.dumps(
            {
                "folder": str(self.folder),
                "packs": [str(p) for p in self.packs],
                "homes": str(self.homes) if self.homes else None,
            }
        )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Policy:
        """The policy the server set; OPEN when there is none."""
        raw = (os.environ if environ is None else environ).get(ENV)
        if not raw:
            return OPEN
        import json

        data = json.loads(raw)
        return cls(
            folder=Path(data["folder"]),
            packs=tuple(Path(p) for p in data.get("packs", ())),
            homes=Path(data["homes"]) if data.get("homes") else None,
        )


def inside(path: Path, folder: Path) -> Path:
    """`path`, when it resolves inside `folder` (symlinks followed); else UserError."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        raise UserError(f"{path}: outside the class folder {folder}") from None
    return path


OPEN = Policy()


def policy_of(app: object) -> Policy:
    """The rules an app runs under (a widget shown in another app: none)."""
    return getattr(app, "classroom", OPEN)
