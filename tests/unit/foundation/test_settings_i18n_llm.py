import asyncio

import pytest
from langchain_core.messages import HumanMessage
from limits import parse as parse_rate
from pydantic import ValidationError

from coach.errors import UserError
from coach.i18n import LANGUAGES, catalogue, normalise_language, t
from coach.llm import LLMClient, LLMUnavailable, ScriptedChatModel, build_chat_model
from coach.settings import (
    AppSettings,
    ChromaSettings,
    DbSettings,
    SecuritySettings,
    Settings,
)


def test_settings_env_prefix_and_nesting(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("COACH_DB__URL", "sqlite:////tmp/x.db")
    monkeypatch.setenv("COACH_CHROMA__HOST", "127.0.0.1")
    monkeypatch.setenv("DATABASE_URL", "postgresql://should-not-be-used/db")
    s = Settings()
    assert s.data_dir == tmp_path
    assert s.database_url == "sqlite:////tmp/x.db"
    assert s.chroma.host == "127.0.0.1"


def test_default_database_is_sqlite_in_data_dir(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.delenv("COACH_DB__URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql://ignored/db")
    s = Settings(data_dir=tmp_path)
    assert s.database_url == f"sqlite:///{(tmp_path / 'coach.db').resolve()}"


def test_every_setting_is_documented() -> None:
    for name, field in Settings.model_fields.items():
        assert field.description or name in ("db", "chroma", "app"), name
    for group in (DbSettings, ChromaSettings, AppSettings, SecuritySettings):
        for name, field in group.model_fields.items():
            assert field.description, (group.__name__, name)


@pytest.mark.parametrize(
    "name",
    ["login_user_limit", "login_client_limit", "checkin_client_limit", "checkin_token_limit"],
)
def test_a_rate_limit_is_checked_when_the_settings_load(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """A wrong `limits` string stops every process at start-up, naming the setting (it used
    to pass until the app built its limiters); the defaults and a good string load."""
    default = getattr(SecuritySettings(), name)
    assert parse_rate(default).amount > 0
    monkeypatch.setenv(f"COACH_SECURITY__{name.upper()}", "3/minute")
    assert getattr(Settings().security, name) == "3/minute"
    monkeypatch.setenv(f"COACH_SECURITY__{name.upper()}", "vijf per kwartier")
    with pytest.raises(ValidationError, match=f"security.{name}"):
        Settings()


def test_catalogue_has_both_languages_and_formats() -> None:
    for key, entry in catalogue().items():
        for lang in LANGUAGES:
            assert entry[lang].strip(), (key, lang)
    assert "Sanne" in t("person_not_found", "nl", name="Sanne")
    assert t("person_not_found", "en-US", name="X").startswith("I don't know")
    assert normalise_language("nl-NL") == "nl"
    assert normalise_language("fr-FR") == "nl"
    assert normalise_language(None, "en") == "en"


def test_user_error_carries_key_and_params() -> None:
    e = UserError("file_too_large", limit_mb=5)
    assert e.key == "file_too_large" and e.params == {"limit_mb": 5}


def test_unknown_provider_gives_one_sentence() -> None:
    with pytest.raises(LLMUnavailable) as e:
        build_chat_model(Settings(llm="banana:x"))
    assert "not understood" in str(e.value)
    assert "\n" not in str(e.value)


def test_anthropic_without_key_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    with pytest.raises(LLMUnavailable, match="API key"):
        build_chat_model(Settings(llm="anthropic:claude-x"))


def test_fake_spec_names_the_fake_models_line() -> None:
    said = build_chat_model(Settings(llm="fake:Vraag Eva naar het ontwerpwerk."))
    assert said.invoke("hoi").content == "Vraag Eva naar het ontwerpwerk."
    assert build_chat_model(Settings(llm="fake")).invoke("hoi").content.startswith("(fake)")


def test_fake_model_records_prompts_and_streams() -> None:
    fake = ScriptedChatModel(replies=["een twee drie"])
    client = LLMClient(Settings(llm="fake"), model=fake)

    async def collect() -> list[str]:
        return [tok async for tok in client.astream([HumanMessage("hoi")])]

    tokens = asyncio.run(collect())
    assert "".join(tokens) == "een twee drie"
    assert len(tokens) == 3
    assert fake.prompts[0][0].content == "hoi"
    assert client.complete([HumanMessage("nog een")]) == fake.default


def test_unreachable_openai_server_is_one_sentence() -> None:
    # Port 9 on loopback: nothing listens, the connection is refused at once.
    s = Settings(llm="openai:any", llm_base_url="http://127.0.0.1:9/v1", llm_timeout_s=5)
    client = LLMClient(s)
    with pytest.raises(LLMUnavailable) as e:
        client.complete([HumanMessage("hi")])
    msg = str(e.value)
    assert "cannot be reached" in msg and "Traceback" not in msg
