"""The one slash-command reader: composer commands and typed `/name argument`."""

from __future__ import annotations

from coach import slash

NAMES = {"team": "team", "overzicht": "team", "acties": "actions"}


def test_split_composer_and_typed() -> None:
    assert slash.split("Team", "  Sanne ") == ("team", "Sanne")
    assert slash.split("/checkin", "Sanne") == ("checkin", "Sanne")
    assert slash.split(None, " /Acties  Sanne de Vries ") == ("acties", "Sanne de Vries")
    assert slash.split(None, "/acties\nSanne") == ("acties", "Sanne")
    assert slash.split(None, "/team") == ("team", "")
    assert slash.split(None, "Hoe gaat het met /team?") is None
    assert slash.split(None, "/") is None
    assert slash.split(None, "") is None


def test_lookup_maps_known_names_only() -> None:
    assert slash.lookup(None, "/Overzicht", NAMES) == ("team", "")
    assert slash.lookup("acties", "Eva", NAMES) == ("actions", "Eva")
    assert slash.lookup(None, "/onbekend x", NAMES) is None
    assert slash.lookup("onbekend", "x", NAMES) is None
    assert slash.lookup(None, "team", NAMES) is None


def test_parse_gives_a_command_of_the_features_own_action() -> None:
    assert slash.parse(None, "/acties Sanne", NAMES) == slash.Command("actions", "Sanne")
    assert slash.parse("overzicht", "", NAMES) == slash.Command("team", "")
    assert slash.parse(None, "/onbekend x", NAMES) is None
    assert slash.parse(None, "gewoon een vraag", NAMES) is None
