"""Real model tests, no network: the embedded GGUF, and llama.cpp's OpenAI-compatible
server started here on 127.0.0.1 and reached through the openai: provider."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from coach.llm import LLMClient
from coach.llm.client import local_model_path
from coach.settings import Settings

pytestmark = [pytest.mark.integration, pytest.mark.llm]

PROMPT = [SystemMessage("You are a helpful assistant."), HumanMessage("Say hello in one sentence.")]


def test_embedded_model_replies_and_streams() -> None:
    client = LLMClient(Settings(llm="local", llm_max_tokens=24))
    text = client.complete(PROMPT)
    assert text.strip()
    short = client.complete([HumanMessage("Count from one to one hundred in words.")], max_tokens=5)
    assert short.strip() and len(short.split()) <= 8

    async def collect() -> list[str]:
        return [tok async for tok in client.astream(PROMPT)]

    tokens = asyncio.run(collect())
    assert len(tokens) > 1 and "".join(tokens).strip()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = _free_port()
    log = (tmp_path_factory.mktemp("llama") / "server.log").open("wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(local_model_path()),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,  # a full pipe would block the server
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"llama.cpp server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            time.sleep(0.3)
    try:
        yield f"http://127.0.0.1:{port}/v1"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()


def test_openai_compatible_path_talks_to_llama_server(llama_server: str) -> None:
    client = LLMClient(Settings(llm="openai:smollm2", llm_base_url=llama_server, llm_max_tokens=24))
    assert client.complete(PROMPT).strip()

    async def collect() -> list[str]:
        return [tok async for tok in client.astream(PROMPT)]

    assert "".join(asyncio.run(collect())).strip()


def test_plain_chat_path_gates_the_served_models_paragraph(llama_server: str) -> None:
    """The plain (non-agent) chat path against a real OpenAI-compatible server: the model is
    asked with the app's own prompt and what it wrote comes back as the gate's verdict."""
    from coach.chat.paragraph import gated_paragraph
    from coach.gate.policy import check_output
    from coach.prompts import get_prompt

    prompt = get_prompt("coach_answer", "en")
    question = "How is Sanne doing on energy?"
    note = "- Sanne de Vries, 2026-11-02: Sanne sleeps badly and still checks mail at night."
    system, user = prompt.render(question=question, notes=note, knowledge="-")
    client = LLMClient(Settings(llm="openai:smollm2", llm_base_url=llama_server, llm_max_tokens=60))
    verdict = asyncio.run(
        gated_paragraph(
            client,
            [SystemMessage(system), HumanMessage(user)],
            prompt,
            language="en",
            question=question,
            inputs=[user],
        )
    )
    assert verdict is not None and verdict.text.strip()  # the server was asked and answered
    again = check_output(
        verdict.text, prompt, language="en", question=question, inputs=[user], prose=True
    )
    assert again.reason == verdict.reason  # the verdict is the gate's, on the served text
