"""glossary: a shared sales and marketing glossary and an ambiguity check for documents."""

__version__ = "0.1.0"
