"""Curate: aids for encoding a notice: find a quote, set selector offsets from quotes, and check that
the encoding covers every list item of its source text."""
