"""The seed glossary and its index, shared by the engine's tables (built once per module, so
no test sees another's caches)."""

from __future__ import annotations

import pytest

from glossary.matching.index import TermIndex
from glossary.matching.model import Glossary
from glossary.terms_file import load_glossary
from tests.conftest import SEED


@pytest.fixture(scope="module")
def seed() -> Glossary:
    return load_glossary(SEED)


@pytest.fixture(scope="module")
def index(seed: Glossary) -> TermIndex:
    return TermIndex.build(seed)
