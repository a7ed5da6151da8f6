from datetime import date

from coach.followup.extract import detect_language, extract

MEETING = date(2026, 1, 14)  # Wednesday


def _items(result):  # type: ignore[no-untyped-def]
    return [(a.owner, a.due) for a in result.action_items]


def test_dutch_notes_owner_and_due() -> None:
    text = (
        "Goed gesprek met Sanne. Het project loopt op schema.\n"
        "Ik zoek uit of de rapportages eenvoudiger kunnen. Sanne stuurt me voor vrijdag een "
        "overzicht van haar uren."
    )
    result = extract(text, MEETING, employee_name="Sanne de Vries", manager_name="Mark Jansen")
    assert result.language == "nl"
    assert _items(result) == [("manager", None), ("employee", date(2026, 1, 16))]
    assert "rapportages" in result.action_items[0].text
    assert result.action_items[1].due_phrase == "voor vrijdag"
    assert "vrijdag" not in result.action_items[1].text


def test_english_notes_and_hard_wrapped_lines() -> None:
    text = (
        "Alex feels the workload is high because of the on-call rotation and the incidents.\n"
        "I'll check with the platform team. Alex will send me an\n"
        "overview of the incidents by Friday."
    )
    result = extract(text, MEETING, employee_name="Alex Morgan", manager_name="Rachel Green")
    assert result.language == "en"
    assert _items(result) == [("manager", None), ("employee", date(2026, 1, 16))]
    assert "overview of the incidents" in result.action_items[1].text


def test_dutch_transcript_speaker_labels() -> None:
    text = (
        "Mark: Hoe gaat het met je?\n"
        "Sanne: Ik ben best moe. Ik stuur je morgen de planning.\n"
        "Mark: Dan ga ik met Pieter overleggen over extra hulp.\n"
        "Mark: En jij maakt voor eind Q1 een ontwikkelplan, goed?"
    )
    result = extract(text, MEETING, employee_name="Sanne", manager_name="Mark")
    assert _items(result) == [
        ("employee", date(2026, 1, 15)),
        ("manager", None),
        ("employee", date(2026, 3, 31)),
    ]
    assert [s.kind for s in result.signals] == ["low_energy"]


def test_english_transcript_with_role_labels_and_third_person() -> None:
    text = (
        "Manager: Shall we sit down with sales together?\n"
        "Employee: Yes. I'll send you the emails tomorrow.\n"
        "Manager: Then I'll ask Kevin to update the docs. Kevin will also sort out access."
    )
    result = extract(text, MEETING)
    assert _items(result) == [
        ("employee", date(2026, 1, 15)),
        ("manager", None),
        ("Kevin", None),
    ]


def test_markers_checkboxes_sections_and_owner_hints() -> None:
    text = (
        "Acties:\n"
        "- Fatima plant een gesprek met het team\n"
        "- Karin: opleidingsaanvraag tekenen, uiterlijk vrijdag\n"
        "- [ ] Mentor zoeken binnen de afdeling (Fatima)\n"
        "Resultaten\n"
        "- Doelen grotendeels gehaald\n"
        "TODO: presentatie voorbereiden owner: Joost\n"
        "Actie: ik boek de zaal voor 15-03."
    )
    result = extract(text, MEETING, employee_name="Fatima El Amrani", manager_name="Karin")
    assert _items(result) == [
        ("employee", None),
        ("manager", date(2026, 1, 16)),
        ("employee", None),
        ("Joost", None),
        ("manager", date(2026, 3, 15)),
    ]
    assert result.action_items[2].text == "Mentor zoeken binnen de afdeling"


def test_decisions_are_not_actions() -> None:
    text = (
        "We besloten dat Thijs voortaan op vrijdag thuiswerkt. Besluit: de 1:1 wordt "
        "tweewekelijks. We decided that Ben will lead the stand-ups."
    )
    result = extract(text, MEETING, employee_name="Thijs")
    assert result.action_items == []
    assert len(result.decisions) == 3
    assert result.decisions[1] == "de 1:1 wordt tweewekelijks."


def test_agreement_with_doer_is_an_action() -> None:
    result = extract(
        "We spreken af dat ik haar binnen twee weken informeer.", MEETING, employee_name="Priya"
    )
    assert _items(result) == [("manager", date(2026, 1, 28))]


def test_plain_narrative_yields_no_items() -> None:
    text = (
        "Lotte vertelde over haar vakantie. Het team heeft hard gewerkt aan de app en de "
        "reacties zijn positief. Ze vindt het leuk om samen te werken. Vorige maand heeft ze "
        "een training gevolgd. Ik kijk wel eens naar vacatures, zei ze. Ze maakt zich zorgen "
        "over de reorganisatie. Mehmet gaat in april met ouderschapsverlof.\n"
        "Emma finished the client project. She sometimes sends the notes late. "
        "She would love to attend a conference."
    )
    result = extract(text, MEETING, employee_name="Lotte")
    assert result.action_items == []


def test_vague_due_kept_as_phrase() -> None:
    result = extract("Hij gaat binnenkort zijn verlofuren plannen.", MEETING, employee_name="Thijs")
    item = result.action_items[0]
    assert (item.owner, item.due, item.due_phrase) == ("employee", None, "binnenkort")


def test_summary_per_topic_and_to_dict_shape() -> None:
    text = (
        "De klant is tevreden over de resultaten van het project. Ik ben erg moe van de "
        "werkdruk. Sanne wil een cursus volgen. Sanne stuurt vrijdag de planning."
    )
    result = extract(text, MEETING, employee_name="Sanne")
    data = result.to_dict()
    assert set(data) == {"summary", "decisions", "action_items", "signals"}
    assert {"results", "energy", "development"} <= set(data["summary"])
    assert data["action_items"] == [
        {"text": "De planning sturen", "owner": "employee", "due": "2026-01-16", "existing": None}
    ]
    assert all(set(s) == {"kind", "text", "evidence"} for s in data["signals"])


def test_signals_are_careful_not_diagnostic() -> None:
    text = (
        "Noor: Ik kijk wel eens naar vacatures.\nNoor: Er is spanning met een collega.\n"
        "Noor: Ik slaap slecht door zorgen thuis."
    )
    result = extract(text, MEETING, employee_name="Noor")
    kinds = {s.kind: s for s in result.signals}
    assert set(kinds) == {"flight_risk", "conflict", "wellbeing", "low_energy"}
    for signal in result.signals:
        assert "burn" not in signal.text.lower() and "depress" not in signal.text.lower()
        assert signal.evidence in signal.text
    assert "vraag" in kinds["low_energy"].text


def test_negated_signal_is_ignored() -> None:
    result = extract("Ik ben helemaal niet moe en er is geen conflict.", MEETING)
    assert result.signals == []


def test_detect_language() -> None:
    assert detect_language("Ik ga de planning maken voor het team.") == "nl"
    assert detect_language("I will make the plan for the team.") == "en"


def test_a_date_that_names_the_occasion_stays_in_the_text() -> None:
    r = extract(
        "Lotte bereidt voor de teamdag van 5 maart een presentatie voor.",
        date(2026, 2, 10),
        employee_name="Lotte Hendriks",
    )
    (item,) = r.action_items
    assert item.due == date(2026, 3, 5)
    assert "teamdag van 5 maart" in item.text
    r = extract(
        "Sanne stuurt het overzicht voor vrijdag.", date(2026, 2, 10), employee_name="Sanne"
    )
    assert r.action_items[0].text == "Het overzicht sturen"
