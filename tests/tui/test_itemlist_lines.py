"""The board's lists count an entry's lines without making them; lines are made as they are drawn (#18).

The count sets the heights and the scrollbar, so it must be the number of lines
Text.wrap gives, for any text and width; and a long list holds only the lines
of the entries drawn so far, not the wrapped lines of every card.
"""

from __future__ import annotations

import gc

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text
from textual.strip import Strip

from essayplan.tui import EssayPlanApp
from essayplan.tui.board import Bank
from essayplan.tui.itemlist import Entry, ItemList

CONSOLE = Console(width=80)
WORDS = st.sampled_from(
    ["a", "the", "Stalin", "General", "Secretary's", "—", "“grey", "blur”", "1924–29", "x" * 30, "日本語", "  ", "é"]
)


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(WORDS, min_size=1, max_size=40),
    joiner=st.sampled_from([" ", "  "]),  # line breaks and tabs: the next test
    width=st.integers(min_value=1, max_value=90),
    hang=st.integers(min_value=0, max_value=4),
    prefix=st.sampled_from([" ", "▌ ", ""]),
    overflow=st.sampled_from([None, "fold", "ellipsis", "crop"]),
)
def test_the_count_of_lines_is_what_wrapping_gives(words, joiner, width, hang, prefix, overflow):
    entry = Entry(("card", "c"), Text(joiner.join(words), overflow=overflow), "card", prefix=prefix, hang=hang)
    measured = ItemList._measure(entry, width, CONSOLE)
    if measured is None:  # drawn as its own text, on one line: it fits the room beside the prefix
        plain = entry.text.plain
        assert "\n" not in plain and "\t" not in plain and cell_len(plain) <= ItemList._room(entry, width)
    else:
        assert measured.count == len(ItemList._wrap(entry, width, CONSOLE))


@settings(max_examples=200, deadline=None)
@given(
    paragraphs=st.lists(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), min_size=2, max_size=4),
    width=st.integers(min_value=1, max_value=90),
    hang=st.integers(min_value=0, max_value=4),
    prefix=st.sampled_from([" ", "▌ ", ""]),
)
def test_a_text_with_line_breaks_has_the_lines_of_each_of_its_paragraphs(paragraphs, width, hang, prefix):
    # Such a text is wrapped at once (the rare path): its count must still be each paragraph's
    # count, as the counting path (checked above against rich) gives for text without breaks.
    from essayplan.tui.wrapcount import count_lines

    entry = Entry(("card", "c"), Text("\n".join(paragraphs)), "card", prefix=prefix, hang=hang)
    measured = ItemList._measure(entry, width, CONSOLE)
    room = max(1, ItemList._room(entry, width) - hang)
    assert measured.count == sum(count_lines(paragraph, room) for paragraph in paragraphs)
    assert measured.lines is not None and len(measured.lines) == measured.count  # made at once


async def test_a_long_bank_makes_the_lines_of_the_entries_drawn_only(bundled):
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bank = app.query_one(Bank)
        counted = sum(w.count for w in bank._wrapped.values())
        made = sum(w.count for w in bank._wrapped.values() if w.lines is not None)
        assert counted > 2 * bank.size.height  # the bundled bank is several screens long
        assert 0 < made <= bank.size.height + max(w.count for w in bank._wrapped.values())
        # Scrolled to its end, the last card is drawn from lines made then, as wrapping gives them.
        bank.scroll_end(animate=False)
        await pilot.pause()
        last = max(bank._wrapped)
        assert bank._wrapped[last].lines is not None
        lines = bank.lines_of(last)
        assert len(lines) == bank._wrapped[last].count
        start, end = bank.span_of(last)
        assert end - start == len(lines)
        assert [line.plain for line in lines] == [
            line.plain for line in ItemList._wrap(bank.entries[last], bank._width, app.console)
        ]


async def test_a_list_keeps_the_lines_it_drew_but_no_strip_of_its_own(bundled):
    """A Strip carries seven caches (~1 KiB), and Textual keeps its own Strip for each line
    on screen: the list keeps a drawn line's segments, and draws it again from them."""
    strips = lambda: sum(type(o) is Strip for o in gc.get_objects())  # noqa: E731
    app = EssayPlanApp(pack="stalin-rise")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bank = app.query_one(Bank)
        bank.scroll_to(y=bank.size.height, animate=False)  # a screenful not drawn yet
        before = strips()
        drawn = [bank.render_line(y).text for y in range(bank.size.height)]
        assert strips() <= before  # each line let go is gone: none kept by the list
        assert [bank.render_line(y).text for y in range(bank.size.height)] == drawn  # from what it kept
        assert len(bank._strips) >= bank.size.height


@settings(max_examples=500, deadline=None)
@given(
    text=st.text(st.sampled_from("ab x—日é\u200b\x07 .'“"), max_size=80),
    width=st.integers(min_value=1, max_value=30),
    fold=st.booleans(),
)
def test_the_count_is_rich_s_for_any_characters(text, width, fold):
    # rich's own line breaker, which Text.wrap uses: count_lines must find the same breaks.
    from rich._wrap import divide_line

    from essayplan.tui.wrapcount import count_lines

    assert count_lines(text, width, fold) == len(divide_line(text, width, fold=fold)) + 1


def test_counting_keeps_no_ascii_word_in_rich_s_width_cache():
    from rich.cells import cached_cell_len

    from essayplan.tui.wrapcount import count_lines

    cached_cell_len.cache_clear()
    assert count_lines("plain words of a card that goes on for a while " * 4, 20) == 10
    assert cached_cell_len.cache_info().currsize == 0
