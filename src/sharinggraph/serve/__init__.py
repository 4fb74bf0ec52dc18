"""Serve: a local read-only SPARQL endpoint and query page, each query in a bounded forked worker."""
