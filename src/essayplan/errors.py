"""The one error type a user sees: a clear line, exit status 2, no traceback."""


class UserError(Exception):
    """A mistake in the user's input: a file, a path, an argument.

    `problems` holds one line per problem; str() joins them.
    """

    def __init__(self, *problems: str) -> None:
        super().__init__(*problems)
        self.problems = list(problems)

    def __str__(self) -> str:
        return "\n".join(self.problems)
