"""The pure engine: glossary values, search, and checking a text into typed findings.

``TermIndex.build(glossary)`` indexes the words, ``check(text, index)`` finds them and judges
each (``scan``, with ``spans`` placing them and ``meaning`` judging the likely department),
and ``findings`` holds the typed results and their check-contract JSON. It imports nothing of
the service, the API or the database, and reads no settings.
"""

from glossary.matching.model import Department, Glossary, Meaning, Status, Term, Usage

__all__ = ["Department", "Glossary", "Meaning", "Status", "Term", "Usage"]
