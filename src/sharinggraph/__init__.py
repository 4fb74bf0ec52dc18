"""sharinggraph: a knowledge graph of who shares children's and families' personal data, and why.

The public API is imported on first use (PEP 562), so that a command which only opens the compiled
store does not pay for the SPARQL parser and the build at start-up.
"""

from importlib import import_module

from .errors import EndpointError, InputError, ProvenanceError, QueryError, SharingGraphError

_LAZY = {
    "BuildResult": ("load.build", "BuildResult"),
    "build_dataset": ("load.build", "build_dataset"),
    "run_query": ("query.sparql", "run"),
    "write_output": ("store.folder", "write_output"),
}

__all__ = [
    "BuildResult",
    "EndpointError",
    "InputError",
    "ProvenanceError",
    "QueryError",
    "SharingGraphError",
    "__version__",
    "build_dataset",
    "run_query",
    "write_output",
]


def __getattr__(name: str):
    """Import a public name, or the installed version, when it is first asked for."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version("sharinggraph")
        except PackageNotFoundError:  # running from a checkout without installation
            return "0.0.0"
    if name in _LAZY:
        module, attribute = _LAZY[name]
        value = getattr(import_module(f".{module}", __name__), attribute)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
