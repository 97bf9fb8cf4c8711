"""Plan messages take their fields as a dataclass would (by position or by name, defaults,
a base class's fields first) and compare by identity, without compiling a method per class."""

from __future__ import annotations

import pytest

from essayplan.model import KINDS
from essayplan.tui.messages import AddLink, Attach, Detach, Notice, PlanEdit, Rank, SetLinkHow


def test_fields_by_position_and_by_name_with_defaults():
    message = Attach("card", rank=2)
    assert (message.evidence, message.factor, message.rank) == ("card", None, 2)
    link = AddLink("a", "b")
    assert (link.source, link.target, link.kind, link.how) == ("a", "b", KINDS[0], "")
    assert AddLink(source="a", target="b", how="so").how == "so"
    notice = Notice("Export failed", "Export", "error", 10)
    assert (notice.text, notice.title, notice.severity, notice.timeout) == ("Export failed", "Export", "error", 10)
    assert Notice("hi").severity == "information"


def test_a_subclass_without_fields_of_its_own_takes_its_base_class_fields():
    assert (Detach("f", "e").factor, Detach("f", "e").evidence) == ("f", "e")
    assert (Rank("f", -1).factor, Rank("f", -1).delta) == ("f", -1)
    assert Rank._fields.keys() == {"factor", "delta"}


def test_wrong_arguments_are_refused_as_a_dataclass_refuses_them():
    with pytest.raises(TypeError, match="missing argument 'evidence'"):
        Attach()
    with pytest.raises(TypeError, match="'evidence'"):
        Attach("card", evidence="again")
    with pytest.raises(TypeError, match="'colour'"):
        Attach("card", colour="red")
    with pytest.raises(TypeError, match="takes 3 arguments"):
        Attach("card", "factor", 1, 2)


def test_messages_compare_by_identity_and_show_their_fields():
    message = SetLinkHow("a", "b", "so")
    assert message == message and message != SetLinkHow("a", "b", "so")
    assert repr(message) == "SetLinkHow(source='a', target='b', how='so')"
    assert isinstance(message, PlanEdit) and message.merge_key is not None
    assert message.time > 0  # Message's own set-up ran
