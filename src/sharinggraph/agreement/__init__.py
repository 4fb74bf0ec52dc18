"""Checks a data-sharing agreement, or a council's register of sharing, against the published notices.

``format`` reads and validates the agreement files, ``resolve`` turns their names into IRIs,
``verdict`` decides each flow's verdict from the compiled store, ``checklist`` checks the agreement
against the ICO data sharing code, ``register`` summarises a council's whole sharing log, and
``report`` and ``page`` write the answers as text, JSON, CSV and one offline HTML page.
"""
