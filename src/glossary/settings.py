"""Service settings from ``GLOSSARY_*`` environment variables, with defaults that run locally."""

from __future__ import annotations

import ipaddress
import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator
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
    #: Where the rate limit counts: "memory" (one process) or "database" (shared by every
    #: worker and container; ``glossary serve --workers N`` chooses it when not set).
    rate_limit_storage: Literal["memory", "database"] = "memory"
    #: Open proposals one proposer (a key, or an address without one) may have at a time.
    max_open_proposals_per_proposer: int = 20
    #: Open proposals the glossary takes from everyone together.
    max_open_proposals: int = 1000
    cors_origins: Annotated[list[str], NoDecode] = []
    max_check_chars: int = 1_000_000
    #: Findings per answer of /v1/check, /v2/check and the /check page (a request may ask
    #: for fewer); the check stops there, so time and answer size stay bounded.
    max_findings: int = Field(default=1000, ge=1)
    max_body_bytes: int = 10 * 1024 * 1024
    #: Addresses or networks of the reverse proxies whose X-Forwarded-For and
    #: X-Forwarded-Proto are believed (comma-separated or a JSON list); empty: none.
    trusted_proxies: Annotated[list[str], NoDecode] = []

    @field_validator("cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        """Accept a JSON list or a comma-separated string."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, value: list[str]) -> list[str]:
        """Each entry is an IP address or network (a typo must not silently trust nobody)."""
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"not an IP address or network: {entry!r}") from None
        return value
