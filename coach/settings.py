"""Typed settings: environment variables with the COACH_ prefix, nested with `__`.

Our database URL is COACH_DB__URL on purpose: Chainlit silently takes over DATABASE_URL.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from limits import parse as parse_rate
from pydantic import AfterValidator, BaseModel, Field
from pydantic.fields import FieldInfo
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
)

PROFILE_VAR = "COACH_PROFILE"


class DbSettings(BaseModel):
    url: str | None = Field(
        default=None,
        description="SQLAlchemy URL (sync driver). Default: SQLite file coach.db in the data dir. "
        "Postgres: postgresql+psycopg://user:pw@host/db.",
    )


class ChromaSettings(BaseModel):
    host: str | None = Field(
        default=None,
        description="Chroma server host. Unset: embedded PersistentClient in <data dir>/chroma.",
    )
    port: int = Field(default=8001, description="Chroma server port (with COACH_CHROMA__HOST).")


class AppSettings(BaseModel):
    host: str = Field(default="127.0.0.1", description="Address the chat app listens on.")
    port: int = Field(default=8000, description="Port the chat app listens on.")
    public_url: str | None = Field(
        default=None,
        description="Base URL employees use for check-in links. Default: http://host:port.",
    )


def _valid_rate(rate: str) -> str:
    """A `limits` rate string such as "5/15minutes"; anything else stops the start-up (the
    error names the setting) instead of the first login or check-in."""
    parse_rate(rate)
    return rate


RateLimit = Annotated[str, AfterValidator(_valid_rate)]


def _past(counted: str) -> FieldInfo:
    """A RateLimit setting's description: what is counted before the next try gets 429."""
    return Field(description=f"{counted} before 429 (a `limits` rate string).")


class SecuritySettings(BaseModel):
    """Origins, sessions, login back-off and proxies (docs/security.md explains each)."""

    extra_origins: list[str] = Field(
        default_factory=list,
        description="Origins besides the public URL that may call the app (REST and socket), "
        'e.g. ["https://coach.example.org"]. Every other origin is refused.',
    )
    forwarded_allow_ips: list[str] = Field(
        default_factory=list,
        description="Reverse proxies whose X-Forwarded-For is believed. Empty: none, so a "
        "client cannot pick its own address for the login and check-in limits.",
    )
    session_idle_hours: float = Field(
        default=12.0, description="A login session ends after this long without a request."
    )
    session_max_days: float = Field(
        default=7.0, description="A login session ends this long after the login, in any case."
    )
    login_user_limit: Annotated[RateLimit, _past("Failed logins per username")] = "5/15minutes"
    login_client_limit: Annotated[RateLimit, _past("Failed logins per client")] = "20/15minutes"
    hash_concurrency: int = Field(
        default=2, description="Password hashes computed at once; more logins wait or get 429."
    )
    # Check-in guesses: a client over its limit still opens a real link (docs/security.md).
    checkin_client_limit: Annotated[RateLimit, _past("Wrong links per client")] = "10/10minutes"
    checkin_token_limit: Annotated[RateLimit, _past("Rejected posts per link")] = "10/10minutes"


class Settings(BaseSettings):
    """All knobs of Gesprekscoach; every field is documented in the README table."""

    model_config = SettingsConfigDict(
        env_prefix="COACH_", env_nested_delimiter="__", env_file=".env", extra="ignore"
    )

    data_dir: Path = Field(
        default=Path("data"), description="SQLite file, Chroma folder and secrets live here."
    )
    db: DbSettings = Field(default_factory=DbSettings)
    chroma: ChromaSettings = Field(default_factory=ChromaSettings)
    app: AppSettings = Field(default_factory=AppSettings)
    security: SecuritySettings = Field(
        default_factory=SecuritySettings,
        description="Origins, login sessions, login back-off, trusted proxies (COACH_SECURITY__*).",
    )
    llm: str = Field(
        default="local",
        description="local | fake[:reply] | ollama:<model> | openai:<model> | anthropic:<model>.",
    )
    llm_base_url: str | None = Field(
        default=None,
        description="Base URL for openai:/ollama: providers (any OpenAI-compatible server).",
    )
    llm_api_key: str | None = Field(
        default=None, description="API key for hosted providers (else their own env var)."
    )
    llm_timeout_s: float = Field(default=60.0, description="Timeout for one LLM call.")
    llm_max_tokens: int = Field(default=256, description="Max tokens the LLM may generate.")
    local_text_languages: str = Field(
        default="",
        description="Languages (comma-separated, e.g. 'en') in which text written by the "
        "embedded model (COACH_LLM=local) may be shown, after the output gate. Empty by "
        "default: measured by `coach eval gate`, the embedded model's text almost never "
        "passes the gate (README). Capable models are always gated, never switched off.",
    )
    embeddings: Literal["minilm", "use-multilingual"] = Field(
        default="minilm",
        description="minilm (all-MiniLM-L6-v2, sentence-transformers) or use-multilingual "
        "(Google USE multilingual v3, numpy). Both ship inside PyPI packages.",
    )
    retrieval_mode: Literal["hybrid", "vector", "bm25"] = Field(
        default="hybrid", description="How notes are searched: hybrid (BM25 + vectors, RRF)."
    )
    cadence_days: int = Field(default=28, description="Default 1:1 interval for new people.")
    meeting_minutes: int = Field(
        default=45, ge=15, le=240, description="Default 1:1 length in minutes for new people."
    )
    timezone: str = Field(default="Europe/Amsterdam", description="Time zone for dates.")
    default_language: Literal["nl", "en"] = Field(
        default="nl", description="Language when neither the user nor the browser says."
    )
    max_upload_mb: int = Field(default=5, description="Largest note file accepted.")

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The test profile never reads a `.env` file: a developer's own database stays out."""
        if os.environ.get(PROFILE_VAR) == "test":
            return (init_settings, env_settings)
        return (init_settings, env_settings, dotenv_settings, file_secret_settings)

    @property
    def database_url(self) -> str:
        if self.db.url:
            return self.db.url
        return f"sqlite:///{(self.data_dir / 'coach.db').resolve()}"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def public_url(self) -> str:
        """The URL people use; the one origin the app trusts besides `security.extra_origins`."""
        return (self.app.public_url or f"http://{self.app.host}:{self.app.port}").rstrip("/")


def enter_test_profile(environ: MutableMapping[str, str]) -> list[str]:
    """Switch a process (and the servers it starts) to the test profile: every COACH_*
    variable it inherited is dropped, as is DATABASE_URL, and `.env` is not read, so a test
    sees only the settings it sets itself. Returns the names it dropped."""
    dropped = [k for k in environ if k.startswith("COACH_") or k == "DATABASE_URL"]
    for key in dropped:
        del environ[key]
    environ[PROFILE_VAR] = "test"
    return dropped


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
