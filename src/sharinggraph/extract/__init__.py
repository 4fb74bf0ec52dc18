"""Extract a draft encoding from a council notice's text, HTML, PDF, DOCX or address (issue 12).

Reading and drafting: ``reading`` (with ``fetch``, ``webpage``, ``pdffile``, ``wordfile``) reads the
input into the text every selector quotes; ``structure`` and ``sections`` find its blocks and their
roles; ``draft`` and ``statements`` build the draft graph, ``turtle`` writes it as commented Turtle
and ``files`` writes it with the text as read and its source record beside it.

Recognisers (each with its contract in its docstring): ``citations`` (UK legal citations to
legislation.gov.uk identifiers, through the register read by ``register``), ``gazetteer`` (party,
category, purpose and other concepts of ``data/vocab``, exact and fuzzy, with leave-one-council-out
evidence from ``evidence``), ``parties`` (one party per body named in a phrase) and ``periods``
(dates and retention periods).
"""
