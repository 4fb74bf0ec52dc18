"""sharinggraph: a knowledge graph of who shares children's and families' personal data, and why."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sharinggraph")
except PackageNotFoundError:  # running from a checkout without installation
    __version__ = "0.0.0"

from .errors import EndpointError, InputError, ProvenanceError, QueryError, SharingGraphError
from .load.build import BuildResult, build_dataset
from .query.sparql import run as run_query
from .store.folder import write_output

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
