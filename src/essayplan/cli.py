"""The command line. Non-interactive commands never import Textual or python-docx."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

from essayplan import __version__
from essayplan.errors import UserError
from essayplan.safetext import clean
from essayplan.startup import freeze_once

if TYPE_CHECKING:
    import argparse  # imported when a parser is built: `essayplan export PLAN` spelled plainly needs none

# The commands, in the order the help lists them, with their line in it.
_HELP = {
    "open": "open the app (the default command)",
    "packs": "list the packs by subject and period; with words, only the packs that match",
    "check": "check packs and plans; print a plan's advice",
    "export": "export a plan to Word (.docx) or Markdown",
    "import": "turn a revision card (text or Markdown) into a pack",
    "new-pack": "start an empty pack to fill in",
    "class": "a teacher's overview of every plan in a class folder",
    "serve": "serve the app to a class's browsers (needs essayplan[serve])",
}
COMMANDS = tuple(_HELP)

DESCRIPTION = """\
Plan history causation essays: rank the factors, drag evidence into PEEL
paragraphs, check the plan and export it to Word.

Run with no command to open the app (the bundled Stalin pack, or the plan you
last worked on)."""

EPILOG = """\
examples:
  essayplan                         open the app
  essayplan my-plan.toml            open (or create) a plan
  essayplan --pack ww1-causes       start a new plan on another pack
  essayplan packs                   list the packs by subject and period
  essayplan packs weimar            find packs by title, subject, period or factor
  essayplan check my-plan.toml      check a plan (or a pack) and print advice
  essayplan export my-plan.toml     write my-plan.docx beside it
  essayplan import card.txt         turn a revision card into a pack
  essayplan class FOLDER            a teacher's overview of every plan in a folder"""


@functools.cache
def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # one line and status 2, as everywhere else
            raise UserError(f"essayplan: {message} (see essayplan --help)")

    return _Parser


