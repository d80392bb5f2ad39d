"""Service settings from ``GLOSSARY_*`` environment variables, with defaults that run locally."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Everything an operator can set; built once and passed down."""

    model_config = SettingsConfigDict(env_prefix="GLOSSARY_", extra="ignore")

    database_url: str = "sqlite:///./glossary.db"
    seed_file: Path | None = Path("data/terms.yaml")
    public_read: bool = True
    #: Anyone may propose terms and changes, also without a key.
    public_proposals: bool = False
    #: Count findings per term, day and department (never the checked text).
    stats: bool = False
    #: Checks and writes per minute per key (or address, without one); 0 turns the limit off.
    rate_limit: int = 0
    #: Open proposals one proposer (a key, or an address without one) may have at a time.
    max_open_proposals_per_proposer: int = 20
    #: Open proposals the glossary takes from everyone together.
    max_open_proposals: int = 1000
    cors_origins: Annotated[list[str], NoDecode] = []
    max_check_chars: int = 1_000_000
    max_body_bytes: int = 10 * 1024 * 1024

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        """Accept a JSON list or a comma-separated string."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value
