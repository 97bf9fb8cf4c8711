"""Modal screens: help, the question, a path to save to, a choice (the export dialog is in exporting.py)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from essayplan.tui.bars import KeyBar
from essayplan.tui.text import clean, literal

HELP = """\
# essayplan — keys and dragging

*Esc closes this help.*

**The flow:** choose the question, rank the factors (most important first, with a reason for
each), attach evidence cards to each factor's paragraph, write the PEEL paragraphs in the
**Plan** tab, read the **Check** tab's advice, then export to Word.

## Drag with the mouse
- Press on a card and move two cells: a ghost follows the pointer, and the place under it
  lights up and says where the card will land. Release to drop.
- Drag a **bank card** onto a factor in the ranking (or onto a card already there) to attach it.
- Drag an **attached card** to another place in a paragraph to reorder it, onto another factor
  to move it, or back to the bank to take it out.
- Drag a **factor's line** (the one with ⠿) up or down the ranking to re-rank it.
- **Esc**, or releasing where nothing can land, cancels: nothing changes.

## Move with the keyboard
Typing on the board never changes the plan: in the **bank** it searches the cards, in the
**ranking** it writes the reason of the factor under the cursor.

| key | what it does |
|---|---|
| Tab / shift+Tab | move between the question, the bank and the ranking |
| ↑ / ↓ (PgUp / PgDn, Home / End) | move the cursor between cards and factors |
| typing in the bank | search: only the cards with every word you typed stay (Space is part of the search) |
| Backspace / Esc in a search | take a letter off / show every card again |
| Enter on a factor in the bank (or a click) | fold its cards away, or show them |
| typing anywhere on a factor in the ranking, or Enter on its ✎ line | write why it is ranked there; Enter or Esc when done |
| Enter (or Space, outside a search) | lift the card or factor under the cursor |
| ↑ / ↓ while lifted | choose where it will land |
| Enter while lifted | drop it there (Space does not: it may be part of your typing) |
| Esc | cancel the move |
| ctrl+a | attach the bank card under the cursor to the selected factor |
| 1 … 9 while a bank card is lifted | aim it at the factor ranked 1 … 9 (Enter drops it) |
| alt+1 … alt+9 | attach the bank card under the cursor to the factor ranked 1 … 9 (where the terminal sends alt) |
| ctrl+↑ / ctrl+↓ (or shift+↑/↓) | rank the factor under the cursor up / down; move an attached card earlier / later |
| Delete on an attached card | take it out of its paragraph |
| Delete on a bank card | set it aside on purpose (the advice stops counting it), or bring it back |
| x on the Check view's unused-evidence note | set all the unused cards aside |

## Writing the plan (F3)
| key | what it does |
|---|---|
| ctrl+t | sentence starters for the part you are writing (offered, never forced) |
| ctrl+g | select the next "…" gap a starter left |
| ctrl+n | add evidence to this paragraph from a list of the pack's cards |
| ctrl+↑ / ctrl+↓ on a ¶ heading | move the paragraph earlier / later in the essay |
| ctrl+o | put the paragraphs in ranking order |
| ctrl+l | switch the paragraph labels between PEEL and PEAL |

Under each paragraph's cards, **+ Add own evidence** (Enter or a click) adds a line of your own
knowledge; Enter on a written line starts the next, Backspace in an empty line removes it.

In **Check (F4)**, Enter or a click on an item takes you to that part of the plan.

## Weighing the factors (Rank, F2)
The **Weigh** panel under the ranking is for the factor under the ranking's cursor (Tab to it).
It is a small form; typing in it writes that factor's reason, as in the ranking:
| key | what it does |
|---|---|
| ↑ / ↓ | choose its weight, "without it" or its role |
| → / ← | the weight in steps of 5% (a click or a drag along the bar sets it); the next or previous choice for the other two |
| Delete | clear the line chosen |

"Without it": would it have happened anyway, later, or never? Role: long-term, short-term,
precondition or trigger.

For a "how far" question, the **judgement line** under the question holds your mark, from
"not at all" to "entirely": ← / → (or a click or a drag on the line) move it, Delete takes it off.

