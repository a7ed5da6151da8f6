"""Search over a manager's own notes (and the knowledge base): Chroma vectors + BM25."""
