"""The SHACL engines validation can run (a module of its own: the command line reads it without rdflib)."""

ENGINES = ("rudof", "pyshacl")
#: rudof (pyrudof, Rust) validates the seeds in about half pyshacl's time with the same findings (tests
#: compare the two on every fixture and the seeds); pyshacl stays the reference, and the one engine
#: whose SHACL report graph is kept (`validate --format turtle`)
DEFAULT_ENGINE = "rudof"
