"""General coach chat: deterministic, cited answers from notes and knowledge; the LLM phrases."""
