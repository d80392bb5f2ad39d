"""The pure engine: glossary values, search and (later) text checking. No FastAPI, no SQL."""

from glossary.matching.model import Department, Glossary, Meaning, Status, Term, Usage

__all__ = ["Department", "Glossary", "Meaning", "Status", "Term", "Usage"]
