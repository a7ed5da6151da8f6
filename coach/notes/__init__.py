"""Notes: the manager's own observations, kept in SQL and mirrored into the vector index."""
