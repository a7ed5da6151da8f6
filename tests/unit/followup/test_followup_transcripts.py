import io
from pathlib import Path

import docx
import pytest

from coach.errors import UserError
from coach.followup.transcripts import transcript_text

LIMIT = 5 * 1024 * 1024


def read_upload(name: str, data: bytes, limit: int = LIMIT) -> str:
    return transcript_text(name, data, max_bytes=limit)


VTT = """WEBVTT

NOTE recorded in Teams

1
00:00:01.000 --> 00:00:04.000
<v Mark Jansen>Hoe gaat het met je?</v>

2
00:00:04.500 --> 00:00:06.000
<v Mark Jansen>Ik hoorde dat het druk was.</v>

3
00:00:06.500 --> 00:00:09.000 align:start
<v Sanne>Ja, best <b>druk</b>. Ik stuur je morgen de planning.</v>
"""

SRT = """1
00:00:01,000 --> 00:00:03,000
Manager: How are you doing?

2
00:00:03,500 --> 00:00:05,000
Employee: Fine, thanks.

3
00:00:05,500 --> 00:00:07,000
Employee: I'll send the plan tomorrow.
"""


def test_vtt_voice_tags_merged_per_speaker() -> None:
    text = read_upload("call.vtt", VTT.encode())
    assert text.splitlines() == [
        "Mark Jansen: Hoe gaat het met je? Ik hoorde dat het druk was.",
        "Sanne: Ja, best druk. Ik stuur je morgen de planning.",
    ]


def test_srt_speaker_prefix_and_crlf() -> None:
    text = read_upload("CALL.SRT", SRT.replace("\n", "\r\n").encode())
    assert text.splitlines() == [
        "Manager: How are you doing?",
        "Employee: Fine, thanks. I'll send the plan tomorrow.",
    ]


def test_txt_and_md_with_bom() -> None:
    assert read_upload("notes.txt", "\ufeffIk zoek het uit.\n".encode()) == "Ik zoek het uit."
    assert read_upload("notes.md", b"# 1:1\n- actie") == "# 1:1\n- actie"


def test_docx_built_in_test() -> None:
    document = docx.Document()
    document.add_paragraph("Sanne: Ik stuur je vrijdag het overzicht.")
    document.add_paragraph("Mark: Prima.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Actie"
    table.rows[0].cells[1].text = "Mentor zoeken"
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_upload("verslag.docx", buffer.getvalue())
    assert "Sanne: Ik stuur je vrijdag het overzicht." in text
    assert "Actie | Mentor zoeken" in text


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("notes.pdf", b"%PDF-1.4", "transcript_unsupported"),
        ("noextension", b"hello", "transcript_unsupported"),
        ("notes.txt", "café".encode("latin-1"), "file_not_utf8"),
        ("notes.txt", b"   \n  ", "file_empty"),
        ("call.vtt", b"WEBVTT\n\n", "file_empty"),
        ("notes.docx", b"not a zip file", "file_unreadable"),
        ("notes.txt", b"a\x00b", "file_binary"),
        ("notes.txt", b"a" * (LIMIT + 1), "file_too_large"),
    ],
)
def test_bad_inputs(name: str, data: bytes, key: str) -> None:
    with pytest.raises(UserError) as info:
        read_upload(name, data)
    assert info.value.key == key


def test_the_limit_is_the_callers_setting_not_a_constant() -> None:
    one_mb = 1024 * 1024
    text = "Sanne: ik stuur het overzicht.\n" * 40_000  # ~1.2 MB
    with pytest.raises(UserError) as info:
        read_upload("notes.txt", text.encode(), limit=one_mb)
    assert (info.value.key, info.value.params) == ("file_too_large", {"limit_mb": 1})
    assert read_upload("notes.txt", text.encode(), limit=2 * one_mb).startswith("Sanne:")


def test_the_app_and_the_cli_read_uploads_within_coach_max_upload_mb(tmp_path: Path) -> None:
    """The container gives the follow-up service the setting (the decoder used to hold a
    5 MB constant of its own and ignored COACH_MAX_UPLOAD_MB)."""
    from coach.container import build_container
    from coach.settings import Settings

    c = build_container(Settings(data_dir=tmp_path / "data", llm="fake", max_upload_mb=1))
    big = ("Sanne: ik stuur het overzicht.\n" * 40_000).encode()
    with pytest.raises(UserError) as info:
        c.followup.read_transcript("notes.txt", big)
    assert info.value.params == {"limit_mb": 1}
    path = tmp_path / "call.vtt"
    path.write_bytes(big)
    with pytest.raises(UserError) as info:
        c.followup.read_transcript_file(path)  # refused on its size, before it is read
    assert info.value.key == "file_too_large"
    with pytest.raises(UserError) as info:
        c.followup.read_transcript_file(tmp_path / "missing.vtt")
    assert info.value.key == "file_not_found"
    path.write_text(VTT, encoding="utf-8")
    assert c.followup.read_transcript_file(path) == transcript_text(
        "call.vtt", VTT.encode(), max_bytes=LIMIT
    )
