"""Extract a draft encoding from a council notice's text.

Recognisers (each with its contract in its docstring): ``citations`` (UK legal citations to
legislation.gov.uk identifiers, through the register read by ``register``), ``gazetteer`` (party,
category, purpose and other concepts of ``data/vocab``, exact and fuzzy, with leave-one-council-out
evidence from ``evidence``), ``parties`` (one party per body named in a phrase) and ``periods``
(dates and retention periods).
"""
