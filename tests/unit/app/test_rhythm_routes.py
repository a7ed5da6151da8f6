"""The check-in page is mounted ahead of a catch-all UI route, also when <data dir>/secrets is
`coach serve`'s env file (so the CSRF key cannot live in a folder of that name)."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.responses import PlainTextResponse
from fastapi.testclient import TestClient

from coach.app.flows.rhythm import mount_checkin
from coach.auth import create_manager
from coach.container import Container
from coach.storage import repo


def _spa_app() -> FastAPI:
    app = FastAPI()

    @app.get("/{full_path:path}")
    def spa(full_path: str) -> PlainTextResponse:  # Chainlit's catch-all, in miniature
        return PlainTextResponse("spa")

    return app


def _link(c: Container) -> str:
    mid = create_manager(c.db, "mira", "password-1").id
    with c.db.session() as s:
        repo.add_person(s, mid, "Sanne de Vries")
    url, _ = c.checkins.create_link(mid, "Sanne")
    return url.split("/checkin/", 1)[1]


def test_checkin_route_wins_over_the_catch_all(container: Container) -> None:
    token = _link(container)
    app = _spa_app()
    mount_checkin(app, container)
    client = TestClient(app)
    page = client.get(f"/checkin/{token}")
    assert page.status_code == 200
    assert "Hoi Sanne," in page.text and 'name="csrf"' in page.text
    assert client.get("/checkin/not-a-token").status_code == 404
    assert client.get("/some/ui/path").text == "spa"


def test_checkin_route_with_a_secrets_folder(container: Container) -> None:
    token = _link(container)
    app = _spa_app()
    mount_checkin(app, container)
    assert (container.settings.data_dir / "secrets" / "checkin_secret").is_file()
    assert TestClient(app).get(f"/checkin/{token}").status_code == 200
