"""The pack library as a student browses it: shelves by subject and period, and search.

Used by `essayplan packs` and by the app's pack choice, so both show the same
order and find the same packs for the same words.
"""

from __future__ import annotations

import re

from essayplan.model import Pack

NO_SUBJECT = "Other"
_YEAR = re.compile(r"\d{3,4}")


def period_start(pack: Pack) -> int:
    """The first year of the pack's period, for sorting; packs without one go last."""
    match = _YEAR.search(pack.period)
    return int(match[0]) if match else 10_000


def period_years(period: str) -> range | None:
    """The years a period covers: "1905–17" is 1905 to 1917, "1917" just 1917."""
    years = re.findall(r"\d+", period)
    if not years:
        return None
    first = int(years[0])
    last = years[-1] if len(years) > 1 else years[0]
    if len(last) < 4:  # "1905–17": the century of the first year
        last = str(first)[: 4 - len(last)] + last
    return range(first, max(first, int(last)) + 1)


def shelf(pack: Pack) -> str:
    """The heading a pack is listed under: its subject."""
    return pack.subject.strip() or NO_SUBJECT


def sort_key(pack: Pack) -> tuple:
    """Subject, then period (earliest first), then title; "Other" after the subjects."""
    subject = shelf(pack)
    return (subject == NO_SUBJECT, subject.casefold(), period_start(pack), pack.period, pack.title.casefold(), pack.id)


def _haystack(pack: Pack) -> str:
    parts = [pack.id, pack.title, pack.subject, pack.period]
    for factor in pack.factors:
        parts.append(factor.title)
        parts.extend(factor.keywords)
    return " ".join(parts).casefold()


def matches(pack: Pack, query: str) -> bool:
    """Does every word of the query occur in the pack's id, title, subject, period, factor titles or keywords?

    A year finds the packs whose period covers it: "1917" finds "1905–17".
    """
    haystack = _haystack(pack)
    # Quotes and dashes as typed on any keyboard: "stalin's", "1919-23" find "Stalin’s", "1919–23".
    haystack = haystack.replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-")
    words = query.casefold().replace("\u2019", "'").replace("\u2013", "-").replace("\u2014", "-").split()
    years = period_years(pack.period)
    return all(word in haystack or (word.isdigit() and years is not None and int(word) in years) for word in words)
