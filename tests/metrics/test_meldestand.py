"""The Meldestand on hand-built frames: member years, the four-year rule, the matrix, shares, reminders, letters."""

from __future__ import annotations

import datetime

import pandas as pd

from domain.headers import german_headers
from metrics import meldestand as m

# Kiel: member all along, reports everything in 2023, only figures in 2024, a report in 2021.
# Altstadt: left in 2023 (its last year), reported nothing.
# Neudorf: joined in 2024, reported self-help figures for 2024.
MEMBERS = pd.DataFrame(
    {
        "name": ["Kiel", "Altstadt", "Neudorf"],
        "contact_point": ["KIBIS Kiel", None, "Selbsthilfebüro Neudorf"],
        "join_year": [2002, 2010, 2024],
        "leave_year": pd.array([None, 2023, None], dtype="Int64"),
        "report_before": pd.array([2017, 2014, None], dtype="Int64"),
    }
)
ARRIVALS = pd.DataFrame(
    [
        ("Kiel", 2021, "report"),
        ("Kiel", 2023, "self_help"),
        ("Kiel", 2023, "assessment"),
        ("Kiel", 2023, "event"),
        ("Kiel", 2024, "self_help"),
        ("Kiel", 2024, "event"),
        ("Altstadt", 2025, "self_help"),  # after its leave year: ignored
        ("Neudorf", 2024, "self_help"),
    ],
    columns=["name", "year", "kind"],
)
TODAY = datetime.date(2026, 11, 30)


def status() -> pd.DataFrame:
    return m.reporting_status(MEMBERS, ARRIVALS, 2023, 2025)


def arrived(frame: pd.DataFrame, name: str, kind: str) -> dict[int, bool]:
    rows = frame[(frame["name"] == name) & (frame["kind"] == kind)]
    return dict(zip(rows["year"], rows["arrived"], strict=True))


def test_members_count_only_in_their_member_years() -> None:
    years = m.member_years(MEMBERS, 2023, 2025)
    assert years.groupby("name")["year"].apply(list).to_dict() == {
        "Altstadt": [2023],  # left in 2023: not expected afterwards
        "Kiel": [2023, 2024, 2025],
        "Neudorf": [2024, 2025],  # joined in 2024: nothing expected before
    }
    frame = status()
    assert len(frame) == 6 * 4
    assert arrived(frame, "Altstadt", "self_help") == {2023: False}  # the row of 2025 is not counted


def test_partial_reporting_per_kind_and_year() -> None:
    frame = status()
    assert arrived(frame, "Kiel", "self_help") == {2023: True, 2024: True, 2025: False}
    assert arrived(frame, "Kiel", "event") == {2023: True, 2024: True, 2025: False}
    # A self-assessment covers its year and the next one.
    assert arrived(frame, "Kiel", "assessment") == {2023: True, 2024: True, 2025: False}
    assert arrived(frame, "Neudorf", "self_help") == {2024: True, 2025: False}


def test_the_four_year_report_arrives_while_it_is_not_overdue() -> None:
    frame = status()
    # Kiel reported for 2021: due 2025, overdue from 2026 on, so never missing in 2023–2025.
    assert arrived(frame, "Kiel", "report") == {2023: True, 2024: True, 2025: True}
    # Altstadt's last report (2014, before the range) was due in 2018: overdue in 2023.
    assert arrived(frame, "Altstadt", "report") == {2023: False}
    # Neudorf joined in 2024 and owes its first report in 2028.
    assert arrived(frame, "Neudorf", "report") == {2024: True, 2025: True}
    later = m.reporting_status(MEMBERS, ARRIVALS, 2026, 2026)
    assert arrived(later, "Kiel", "report") == {2026: False}


def test_the_matrix_shows_letters_of_what_is_missing_longest_gaps_first() -> None:
    matrix = m.status_matrix(status(), MEMBERS, 2023, 2025)
    assert matrix["name"].tolist() == ["Neudorf", "Altstadt", "Kiel"]
    assert matrix["gaps"].tolist() == [5, 4, 3]
    rows = matrix.set_index("name")
    assert rows.loc["Kiel", "reported_2023"] == rows.loc["Kiel", "reported_2024"] == "✓"
    assert rows.loc["Kiel", "reported_2025"] == "S M V"
    assert rows.loc["Neudorf", "reported_2024"] == "M V"
    assert pd.isna(rows.loc["Neudorf", "reported_2023"])  # not yet a member
    assert rows.loc["Altstadt", "reported_2023"] == "S M B V"
    assert pd.isna(rows.loc["Altstadt", "reported_2024"])  # no longer a member
    assert list(german_headers(matrix).columns) == ["Kommune", "Lücken", "2023", "2024", "2025"]


def test_shares_count_only_the_members_of_each_year() -> None:
    shares = m.kind_shares(status()).set_index(["year", "kind"])
    assert shares.loc[(2023, "Selbsthilfe-Zahlen"), ["members", "arrived"]].tolist() == [2, 1]
    assert shares.loc[(2024, "Selbsthilfe-Zahlen"), "share"] == 1.0  # Kiel and Neudorf; Altstadt had left
    assert shares.loc[(2025, "Vier-Jahres-Bericht"), "share"] == 1.0
    assert shares.loc[(2023, "Vier-Jahres-Bericht"), "share"] == 0.5


