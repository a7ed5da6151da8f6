"""The practice knowledge base: Markdown entries in knowledge/, indexed and cited."""