## Linking the factors (Links, F5)
Drag one factor's box onto another, or:
| key | what it does |
|---|---|
| Enter on a factor | start a link from it; ↑ / ↓ choose the factor it acts on; Enter |
| ← / → or 1 … 4, Enter | what it did: enabled, strengthened, weakened or depended on |
| (then type) | the sentence saying how; Enter when done |
| Enter on a link | edit its sentence |
| k / r / d | change its kind / reverse it / delete it |

**ctrl+f** (or the palette's "Add a factor of my own…") adds a factor the pack lacks.

## Everywhere
| key | what it does |
|---|---|
| F1 (or ? outside a field or search) | this help |
| F2 / F3 / F4 / F5 | the Rank, Plan, Check and Links tabs |
| ctrl+z / ctrl+y | undo / redo, step by step |
| ctrl+s | save now (the plan also saves itself a second after every change) |
| ctrl+e | export to Word (.docx) or Markdown |
| ctrl+p | command palette: save as, choose the question, themes and more |
| ctrl+q | save and quit |

Your work is saved automatically to the file shown at the top. Nothing you type is lost.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close help")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help", classes="dialog"):
            from textual.widgets import Markdown  # with markdown-it: ~20 ms that start-up need not pay

            yield Markdown(HELP)
            yield Button("Close (Esc)", id="close", variant="primary")
        yield KeyBar()  # the help's keys, not the plan's under it

    @on(Button.Pressed, "#close")
    def close(self) -> None:
        self.dismiss()


class QuestionScreen(ModalScreen[str | None]):
    """Pick one of the pack's questions, or type your own."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, questions: tuple[str, ...], current: str) -> None:
        super().__init__()
        self.questions = questions
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="question-dialog", classes="dialog"):
            yield Label("Choose the question (Enter), or type your own below:", classes="dialog-title")
            # A pack's question is text, never markup: a [@click=…] in it must not run.
            yield OptionList(*[Option(literal(q)) for q in self.questions], id="questions")
            yield Input(clean(self.current), placeholder="Type your own question and press Enter", id="own-question")
            with Horizontal(classes="buttons"):
                yield Button("Use typed question", id="use", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        if self.current in self.questions:
            options.highlighted = self.questions.index(self.current)
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.questions[event.option_index])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    @on(Button.Pressed, "#use")
    def use_typed(self) -> None:
        self.dismiss(self.query_one(Input).value.strip())

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


DIALOG_CSS = """
.pe-dialog {
    width: 70;
    max-width: 95%;
    height: auto;
    border: thick $accent;
    background: $surface;
    padding: 0 1;
}
.pe-dialog .pe-dialog-title { text-style: bold; margin-bottom: 1; }
.pe-dialog .buttons { height: auto; align: right middle; margin-top: 1; }
.pe-dialog .buttons Button { margin-left: 1; }
"""


class Dialog(ModalScreen):
    """A small modal: Esc cancels; the keys of the screen under it stay quiet."""

    DEFAULT_CSS = "Dialog { align: center middle; }" + DIALOG_CSS
    # The plan's keys must not fire under a dialog (the app's check_action).
    SCREEN_OWNS = ("undo", "redo", "save", "export", "quit")
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptScreen(Dialog):
    """Ask for one line of text: a path, a new factor's title, a card's text."""

    def __init__(self, title: str, placeholder: str, verb: str, value: str = "") -> None:
        super().__init__()
        self.title_text, self.placeholder, self.verb, self.value = title, placeholder, verb, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="pe-dialog"):
            yield Label(literal(self.title_text), classes="pe-dialog-title")
            yield Input(clean(self.value), placeholder=self.placeholder, id="prompt")
            with Horizontal(classes="buttons"):
                yield Button(self.verb, id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    @on(Button.Pressed, "#ok")
    def ok(self) -> None:
        self.dismiss(self.query_one(Input).value.strip() or None)

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(Dialog):
    """A question with buttons; dismisses with the chosen button's id (None on Esc)."""

    def __init__(self, message: str, choices: list[tuple[str, str, str]], id: str | None = None) -> None:
        super().__init__(id=id)
        self.message, self.choices = message, choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="pe-dialog"):
            yield Static(literal(self.message, multiline=True), classes="pe-dialog-title")
            with Horizontal(classes="buttons"):
                for choice_id, label, variant in self.choices:
                    yield Button(literal(label), id=choice_id, variant=variant)

    def on_mount(self) -> None:
        self.query(Button).first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)
