"""Annotated notice pages: the notice text with each encoded statement highlighted at its span,
the encoding on hover, click or focus, and each validation finding in the margin at its span."""
