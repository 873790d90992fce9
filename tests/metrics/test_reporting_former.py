"""Members who left owe no four-year report: "ausgetreten", never "fällig", "überfällig" or "aktuell"."""

from __future__ import annotations

import pandas as pd

from metrics.members import member_facts, member_table
from metrics.reporting import FORMER, with_report_status
from metrics.standards import report_counts, report_overview, reports_sentence

AS_OF = 2026


def members() -> pd.DataFrame:
    """Four members as ``member_list`` gives them: two active, one left in 2019, one leaving only in 2030."""
    return pd.DataFrame(
        {
            "name": ["Kiel", "Herne", "Rosenheim", "Später"],
            "member_type": ["Stadt"] * 4,
            "state_code": ["SH", "NW", "BY", "NI"],
            "join_year": [2002, 1990, 2007, 2000],
            "leave_year": pd.array([None, None, 2019, 2030], dtype="Int64"),
            "population": pd.array([247_000, 157_000, 64_000, None], dtype="Int64"),
            "network": ["Nord", None, "Bayern", None],
            "contact_point": [None] * 4,
            "latitude": [None] * 4,
            "longitude": [None] * 4,
            "standards_met": pd.array([9, 9, None, None], dtype="Int64"),
            # Rosenheim's last report 2015 was due again in 2019, Herne's last in 1990 (joined): both long "overdue".
            "last_report_year": pd.array([2024, None, 2015, 2018], dtype="Int64"),
        }
    )


def test_a_member_that_left_is_ausgetreten_with_no_due_year() -> None:
    result = with_report_status(members(), AS_OF).set_index("name")
    assert result.loc["Rosenheim", "report_status"] == FORMER == "ausgetreten"
    assert pd.isna(result.loc["Rosenheim", "report_due_year"])
    assert (result.loc["Kiel", "report_status"], result.loc["Kiel", "report_due_year"]) == ("aktuell", 2028)
    assert (result.loc["Herne", "report_status"], result.loc["Herne", "report_due_year"]) == ("überfällig", 1994)
    # A leave year after the as-of year: still a member then, so still owes its reports.
    assert (result.loc["Später", "report_status"], result.loc["Später", "report_due_year"]) == ("überfällig", 2022)


def test_the_leave_year_itself_already_counts_as_left() -> None:
    row = members().iloc[[2]]
    assert with_report_status(row, 2019).iloc[0]["report_status"] == "ausgetreten"
    assert with_report_status(row, 2018).iloc[0]["report_status"] == "aktuell"  # due 2019


def test_a_frame_without_leave_years_keeps_the_four_year_rule() -> None:
    frame = pd.DataFrame({"join_year": [2020], "last_report_year": pd.array([None], dtype="Int64")})
    assert with_report_status(frame, AS_OF).iloc[0]["report_status"] == "überfällig"


def test_former_members_are_not_counted_overdue_and_come_last() -> None:
    submissions = pd.DataFrame({"name": ["Kiel"], "year": [AS_OF], "submitted_on": [None]})
    overview = report_overview(members(), submissions, AS_OF)
    assert overview["name"].tolist() == ["Herne", "Später", "Kiel", "Rosenheim"]
    assert overview.set_index("name").loc["Rosenheim", "status"] == "ausgetreten"
    assert pd.isna(overview.set_index("name").loc["Rosenheim", "due_year"])
    counts = report_counts(overview)
    assert counts == {"überfällig": 2, "fällig": 0, "aktuell": 1, "eingereicht": 1}  # no fourth status
    assert reports_sentence(counts, AS_OF) == "Ende 2026 sind 2 Berichte überfällig; 1 ging 2026 ein."


def test_member_table_and_steckbrief_facts_of_a_former_member() -> None:
    table = member_table(members(), AS_OF).set_index("name", drop=False)
    assert table.loc["Rosenheim", "report_status"] == "ausgetreten"
    assert pd.isna(table.loc["Rosenheim", "report_due_year"])
    facts = member_facts(table.loc["Rosenheim"])
    assert facts["Vier-Jahres-Bericht"] == "entfällt (ausgetreten)"
    assert "fällig 2" not in " ".join(facts.values())
    assert member_facts(table.loc["Kiel"])["Vier-Jahres-Bericht"] == "aktuell (fällig 2028)"
