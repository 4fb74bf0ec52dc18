"""Query: the library of `.rq` files with their headers, friendly parameter values resolved and bound
as RDF terms, the guard that keeps queries inside the built graph, and local runs."""