def test_the_reminder_list_names_what_is_missing_since_when_with_the_contact() -> None:
    reminders = m.reminders(status(), MEMBERS).set_index("name")
    assert reminders.loc["Kiel", "missing"] == (
        "Selbsthilfe-Zahlen 2025; Mindeststandards-Selbsteinschätzung 2025; Veranstaltung 2025"
    )
    assert reminders.loc["Kiel", "contact_point"] == "KIBIS Kiel"
    assert reminders.loc["Kiel", "missing_since"] == 2025
    altstadt = reminders.loc["Altstadt", "missing"]
    assert altstadt.endswith("Vier-Jahres-Bericht (überfällig seit 2023); Veranstaltung 2023")
    assert reminders.loc["Neudorf", "missing"] == (
        "Selbsthilfe-Zahlen 2025; Mindeststandards-Selbsteinschätzung 2024–2025; Veranstaltung 2024–2025"
    )
    assert reminders.loc["Neudorf", "missing_since"] == 2024
    assert list(german_headers(reminders.reset_index()).columns) == [
        "Kommune",
        "Kontaktstelle",
        "Fehlt",
        "Fehlt seit",
        "Lücken",
    ]


def test_a_report_sent_late_shows_in_the_matrix_but_is_not_asked_for_again() -> None:
    # Kiel's last report before the range was for 2017: due 2021, overdue in 2022; the 2023 report arrived.
    members = MEMBERS.iloc[[0]].assign(report_before=pd.array([2017], dtype="Int64"))
    sent = pd.DataFrame(
        [("Kiel", year, kind) for year in (2022, 2023) for kind in ("self_help", "assessment", "event")]
        + [("Kiel", 2023, "report")],
        columns=["name", "year", "kind"],
    )
    frame = m.reporting_status(members, sent, 2022, 2023)
    assert m.status_matrix(frame, members, 2022, 2023)[["reported_2022", "reported_2023"]].iloc[0].tolist() == [
        "B",
        "✓",
    ]
    assert m.reminders(frame, members).empty
    still = m.reporting_status(members, sent[sent["kind"] != "report"], 2022, 2023)
    assert m.reminders(still, members)["missing"].tolist() == ["Vier-Jahres-Bericht (überfällig seit 2022)"]


def test_a_member_with_everything_sent_gets_no_reminder() -> None:
    kinds = ("self_help", "assessment", "report", "event")
    complete = pd.DataFrame([("Kiel", 2023, kind) for kind in kinds], columns=["name", "year", "kind"])
    frame = m.reporting_status(MEMBERS.iloc[[0]], complete, 2023, 2023)
    assert m.reminders(frame, MEMBERS).empty
    assert m.reminder_letters(frame, MEMBERS, TODAY) == ()
    assert m.status_matrix(frame, MEMBERS.iloc[[0]], 2023, 2023)["reported_2023"].tolist() == ["✓"]


def test_each_letter_names_exactly_what_is_missing() -> None:
    letters = dict(m.reminder_letters(status(), MEMBERS, TODAY))
    assert list(letters) == ["Neudorf", "Altstadt", "Kiel"]
    neudorf = letters["Neudorf"]
    assert neudorf.startswith("Neudorf\nKontaktstelle: Selbsthilfebüro Neudorf\n\n30.11.2026")
    assert "– die Zahlen der Selbsthilfegruppen für 2025\n" in neudorf
    assert "– die Selbsteinschätzung zu den Mindeststandards (9-Punkte-Programm) für 2024–2025\n" in neudorf
    assert "– Angaben zu mindestens einer Veranstaltung für 2024–2025\n" in neudorf
    assert "Vier-Jahres-Bericht" not in neudorf  # not yet due
    assert "– der Vier-Jahres-Bericht (überfällig seit 2023)" in letters["Altstadt"]
    assert "Kontaktstelle" not in letters["Altstadt"]  # none recorded: no empty line
    assert "Sehr geehrte Damen und Herren" in neudorf
    assert "Mit freundlichen Grüßen" in neudorf


def test_the_letters_file_has_one_letter_per_page() -> None:
    letters = m.reminder_letters(status(), MEMBERS, TODAY)
    text = m.letters_file(letters).decode("utf-8")
    pages = text.split("\f")
    assert len(pages) == 3
    assert [page.strip().splitlines()[0] for page in pages] == ["Neudorf", "Altstadt", "Kiel"]


def test_year_spans_join_runs() -> None:
    assert m.year_spans([2023, 2019, 2020, 2021]) == "2019–2021, 2023"
    assert m.year_spans([2024]) == "2024"


def test_the_opening_sentence_states_the_newest_year() -> None:
    frame = status()
    sentence = m.meldestand_sentence(m.kind_shares(frame), 3, 2025)
    assert sentence.startswith("3 Mitglieder haben noch Lücken. Vollständig für 2025: Selbsthilfe-Zahlen 0\xa0%")
    assert "Vier-Jahres-Bericht 100\xa0%" in sentence
    assert m.meldestand_sentence(m.kind_shares(frame), 0, 2025).startswith("Alle Mitglieder der Auswahl haben alles")
