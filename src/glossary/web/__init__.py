"""The glossary's web pages and the term-lookup widget."""
