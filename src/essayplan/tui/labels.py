"""Short labels for hints, ghosts and one-line entries."""


def short(text: str, width: int = 60) -> str:
    """The text on one line, cut at `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
