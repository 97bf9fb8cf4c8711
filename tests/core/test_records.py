"""Records (`essayplan.records`) behave as the frozen dataclasses they replace, made cheaper:
each is checked against a twin made by `dataclasses` from the same fields."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import tracemalloc
from dataclasses import FrozenInstanceError, field, fields, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from essayplan import classroom, conflicts, locks, model, recovery
from essayplan.records import record

RECORDS = [
    model.Evidence, model.Factor, model.Pack, model.Ranked, model.Link, model.OwnFactor,
    model.Paragraph, model.Plan, classroom.Policy, conflicts.Fingerprint, locks.Holder, recovery.Copy,
]
VALUES = st.one_of(st.none(), st.integers(-3, 3), st.text(max_size=3), st.tuples(st.text(max_size=2)))


def twin(cls: type) -> type:
    """`cls` as `dataclass(frozen=True)` makes it: the same fields, defaults and flags."""
    return dataclasses.make_dataclass(
        cls.__name__,
        [
            (f.name, f.type, field(default=f.default, default_factory=f.default_factory, compare=f.compare, repr=f.repr))
            for f in fields(cls)
        ],
        frozen=True,
    )


TWINS = {cls: twin(cls) for cls in RECORDS}


def both(cls: type, values: list) -> tuple[object, object]:
    names = [f.name for f in fields(cls)]
    return cls(**dict(zip(names, values))), TWINS[cls](**dict(zip(names, values)))


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__qualname__)
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_a_record_equals_hashes_and_shows_as_its_dataclass_twin(cls, data):
    count = len(fields(cls))
    one, its_twin = both(cls, data.draw(st.lists(VALUES, min_size=count, max_size=count)))
    other, other_twin = both(cls, data.draw(st.lists(VALUES, min_size=count, max_size=count)))
    assert repr(one) == repr(its_twin)
    assert (one == other) == (its_twin == other_twin) and (one != other) == (its_twin != other_twin)
    assert one == copy.copy(one) and hash(one) == hash(its_twin)  # the same tuple hashed
    assert one != its_twin  # another class, as a dataclass is never equal to another class
    assert pickle.loads(pickle.dumps(one)) == one == copy.deepcopy(one)
    changed = replace(one, **{fields(cls)[0].name: "changed"})
    assert getattr(changed, fields(cls)[0].name) == "changed" and type(changed) is cls
    assert [getattr(changed, f.name) for f in fields(cls)[1:]] == [getattr(one, f.name) for f in fields(cls)[1:]]
    assert dataclasses.asdict(one) == dataclasses.asdict(its_twin)


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: cls.__qualname__)
def test_a_record_refuses_changes_and_bad_arguments_as_its_twin_does(cls):
    required = [f.name for f in fields(cls) if f.default is f.default_factory is dataclasses.MISSING]
    one, its_twin = both(cls, [""] * len(fields(cls)))
    for thing in (one, its_twin):
        with pytest.raises(FrozenInstanceError, match="cannot assign to field"):
            thing.__setattr__(fields(cls)[0].name, "x")
        with pytest.raises(FrozenInstanceError, match="cannot delete field"):
            delattr(thing, fields(cls)[0].name)
        with pytest.raises(TypeError, match="unexpected keyword argument 'nonsense'"):
            type(thing)(*[""] * len(required), nonsense=1)
        if required:
            with pytest.raises(TypeError, match="missing"):
                type(thing)()
    assert cls.__match_args__ == TWINS[cls].__match_args__
    assert str(inspect.signature(cls)) == str(inspect.signature(TWINS[cls]))  # names, defaults, types
    assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen


def test_defaults_are_made_for_each_record_and_given_values_kept():
    @record
    class Thing:
        """A record with a factory."""

        name: str
        items: list = field(default_factory=list)
        note: str = "-"

    first, second = Thing("a"), Thing("b")
    assert first.items == [] and first.items is not second.items and first.note == "-"
    given_items = [1]
    assert Thing("c", given_items).items is given_items and Thing(name="d", note="n").note == "n"
    plan = model.Plan("pack")
    assert plan.created == plan.modified and plan.created.tzinfo is not None  # made by `now`


def test_a_field_outside_comparison_is_outside_the_hash_too():
    here, there = model.Pack("p", "t", path=None), model.Pack("p", "t", path="/elsewhere")
    assert here == there and hash(here) == hash(there) and "path='/elsewhere'" in repr(there)
    assert here.factor("none") is None  # cached look-ups still work on a frozen record


def test_a_frozen_dataclass_can_extend_a_record():
    @dataclasses.dataclass(frozen=True)
    class Judged(model.Plan):
        judgement: str = ""

    judged = Judged("pack", judgement="mostly")
    assert judged.pack == "pack" and replace(judged, judgement="no").judgement == "no"
    plan = model.Plan("pack", created=judged.created, modified=judged.modified)
    assert plan != judged and judged != plan  # another class: never equal, as with dataclasses
    with pytest.raises(FrozenInstanceError):
        judged.__setattr__("pack", "other")


def test_records_share_their_methods_rather_than_compile_them():
    # The point of records: only `__init__` is compiled for each class (dataclasses compiles
    # six methods a class, ~5 ms for the model at every start).
    for name in ("__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"):
        assert len({getattr(cls, name) for cls in RECORDS}) == 1, name
    assert len({cls.__init__ for cls in RECORDS}) == len(RECORDS)


def test_a_card_keeps_no_dict_and_its_text_as_utf8_yet_reads_and_refuses_as_before():
    # A pack may hold thousands of cards: without a __dict__, and with one curly quote no
    # longer making the whole text two bytes a character, a card takes about half the memory.
    text = "Stalin — “the grey blur” — 日本 \ud800 é"  # a lone surrogate comes back too
    card = model.Evidence("c", text)
    assert card.text == text and type(card.text) is str and not hasattr(card, "__dict__")
    with pytest.raises(FrozenInstanceError):
        card.text = "changed"
    assert replace(card, group="g").text == text and pickle.loads(pickle.dumps(card)) == card
    # Beside a slotted dataclass holding the same cards' texts as str: a third less in all.
    slotted = dataclasses.make_dataclass("Evidence", [(f.name, f.type, field(default=f.default)) for f in fields(model.Evidence)], frozen=True, slots=True)  # fmt: skip
    assert held_by(model.Evidence) < 0.8 * held_by(slotted)


def held_by(cls: type) -> int:
    """Memory held by 1,000 cards made by `cls` from texts made for them (and let go)."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        cards = [cls(f"c{i}", f"Card {i}: Stalin used the General Secretary's power of appointment — “the grey blur”") for i in range(1000)]  # fmt: skip
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert len(cards) == 1000
    return held
