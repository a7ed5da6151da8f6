"""SQL storage: models, migrations, sessions and per-manager repositories."""
