"""The command palette's plan entries: the app's commands, one per view, and each view's own.

Textual's own entries (themes, keys, screenshot, quit) stay in its system
provider; these come from tables, so a new view or command is one row.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from essayplan.tui.views import VIEWS

# (title, help, the app's action that does it)
APP_COMMANDS = (
    ("Edit this pack…", "Add, edit and reorder the pack's factors, cards and questions", "edit_pack"),
    ("New pack…", "Start an empty pack for another topic", "edit_pack(True)"),
    ("Open another pack…", "The library by subject and period; type to find a topic", "choose_pack"),
    ("Save", "Save the plan now (ctrl+s)", "save"),
    ("Save as…", "Save the plan to another file and keep working there", "save_as"),
    ("Export…", "Export the plan to Word or Markdown (ctrl+e)", "export"),
    ("Choose the question", "Pick one of the pack's questions or type your own", "choose_question"),
    ("Add a factor of my own…", "A factor the pack lacks (e.g. luck), ranked last (ctrl+f)", "screen.add_own_factor"),
    ("Undo", "Undo the last change (ctrl+z)", "undo"),
    ("Redo", "Redo the change undone (ctrl+y)", "redo"),
    ("Help: keys and dragging", "Every key, and how to drag (F1)", "help"),
)


class PlanCommands(Provider):
    """Palette entries for the plan: the app's commands, the views and their commands."""

    def commands(self) -> Iterator[tuple[str, str, Callable]]:
        app = self.app
        for title, help_text, action in APP_COMMANDS:
            if not app.classroom.allows(action):  # a served class offers no Save as, no pack editing
                continue
            yield title, app.classroom.help_text(help_text), partial(app.run_action, action)
        screen = app.plan_screen
        for view in VIEWS:
            yield f"{view.name} view", f"{view.help} ({app.classroom.key_label(view.key)})", partial(screen.action_show_view, view.id)
            for title, help_text, command in view.commands:
                yield title, help_text, partial(screen.run_view_command, view.id, command)

    async def discover(self) -> Hits:
        for title, help_text, callback in sorted(self.commands()):
            yield DiscoveryHit(title, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, callback in self.commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), callback, help=help_text)


def plan_commands() -> type[PlanCommands]:
    """Loaded when the palette first opens, not at start-up."""
    return PlanCommands
