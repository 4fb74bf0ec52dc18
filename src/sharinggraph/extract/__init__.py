"""Extraction (issue 12): a notice's text, HTML, PDF, DOCX or address to a draft encoding a curator
reviews. ``reading`` reads the input into text as quoted; ``structure`` and ``sections`` find its
blocks and their roles; the recognisers (``citations``, ``gazetteer``, ``parties``, ``periods``)
name what it says; ``draft`` and ``statements`` build the draft graph and ``turtle`` writes it;
``files`` writes a draft with the text as read and its source record beside it."""
