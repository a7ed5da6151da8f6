"""One catalogue for our own user-facing strings (Dutch and English).

Handlers and the CLI never hard-code text: they call t(key, lang, **params).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGUAGES = ("nl", "en")
_CATALOGUE = Path(__file__).with_name("messages.yaml")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    data = yaml.safe_load(_CATALOGUE.read_text(encoding="utf-8"))
    for key, entry in data.items():
        missing = [lang for lang in LANGUAGES if lang not in entry]
        if missing:
            raise ValueError(f"message {key!r} lacks {missing}")
    return data  # type: ignore[no-any-return]


def normalise_language(lang: str | None, default: str = "nl") -> str:
    if not lang:
        return default
    code = lang.lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else default


def t(key: str, lang: str | None = "nl", **params: object) -> str:
    entry = catalogue().get(key)
    if entry is None:
        raise KeyError(f"no message {key!r} in the catalogue")
    text = entry[normalise_language(lang)]
    return text.format(**params) if params else text


def plural(key: str, n: int, lang: str | None = "nl", **params: object) -> str:
    """`key_one` when n == 1 and the catalogue has it, else `key`; `n` is passed as a param.

    Both our languages have one singular form, so one extra key per message is enough
    ("1 notitie" / "3 notities").
    """
    one = f"{key}_one"
    chosen = one if n == 1 and one in catalogue() else key
    return t(chosen, lang, n=n, **params)
