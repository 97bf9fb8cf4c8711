"""Immutable records: frozen dataclasses made without compiling six methods per class.

`dataclass(frozen=True)` writes `__init__`, `__repr__`, `__eq__`, `__hash__`, `__setattr__`
and `__delattr__` as source and compiles each (Python 3.11: ~0.1 ms a method, ~5 ms for the
model at every start). A record is the same dataclass (`fields`, `replace`, `asdict`, pattern
matching, frozen subclasses all work), but only its `__init__` is compiled (one compile a
class); the other five are shared functions that read the class's field names.
"""

from __future__ import annotations

from dataclasses import MISSING, FrozenInstanceError, dataclass, fields
from operator import attrgetter


class _Factory:
    """The default of an argument whose default is made by a factory (shown as dataclasses does)."""

    def __repr__(self) -> str:
        return "<factory>"


_NO_VALUE = _Factory()


def record(cls: type | None = None, *, slots: bool = False, utf8: tuple[str, ...] = ()):
    """Make `cls` a frozen dataclass: equal and hashed by its compared fields, shown by
    its fields in its repr, and refusing any assignment or deletion after `__init__`.

    For a class with thousands of instances (`@record(slots=True, utf8=("text",))`):
    `slots`, no `__dict__` (~60 bytes less each; no `cached_property` then); `utf8`, str
    fields held as UTF-8 bytes, given back as str. One curly quote makes a str two bytes
    a character: 2,000 cards' texts took 0.69 MB as str, 0.35 MB as UTF-8.
    """
    if cls is None:
        return lambda cls: record(cls, slots=slots, utf8=utf8)
    cls = dataclass(cls, init=False, repr=False, eq=False, slots=slots or bool(utf8))
    for name in utf8:
        setattr(cls, name, _Utf8(getattr(cls, name)))
    if slots or utf8:  # pickle and copy set the fields the way __init__ does (setattr refuses)
        cls.__getstate__, cls.__setstate__ = _getstate, _setstate
    own = fields(cls)
    compared = [f.name for f in own if f.compare]
    # The values equality and the hash are about (of one field: the value itself).
    cls._record_key = staticmethod(attrgetter(*compared) if compared else _nothing)
    cls._record_shown = tuple(f.name for f in own if f.repr)
    cls.__init__ = _init(cls, own)
    cls.__repr__ = _repr
    cls.__eq__ = _eq
    cls.__hash__ = _hash
    cls.__setattr__ = _refuse_set
    cls.__delattr__ = _refuse_delete
    # What dataclasses tells others (a frozen subclass checks it): what this class now is
    # (`_DataclassParams` keeps these names in 3.11–3.14; test_records catches a change).
    params = cls.__dataclass_params__
    params.init = params.repr = params.eq = params.frozen = True
    return cls


def _init(cls: type, own) -> object:
    """The class's `__init__`, as dataclasses writes it for a frozen class."""
    names = {"_set": object.__setattr__, "_NO_VALUE": _NO_VALUE}
    params, body = [], []
    for f in own:
        if f.default is not MISSING:
            names[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
            body.append(f"_set(self, {f.name!r}, {f.name})")
        elif f.default_factory is not MISSING:
            names[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_NO_VALUE")
            body.append(f"_set(self, {f.name!r}, _factory_{f.name}() if {f.name} is _NO_VALUE else {f.name})")
        else:
            params.append(f.name)
            body.append(f"_set(self, {f.name!r}, {f.name})")
    source = f"def __init__(self, {', '.join(params)}):\n    " + ("\n    ".join(body) or "pass")
    exec(compile(source, f"<record {cls.__qualname__}>", "exec"), names)
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {f.name: f.type for f in own} | {"return": None}
    init.__module__ = cls.__module__
    return init


class _Utf8:
    """A str field kept as UTF-8 bytes in its slot (`slot`: the slot's own descriptor).
    `__init__` stores through it (object.__setattr__ honours it); reading decodes (~0.3 µs
    for a card). Any other value is kept as it is (no caller gives bytes)."""

    def __init__(self, slot) -> None:
        self.slot = slot

    def __get__(self, instance: object, owner: type | None = None):
        if instance is None:
            return self
        value = self.slot.__get__(instance, owner)
        return value.decode("utf-8", "surrogatepass") if type(value) is bytes else value

    def __set__(self, instance: object, value: object) -> None:
        self.slot.__set__(instance, value.encode("utf-8", "surrogatepass") if type(value) is str else value)


def _getstate(self) -> list:
    return [getattr(self, f.name) for f in fields(self)]


def _setstate(self, state: list) -> None:
    for f, value in zip(fields(self), state, strict=True):
        object.__setattr__(self, f.name, value)


def _nothing(self: object) -> tuple:
    return ()


def _repr(self) -> str:
    shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._record_shown)
    return f"{type(self).__qualname__}({shown})"


def _eq(self, other: object) -> bool:
    if other.__class__ is self.__class__:
        return self._record_key(self) == other._record_key(other)
    return NotImplemented


def _hash(self) -> int:
    return hash(self._record_key(self))


def _refuse_set(self, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _refuse_delete(self, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")
