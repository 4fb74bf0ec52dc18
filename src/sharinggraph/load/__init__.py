"""Load: the project's Turtle and source records into one dataset, every selector verified against
its source text, and the derived graph (supported links, parties, closures) written beside it."""