def say(text: object, file=None) -> None:
    """Print a line (or lines) to the terminal: names and titles come from files, so every line
    goes through the door (safetext.clean): no escape sequence from a pack reaches the terminal."""
    lines = str(text).replace("\r\n", "\n").split("\n")
    print("\n".join(clean(line) for line in lines), file=file or sys.stdout)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `only`, just that command's (every command runs faster without the rest)."""
    import argparse

    _Parser = _parser_class()
    parser = _Parser(
        prog="essayplan",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"essayplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, help in _HELP.items():
        if only in (None, name):
            _add_arguments(name, commands.add_parser(name, help=help))
    return parser


def command_parser(name: str) -> argparse.ArgumentParser:
    """One command's parser alone, as it is inside the whole one (its prog, arguments, help and
    errors): `essayplan export …` is parsed without building the top-level parser too
    (each argparse parser asks gettext for its headings, ~1 ms)."""
    parser = _parser_class()(prog=f"essayplan {name}")
    _add_arguments(name, parser)
    parser.set_defaults(command=name)
    return parser


# `essayplan export PLAN [-o OUT] [--template FILE] [--format docx|md] [--no-appendix] [--force]
# [--frame]`, each option in full and at most once, no value empty or led by "-": read without
# argparse, whose import (gettext, locale) and parser are ~2 ms of a ~140 ms export. Anything
# else (help, an error, an abbreviation, OPTION=VALUE, "--") goes to argparse, which says it.
_EXPORT_FLAGS = {"--no-appendix": "no_appendix", "--force": "force", "--frame": "frame"}
_EXPORT_VALUES = {"-o": "output", "--output": "output", "--template": "template", "--format": "format"}


def plain_export(args: list[str]) -> SimpleNamespace | None:
    """The export's arguments as its parser reads them, or None where the parser must read them."""
    found: dict[str, object] = {"plan": None, "output": None, "template": None, "format": None}
    found |= dict.fromkeys(_EXPORT_FLAGS.values(), False)
    seen = set()
    items = iter(args)
    for arg in items:
        if arg in _EXPORT_FLAGS:
            dest, value = _EXPORT_FLAGS[arg], True
        elif arg in _EXPORT_VALUES:
            dest, value = _EXPORT_VALUES[arg], next(items, "")
            if not value or value.startswith("-"):
                return None
        elif arg and not arg.startswith("-"):
            dest, value = "plan", arg
        else:
            return None
        if dest in seen:
            return None
        seen.add(dest)
        found[dest] = value
    if found["plan"] is None or found["format"] not in (None, "docx", "md"):
        return None
    for dest in ("plan", "output", "template"):
        found[dest] = None if found[dest] is None else Path(found[dest])
    return SimpleNamespace(command="export", **found)


def _add_arguments(name: str, command: argparse.ArgumentParser) -> None:
    if name == "open":
        command.add_argument("plan", nargs="?", type=Path, help="plan file to open or create")
        command.add_argument("--pack", metavar="ID_OR_PATH", help="the pack for a new plan")
    elif name == "packs":
        command.add_argument("words", nargs="*", metavar="WORD", help="find packs by title, subject, period or factor")
    elif name == "check":
        command.add_argument("files", nargs="+", type=Path, metavar="FILE")
    elif name == "export":
        command.add_argument("plan", type=Path)
        command.add_argument("-o", "--output", type=Path, metavar="OUT")
        command.add_argument("--template", type=Path, metavar="FILE", help="your own .docx or .dotx for the styles")
        command.add_argument("--format", choices=("docx", "md"), help="default: from OUT's extension, else docx")
        command.add_argument("--no-appendix", action="store_true", help="leave out unused evidence and advice")
        command.add_argument("--force", action="store_true", help="replace OUT if it exists")
        command.add_argument("--frame", action="store_true", help="a writing frame: ruled boxes to write in, and a grid")
    elif name == "import":
        command.add_argument("card", type=Path)
        command.add_argument("-o", "--output", type=Path, metavar="PACK", help="default: the user's pack folder")
    elif name == "new-pack":
        command.add_argument("title")
        command.add_argument("-o", "--output", type=Path, metavar="PACK", help="default: the user's pack folder")
    elif name == "class":
        from essayplan.classcli import add_arguments

        add_arguments(command)
    elif name == "serve":
        command.add_argument("folder", type=Path, metavar="CLASS_FOLDER", help="each student's plans go in a folder here")
        command.add_argument("--pack", nargs="+", metavar="ID", help="the packs offered (default: every pack found)")
        command.add_argument("--host", default="localhost", help="default: localhost; 0.0.0.0 for the school network")
        command.add_argument("--port", type=int, default=8000)
        command.add_argument("--key", help="the class key in the link (default: a new random one)")
        command.add_argument("--max", type=int, default=40, metavar="N", help="at most N apps at once (default 40)")
        command.add_argument("--idle", type=float, default=30, metavar="MIN", help="close an app idle this long, saved (default 30)")


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        # `essayplan PLAN.toml` and `essayplan --pack X` mean `essayplan open ...`.
        first = _first_word(argv)
        if first not in COMMANDS and not {"-h", "--help", "--version"} & set(argv):
            _refuse_unknown_command(first)
            argv.insert(0, "open")
        # Only the command's own parser, but the whole one for the top-level --help and --version.
        command = _first_word(argv)
        before = argv[: argv.index(command)] if command is not None else argv
        whole = command not in COMMANDS or {"-h", "--help", "--version"} & set(before)
        if whole or before:
            args = build_parser(None if whole else command).parse_args(argv)
        else:  # the command comes first: its parser alone, or none for an export spelled plainly
            args = plain_export(argv[1:]) if command == "export" else None
            args = args or command_parser(command).parse_args(argv[1:])
        command = args.command or "open"
        if command != "open":  # the app freezes once it has loaded Textual and the pack
            freeze_once()
        return globals()[f"_cmd_{command.replace('-', '_')}"](args)
    except UserError as error:
        say(error, file=sys.stderr)
        return 2
    except OSError as error:
        # A path the user gave that the system refused (a file where a folder should be, ...).
        where = f"{error.filename}: " if error.filename else ""
        say(f"essayplan: {where}{error.strerror or error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _first_word(argv: list[str]) -> str | None:
    """The first argument that is neither an option nor an option's value."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg == "--pack":
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def _refuse_unknown_command(word: str | None) -> None:
    # A word that is neither a command nor a plan file is most likely a mistyped
    # command: say so, rather than "a plan file ends in .toml".
    if word is None or word.lower().endswith(".toml") or Path(word).exists() or any(c in word for c in "/\\."):
        return
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    raise UserError(
        f"essayplan: unknown command {word!r} ({hint}commands: {', '.join(COMMANDS)}; "
        "or give a plan file ending in .toml)"
    )


def _cmd_open(args: argparse.Namespace) -> int:
    from essayplan.session import open_session

    session = open_session(plan_path=args.plan, pack=args.pack)
    from essayplan.tui import EssayPlanApp

    app = EssayPlanApp(session=session)
    app.run()
    return app.return_code or 0


def _cmd_packs(args: argparse.Namespace) -> int:
    from essayplan.library import matches, shelf, sort_key
    from essayplan.model import plural
    from essayplan.packs import discover
    from essayplan.paths import display

    found = discover()
    if not found:
        say("no packs found")
        return 0
    query = " ".join(getattr(args, "words", None) or ())
    good = sorted((item for item in found if item.pack is not None), key=lambda item: sort_key(item.pack))
    broken = [item for item in found if item.pack is None]
    if query:
        good = [item for item in good if matches(item.pack, query)]
        broken = [item for item in broken if query.casefold() in item.path.name.casefold()]
        if not good and not broken:
            say(f"no pack matches {query!r} ({plural(len(found), 'pack')} in all: essayplan packs lists them)")
            return 0
    heading = None
    for item in good:
        pack = item.pack
        if shelf(pack) != heading:
            heading = shelf(pack)
            say(heading)
        say(
            f"  {pack.period:10} {pack.id:20} {pack.title} — {plural(len(pack.factors), 'factor')}, "
            f"{plural(pack.evidence_count, 'evidence card')} — {display(item.path)} [{item.origin}]"
        )
        if item.shadowed_by is not None:
            say(f"  {'':10} {'':20} shadowed by {display(item.shadowed_by)}{_case_note(item, found)}")
    if broken:
        say("Packs that do not check")
    for item in broken:
        say(f"  {'':10} {'(broken)':20} {display(item.path)} [{item.origin}]")
        for problem in item.problems:
            say(f"      {problem}")
    return 0


def _case_note(item, found) -> str:
    """Pack ids are compared ignoring case: say so when that is why a pack is shadowed."""
    winner = next((other.pack for other in found if other.path == item.shadowed_by and other.pack), None)
    if winner is not None and winner.id != item.pack.id:
        return f" (its id {winner.id!r} is the same ignoring case)"
    return ""


def _cmd_check(args: argparse.Namespace) -> int:
    from essayplan.checking import Packs, check_file

    failed = False
    packs = Packs()  # each plan's pack read once, however many plans name it
    for path in args.files:
        ok, lines = check_file(path, packs)
        failed |= not ok
        for line in lines:
            say(line, file=sys.stdout if ok else sys.stderr)
    return 2 if failed else 0


def _cmd_export(args: argparse.Namespace) -> int:
    from essayplan.checking import load_plan_and_pack
    from essayplan.export import default_output, export_plan

    plan, pack, _notes = load_plan_and_pack(args.plan)
    fmt = args.format or _format_of(args.output)
    out = args.output or default_output(args.plan, fmt)
    if out.exists() and not out.is_dir() and not args.force:  # a folder gets export's own message
        raise UserError(f"{out} exists; add --force to replace it")
    advice = None
    if not args.no_appendix:
        from essayplan.advice import advise, format_advice

        advice = format_advice(advise(plan, pack))
    written = export_plan(plan, pack, out, fmt, args.template, advice=advice, appendix=not args.no_appendix, frame=args.frame)
    say(f"wrote {written}")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from essayplan.serve import serve

    return serve(args.folder, args.pack, host=args.host, port=args.port, key=args.key, max_apps=args.max, idle=args.idle)


def _format_of(output: Path | None) -> str:
    """The format an output file's name asks for; Word when no file is given."""
    if output is None:
        return "docx"
    suffix = output.suffix.lower()
    if suffix in (".md", ".markdown"):
        return "md"
    if suffix in (".docx", ""):
        return "docx"
    raise UserError(f"{output}: name the file .docx (Word) or .md (Markdown), or give --format")


def _cmd_class(args: argparse.Namespace) -> int:
    from essayplan.classcli import run

    return run(args, say)


def _cmd_import(args: argparse.Namespace) -> int:
    from essayplan import paths
    from essayplan.importer import import_file, period_notes
    from essayplan.model import plural
    from essayplan.packs import save_pack

    pack = _own_id(import_file(args.card))
    out = args.output or paths.user_packs() / f"{pack.id}.toml"
    _refuse_overwrite(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_pack(pack, out)
    say(f"wrote {out}: {pack.title} — {plural(len(pack.factors), 'factor')}, {plural(pack.evidence_count, 'evidence card')}")
    for note in period_notes(pack):  # worth a look, never a reason to refuse the card
        say(f"{args.card}: note: {note}")
    return 0


def _cmd_new_pack(args: argparse.Namespace) -> int:
    from essayplan import paths
    from essayplan.packs import save_pack
    from essayplan.packedit import empty_pack

    pack = _own_id(empty_pack(args.title))
    out = args.output or paths.user_packs() / f"{pack.id}.toml"
    _refuse_overwrite(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    save_pack(pack, out)
    say(f"wrote {out}: edit it by hand or in the app (essayplan --pack {out})")
    return 0


def _own_id(pack):
    """A new pack never takes an id in use: it would hide that pack (the bundled one, say)."""
    from dataclasses import replace

    from essayplan.packedit import unique_pack_id

    return replace(pack, id=unique_pack_id(pack.id))


def _refuse_overwrite(path: Path) -> None:
    if path.exists():
        raise UserError(f"{path}: already exists; choose another path with -o")
