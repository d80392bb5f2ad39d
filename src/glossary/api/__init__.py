"""The HTTP face of the service: thin routes over ``glossary.service``."""

from glossary.api.app import create_app

__all__ = ["create_app"]
