"""Errors raised by sharinggraph; each carries the exit code the CLI returns for it."""


class SharingGraphError(Exception):
    """Base class: bad input or usage (exit code 2)."""

    exit_code = 2


class InputError(SharingGraphError):
    """A file, option or parameter that cannot be used as given (exit code 2)."""


class ProvenanceError(SharingGraphError):
    """A selector whose offsets do not point at its quoted text, or an altered source (exit code 2)."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        head = problems[0] if problems else "provenance check failed"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(head + more)


class QueryError(SharingGraphError):
    """A query that does not parse or that the runner refuses to run (exit code 2)."""


class EndpointError(SharingGraphError):
    """A remote SPARQL endpoint that cannot be reached or answers with an error (exit code 3)."""

    exit_code = 3


class SharingGraphWarning(UserWarning):
    """Something a command changed or dropped to write a valid output; the CLI prints it on stderr."""
