"""Store: the build's output folder (the TriG and the compiled Oxigraph store), opened by every
other command without re-parsing, and the engine that answers SPARQL on it."""
