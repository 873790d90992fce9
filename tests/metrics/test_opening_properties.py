"""Issue 15: every figure in the opening sentences of Selbsthilfe, Mindeststandards, Netzwerke and Steckbrief.

For many generated data sets (hypothesis), the frames are built in the shapes the views
pass (``views/selfhelp.py``, ``views/standards.py``, ``views/networks.py``,
``views/profile.py``), the opening is generated, every number and percentage is parsed out
of every sentence and recomputed here from the generated rows with code of its own. Each
sentence must match its pattern as a whole, so no figure goes unchecked. Rates and
percentages follow the one rounding rule: half away from zero on the exact value.
"""

from __future__ import annotations

import datetime
import re
import warnings

import pandas as pd
from hypothesis import example, given, settings
from hypothesis import strategies as st

from domain.formatting import rounded_percent
from domain.vocabulary import COUNCIL_SIDES, STATES
from metrics.networks import networks_opening, seat_table
from metrics.profile import profile_opening
from metrics.selfhelp import median_rate, member_standing, missing_figures, ranking, self_help_opening, yearly_totals
from metrics.standards import MET, NOT_MET, PARTIAL, criterion_shares, standards_matrix, standards_opening

NUMBER = r"\d{1,3}(?:\.\d{3})*"
DECIMAL = rf"{NUMBER},\d"
PERCENT = rf"(?P<percent>{NUMBER})\u00a0%"
NAMES = ["Aalen", "Bochum", "Celle", "Dessau", "Erfurt", "Fulda", "Gotha", "Herne", "Jena", "Kiel"]
YEAR = 2025


def german_int(text: str) -> int:
    return int(text.replace(".", ""))


def german_tenths(text: str) -> int:
    """ "1.234,5" → 12345: a figure with one decimal as whole tenths, compared without floats."""
    whole, tenth = text.split(",")
    return german_int(whole) * 10 + int(tenth)


def rate_tenths(groups: int, population: int) -> int:
    """Groups per 100,000 inhabitants in tenths, half away from zero on the exact fraction."""
    return (2 * groups * 1_000_000 + population) // (2 * population)


def median_tenths(tenths: list[int]) -> int:
    """The median of figures with one decimal, rounded half away from zero to one decimal (in tenths)."""
    ordered, middle = sorted(tenths), len(tenths) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle] + 1) // 2  # (a + b) / 2, a half rounds up


def names_of(enumeration: str) -> list[str]:
    """ "A, B und C" → ["A", "B", "C"]."""
    return re.split(r", | und ", enumeration)


# --- Selbsthilfe -----------------------------------------------------------------------------------------------

POPULATIONS = st.one_of(st.none(), st.sampled_from([50_000, 100_000, 400_000]), st.integers(1, 2_000_000))
GROUPS = st.one_of(st.none(), st.integers(0, 3), st.integers(0, 2_000))

Member = tuple[str, "int | None", "int | None", "int | None"]
"""name, population, groups the year before, groups in the year (None: not reported)."""


@st.composite
def self_help_members(draw: st.DrawFn) -> list[Member]:
    count = draw(st.integers(0, len(NAMES)))
    return [(name, draw(POPULATIONS), draw(GROUPS), draw(GROUPS)) for name in NAMES[:count]]


def self_help_by_year(members: list[Member]) -> pd.DataFrame:
    """``self_help_by_year``'s shape: only years with a report; population of the reporting members that have one."""
    rows = []
    for year, index in ((YEAR - 1, 2), (YEAR, 3)):
        reporting = [member for member in members if member[index] is not None]
        if reporting:
            counted = [member for member in reporting if member[1] is not None]
            rows.append(
                {
                    "year": year,
                    "groups": sum(member[index] for member in reporting),
                    "new_groups": 0,
                    "reporting_members": len(reporting),
                    "population": sum(member[1] for member in counted),
                    "groups_with_population": sum(member[index] for member in counted),
                }
            )
    columns = ["year", "groups", "new_groups", "reporting_members", "population", "groups_with_population"]
    return pd.DataFrame(rows, columns=columns)


def self_help_by_member(members: list[Member], index: int) -> pd.DataFrame:
    """``self_help_by_member``'s shape: every active member, groups missing where nothing was reported."""
    return pd.DataFrame(
        {
            "name": [member[0] for member in members],
            "member_type": ["Stadt"] * len(members),
            "state_code": ["NW"] * len(members),
            "population": pd.array([member[1] for member in members], dtype="Int64"),
            "groups": pd.array([member[index] for member in members], dtype="Int64"),
            "new_groups": pd.array([None] * len(members), dtype="Int64"),
        }
    )


def self_help_sentences(members: list[Member]) -> tuple[int, list[str]]:
    """The Selbsthilfe opening as ``views.selfhelp.build`` makes it: for the newest reported year."""
    by_year = self_help_by_year(members)
    year = int(by_year["year"].max())
    by_member = self_help_by_member(members, 3 if year == YEAR else 2)
    missing = len(missing_figures(by_member))
    return year, self_help_opening(yearly_totals(by_year), ranking(by_member), missing, year)


SELF_HELP_FIRST = re.compile(
    rf"(?P<year>\d{{4}}) meldeten die Mitglieder (?P<groups>{NUMBER}) (?P<noun>Selbsthilfegruppen?)"
    rf"(?: \((?P<sign>[+−±])(?P<change>{NUMBER}) zum Vorjahr"
    rf"(?:, bei (?P<now>{NUMBER}) statt (?P<before>{NUMBER}) meldenden Mitgliedern)?\))?"
    rf"(?:, (?P<rate>{DECIMAL}) je 100\.000 Einwohner)?\."
)
SELF_HELP_TOP = re.compile(
    rf"Die höchste Dichte (?:hat (?P<one>[^,]+?) mit|haben (?P<many>.+?) mit je) (?P<rate>{DECIMAL}) Gruppen "
    r"je 100\.000 Einwohner\."
)
SELF_HELP_MISSING = re.compile(
    rf"Von (?P<missing>{NUMBER}) (?P<noun>Mitglied|Mitgliedern) fehlen die Zahlen für "
    rf"(?P<year>\d{{4}}) noch\."
)


@settings(max_examples=150, deadline=None)
@given(members=self_help_members())
@example(members=[])  # no members
@example(members=[("Aalen", None, None, None)])  # a member that never reported
@example(members=[("Aalen", None, 4, 5)])  # reported, but without population: no rate
@example(members=[("Aalen", 400_000, 1, 1)])  # 0,25 per 100,000: rounds to 0,3
@example(members=[("Aalen", 100_000, 3, 0), ("Bochum", 100_000, 0, 0)])  # zero groups
@example(members=[("Aalen", 100_000, 3, 5), ("Bochum", 100_000, 2, 5), ("Celle", None, 1, None)])  # tie, gap
def test_every_figure_in_the_self_help_opening_is_recomputed(members: list[Member]) -> None:
    if self_help_by_year(members).empty:  # the view shows no figures at all and asks for no sentence
        assert self_help_opening(yearly_totals(self_help_by_year(members)), pd.DataFrame(), 0, YEAR) == [
            f"Für {YEAR} liegen noch keine Selbsthilfezahlen vor."
        ]
        return
    year, sentences = self_help_sentences(members)
    index = 3 if year == YEAR else 2
    reporting = [member for member in members if member[index] is not None]
    first = SELF_HELP_FIRST.fullmatch(sentences[0])
    assert first, sentences[0]
    assert int(first["year"]) == year
    groups = sum(member[index] for member in reporting)
    assert german_int(first["groups"]) == groups
    assert first["noun"] == ("Selbsthilfegruppe" if groups == 1 else "Selbsthilfegruppen")
    before = [member for member in members if index == 3 and member[2] is not None]
    if before:  # the change belongs to the groups: it follows them, not the rate
        change = groups - sum(member[2] for member in before)
        assert first["sign"] == ("+" if change > 0 else "−" if change < 0 else "±")
        assert german_int(first["change"]) == abs(change)
        if len(before) != len(reporting):
            assert (german_int(first["now"]), german_int(first["before"])) == (len(reporting), len(before))
        else:
            assert first["now"] is None
    else:
        assert first["change"] is None
    counted = [member for member in reporting if member[1] is not None]
    population = sum(member[1] for member in counted)
    if population:
        assert german_tenths(first["rate"]) == rate_tenths(sum(member[index] for member in counted), population)
    else:
        assert first["rate"] is None
    rest = sentences[1:]
    rated = {member[0]: rate_tenths(member[index], member[1]) for member in counted}
    if rated:
        top = SELF_HELP_TOP.fullmatch(rest.pop(0))
        assert top, sentences
        best = max(rated.values())
        leaders = sorted(name for name, tenths in rated.items() if tenths == best)
        assert (names_of(top["many"]) if top["many"] else [top["one"]]) == leaders  # a tie names everyone
        assert german_tenths(top["rate"]) == best
    missing = [member for member in members if member[index] is None]
    if missing:
        said = SELF_HELP_MISSING.fullmatch(rest.pop(0))
        assert said, sentences
        assert german_int(said["missing"]) == len(missing)
        assert said["noun"] == ("Mitglied" if len(missing) == 1 else "Mitgliedern")
        assert int(said["year"]) == year
    assert rest == []


def test_the_change_of_the_groups_is_not_read_as_a_change_of_the_rate() -> None:
    """Before: "2025 meldeten die Mitglieder 70 Selbsthilfegruppen, 35,0 je 100.000 Einwohner (−30 zum Vorjahr, …)"."""
    members = [("Kiel", 100_000, 40, 42), ("Herne", 100_000, 30, 28), ("Saerbeck", None, 30, None)]
    assert self_help_sentences(members)[1][0] == (
        "2025 meldeten die Mitglieder 70 Selbsthilfegruppen (−30 zum Vorjahr, bei 2 statt 3 meldenden Mitgliedern), "
        "35,0 je 100.000 Einwohner."
    )


def test_members_with_the_same_highest_density_are_all_named() -> None:
    members = [("Kiel", 100_000, None, 5), ("Herne", 100_000, None, 5), ("Aalen", 200_000, None, 3)]
    assert self_help_sentences(members)[1][1] == (
        "Die höchste Dichte haben Herne und Kiel mit je 5,0 Gruppen je 100.000 Einwohner."
    )


def test_one_rounding_rule_for_rates_and_their_median() -> None:
    """1 group per 400,000 inhabitants is 0,25 per 100,000: 0,3 as everywhere else, not 0,2 (half to even)."""
    rates = self_help_sentences([("Kiel", 400_000, None, 1)])[1]
    assert rates[0] == "2025 meldeten die Mitglieder 1 Selbsthilfegruppe, 0,3 je 100.000 Einwohner."
    assert median_rate(pd.Series([10.2, 10.3])) == 10.3  # the median 10,25 reads 10,3


# --- Mindeststandards ---------------------------------------------------------------------------------------------

TITLES = [
    "Leitbild",
    "Beteiligung",
    "Selbsthilfe",
    "Koordination",
    "Berichte",
    "Netzwerk",
    "Fachtage",
    "Presse",
    "Ziele",
]
STATUS = st.sampled_from([MET, PARTIAL, NOT_MET])


@st.composite
def assessments(draw: st.DrawFn) -> tuple[int, dict[str, list[str] | None]]:
    """The number of criteria and, per active member, its statuses in the year (None: no self-assessment)."""
    count = draw(st.integers(2, 9))
    uniform = draw(st.booleans())  # each member answers every criterion alike: all criteria equal
    answers: dict[str, list[str] | None] = {}
    for name in NAMES[: draw(st.integers(0, 8))]:
        if draw(st.integers(0, 3)) == 0:
            answers[name] = None
        elif uniform:
            answers[name] = [draw(STATUS)] * count
        else:
            answers[name] = draw(st.lists(STATUS, min_size=count, max_size=count))
    return count, answers


def standards_frames(count: int, answers: dict[str, list[str] | None], noise: int) -> tuple[pd.DataFrame, ...]:
    """``standard_statuses`` of the year, ``standard_criteria`` and ``standard_status_counts`` (with another year)."""
    criteria = pd.DataFrame({"number": list(range(1, count + 1)), "title": TITLES[:count]})
    rows = []
    for name, statuses in answers.items():
        if statuses is None:
            rows.append({"name": name, "criterion_number": None, "status": None})
        rows.extend(
            {"name": name, "criterion_number": number, "status": status}
            for number, status in enumerate(statuses or [], start=1)
        )
    statuses_frame = pd.DataFrame(rows, columns=["name", "criterion_number", "status"])
    statuses_frame["criterion_number"] = pd.to_numeric(statuses_frame["criterion_number"])
    tally: dict[tuple[int, int, str], int] = {}
    for statuses in answers.values():
        for number, status in enumerate(statuses or [], start=1):
            tally[(YEAR, number, status)] = tally.get((YEAR, number, status), 0) + 1
    for number in range(1, count + 1):  # the year before, which the sentence must not read
        tally[(YEAR - 1, number, MET)] = noise
        tally[(YEAR - 1, number, NOT_MET)] = 1
    counts = pd.DataFrame(
        [(year, number, status, members) for (year, number, status), members in tally.items()],
        columns=["year", "criterion_number", "status", "members"],
    )
    return statuses_frame, criteria, counts


STANDARDS_FIRST = re.compile(
    rf"(?P<year>\d{{4}}) (?P<verb>hat|haben) (?P<answered>{NUMBER}) von (?P<members>{NUMBER}) Mitgliedern eine "
    rf"Selbsteinschätzung abgegeben; (?P<all>{NUMBER}) (?P<verb2>erfüllt|erfüllen) alle (?P<count>\d+) Punkte\."
)
WEAKEST_ONE = re.compile(
    rf"Am seltensten erfüllt ist Punkt (?P<number>\d+) \((?P<title>[^)]*)\): {PERCENT} der Mitglieder mit "
    r"Selbsteinschätzung\."
)
WEAKEST_TIED = re.compile(
    rf"Am seltensten erfüllt sind Punkt (?P<numbers>\d+(?:, \d+)* und \d+) \(je {PERCENT} der Mitglieder mit "
    r"Selbsteinschätzung\)\."
)
ALL_EQUAL = re.compile(
    rf"Jeder der (?P<count>\d+) Punkte ist bei {PERCENT} der Mitglieder mit Selbsteinschätzung erfüllt\."
)
OVERDUE = re.compile(
    rf"(?P<overdue>{NUMBER}) (?P<noun>Mitglied ist|Mitglieder sind) mit dem Vier-Jahres-Bericht im "
    r"Verzug\."
)


@settings(max_examples=150, deadline=None)
@given(drawn=assessments(), overdue=st.integers(0, 3), noise=st.integers(0, 5))
@example(drawn=(9, {}), overdue=0, noise=1)  # no members
@example(drawn=(9, {"Aalen": None, "Bochum": None}), overdue=2, noise=1)  # nobody assessed
@example(drawn=(3, {"Aalen": [MET] * 3, "Bochum": [NOT_MET] * 3}), overdue=1, noise=0)  # all criteria equal
@example(drawn=(3, {"Aalen": [MET, NOT_MET, NOT_MET], "Bochum": [MET, MET, NOT_MET]}), overdue=0, noise=0)
def test_every_figure_in_the_standards_opening_is_recomputed(
    drawn: tuple[int, dict[str, list[str] | None]], overdue: int, noise: int
) -> None:
    count, answers = drawn
    statuses, criteria, counts = standards_frames(count, answers, noise)
    matrix = standards_matrix(statuses, criteria)
    report = {"überfällig": overdue, "fällig": 0, "aktuell": 0}
    sentences = standards_opening(matrix, criterion_shares(counts, criteria), YEAR, report)
    if not answers:
        assert sentences == []
        return
    assessed = [statuses for statuses in answers.values() if statuses is not None]
    first = STANDARDS_FIRST.fullmatch(sentences[0])
    assert first, sentences[0]
    assert int(first["year"]) == YEAR
    assert (german_int(first["answered"]), german_int(first["members"])) == (len(assessed), len(answers))
    assert first["verb"] == ("hat" if len(assessed) == 1 else "haben")
    all_met = sum(all(status == MET for status in statuses) for statuses in assessed)
    assert german_int(first["all"]) == all_met
    assert first["verb2"] == ("erfüllt" if all_met == 1 else "erfüllen")
    assert int(first["count"]) == count
    rest = sentences[1:]
    if assessed:
        percents = {
            number: rounded_percent(sum(statuses[number - 1] == MET for statuses in assessed) / len(assessed))
            for number in range(1, count + 1)
        }
        lowest = min(percents.values())
        weakest = [number for number, percent in percents.items() if percent == lowest]
        said = rest.pop(0)
        if len(weakest) == count:  # "am seltensten" would say the others are met more often
            match = ALL_EQUAL.fullmatch(said)
            assert match, said
            assert int(match["count"]) == count
        elif len(weakest) == 1:
            match = WEAKEST_ONE.fullmatch(said)
            assert match, said
            assert int(match["number"]) == weakest[0]
            assert match["title"] == TITLES[weakest[0] - 1]
        else:
            match = WEAKEST_TIED.fullmatch(said)
            assert match, said
            assert [int(number) for number in names_of(match["numbers"])] == weakest
        assert german_int(match["percent"]) == lowest
    if overdue:
        match = OVERDUE.fullmatch(rest.pop(0))
        assert match, sentences
        assert german_int(match["overdue"]) == overdue
        assert match["noun"] == ("Mitglied ist" if overdue == 1 else "Mitglieder sind")
    assert rest == []


def test_when_all_criteria_are_met_equally_none_is_called_the_rarest() -> None:
    statuses, criteria, counts = standards_frames(3, {"Aalen": [MET] * 3, "Bochum": [NOT_MET] * 3}, 0)
    sentences = standards_opening(
        standards_matrix(statuses, criteria), criterion_shares(counts, criteria), YEAR, {"überfällig": 0}
    )
    assert sentences[1] == "Jeder der 3 Punkte ist bei 50\u00a0% der Mitglieder mit Selbsteinschätzung erfüllt."


def test_one_member_with_a_self_assessment_has_a_singular_verb() -> None:
    statuses, criteria, counts = standards_frames(2, {"Aalen": [MET, NOT_MET], "Bochum": None}, 0)
    sentences = standards_opening(
        standards_matrix(statuses, criteria), criterion_shares(counts, criteria), YEAR, {"überfällig": 0}
    )
    assert sentences[0] == ("2025 hat 1 von 2 Mitgliedern eine Selbsteinschätzung abgegeben; 0 erfüllen alle 2 Punkte.")


# --- Netzwerke & Gremien ------------------------------------------------------------------------------------------

NETWORKS = ["Nord", "Süd", "Rhein", "Elbe", "Harz"]
SIZES = st.one_of(st.integers(1, 3), st.integers(1, 60))


@st.composite
def network_rows(draw: st.DrawFn) -> list[dict[str, object]]:
    """``members_by_network``'s rows (None: members in no network), in any order."""
    rows: list[dict[str, object]] = []
    for name in NETWORKS[: draw(st.integers(0, len(NETWORKS)))]:
        members = draw(SIZES)
        rows.append({"network": name, "members": members, "states": draw(st.integers(1, min(members, 16)))})
    outside = draw(st.one_of(st.just(0), SIZES))
    if outside:
        rows.append({"network": None, "members": outside, "states": draw(st.integers(1, min(outside, 16)))})
    for row in rows:
        row["population"] = draw(st.integers(0, 5_000_000))
    return draw(st.permutations(rows))


SEATS = st.lists(st.tuples(st.sampled_from(COUNCIL_SIDES), st.sampled_from(sorted(STATES))), max_size=8)


def current_seats(seats: list[tuple[str, str]]) -> pd.DataFrame:
    """The seats on the day as ``seats_on`` returns them (a seat table)."""
    return seat_table(
        pd.DataFrame(
            {
                "name": [f"Sitz {chr(65 + index)}" for index in range(len(seats))],
                "state_code": [state for _, state in seats],
                "member_type": ["Stadt"] * len(seats),
                "side": [side for side, _ in seats],
                "term_start": [datetime.date(2020, 1, 1)] * len(seats),
                "term_end": [None] * len(seats),
            },
            columns=["name", "state_code", "member_type", "side", "term_start", "term_end"],
        )
    )


SHARE_ONE = re.compile(rf"{PERCENT} der Mitglieder arbeiten im Regionalnetzwerk (?P<network>\S+) mit\.")
SHARE_MANY = re.compile(
    rf"{PERCENT} der Mitglieder arbeiten in einem der (?P<networks>{NUMBER}) Regionalnetzwerke mit\."
)
SHARE_NONE = "Kein Mitglied dieser Auswahl arbeitet in einem Regionalnetzwerk mit."
LARGEST_ONE = re.compile(
    rf"Das größte ist (?P<network>\S+) mit (?P<members>{NUMBER}) (?P<noun>Mitglied|Mitgliedern) aus "
    rf"(?P<states>{NUMBER}) (?P<land>Land|Ländern)\."
)
LARGEST_TIED = re.compile(rf"Die größten sind (?P<networks>.+) mit je (?P<members>{NUMBER}) (?:Mitglied|Mitgliedern)\.")
TIED_NETWORK = re.compile(rf"(?P<network>\S+) \(aus (?P<states>{NUMBER}) (?P<land>Land|Ländern)\)")
COUNCIL = re.compile(
    rf"Am (?P<day>\d\d\.\d\d\.\d{{4}}) (?P<verb>sitzt|sitzen) im Sprecher\*innenrat (?P<municipal>{NUMBER}) "
    rf"(?P<noun>Vertretung|Vertretungen) der Kommunen und (?P<self_help>{NUMBER}) der Selbsthilfe aus "
    rf"(?P<states>{NUMBER}) (?P<land>Land|Ländern)\."
)


def land(count: int) -> str:
    return "Land" if count == 1 else "Ländern"


@settings(max_examples=150, deadline=None)
@given(rows=network_rows(), seats=SEATS, day=st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)))
@example(rows=[], seats=[], day=datetime.date(2026, 11, 30))  # no members, no council seats
@example(rows=[{"network": None, "members": 7, "states": 2, "population": 0}], seats=[], day=datetime.date(2026, 1, 1))
@example(  # a single network
    rows=[{"network": "Nord", "members": 2, "states": 1, "population": 9}],
    seats=[("Kommune", "SH")],
    day=datetime.date(2026, 1, 1),
)
@example(  # two networks of the same size
    rows=[
        {"network": "Süd", "members": 4, "states": 1, "population": 9},
        {"network": "Nord", "members": 4, "states": 2, "population": 9},
        {"network": "Harz", "members": 1, "states": 1, "population": 9},
    ],
    seats=[("Selbsthilfe", "BY")],
    day=datetime.date(2026, 1, 1),
)
def test_every_figure_in_the_networks_opening_is_recomputed(
    rows: list[dict[str, object]], seats: list[tuple[str, str]], day: datetime.date
) -> None:
    by_network = pd.DataFrame(rows, columns=["network", "members", "states", "population"])
    sentences = networks_opening(by_network, current_seats(seats), day)
    rest = list(sentences)
    total = sum(int(row["members"]) for row in rows)
    in_networks = [row for row in rows if row["network"] is not None]
    if total:
        said = rest.pop(0)
        if not in_networks:  # "0 % … in einem der 0 Regionalnetzwerke" is no sentence
            assert said == SHARE_NONE
        else:
            match = (SHARE_ONE if len(in_networks) == 1 else SHARE_MANY).fullmatch(said)
            assert match, said
            assert german_int(match["percent"]) == rounded_percent(
                sum(int(row["members"]) for row in in_networks) / total
            )
            if len(in_networks) == 1:
                assert match["network"] == in_networks[0]["network"]
            else:
                assert german_int(match["networks"]) == len(in_networks)
    if len(in_networks) > 1:
        said = rest.pop(0)
        most = max(int(row["members"]) for row in in_networks)
        largest = sorted((row for row in in_networks if row["members"] == most), key=lambda row: row["network"])
        if len(largest) == 1:
            match = LARGEST_ONE.fullmatch(said)
            assert match, said
            assert match["network"] == largest[0]["network"]
            assert german_int(match["members"]) == most
            assert match["noun"] == ("Mitglied" if most == 1 else "Mitgliedern")
            assert german_int(match["states"]) == largest[0]["states"]
            assert match["land"] == land(int(largest[0]["states"]))
        else:  # a tie names every largest network with its own Länder
            match = LARGEST_TIED.fullmatch(said)
            assert match, said
            assert german_int(match["members"]) == most
            named = [TIED_NETWORK.fullmatch(part) for part in names_of(match["networks"])]
            assert all(named), said
            assert [(part["network"], german_int(part["states"])) for part in named] == [
                (row["network"], row["states"]) for row in largest
            ]
            assert all(part["land"] == land(german_int(part["states"])) for part in named)
    said = rest.pop(0)
    if not seats:
        assert said == f"Am {day:%d.%m.%Y} ist im Sprecher*innenrat kein Sitz dieser Auswahl besetzt."
    else:
        match = COUNCIL.fullmatch(said)
        assert match, said
        assert datetime.datetime.strptime(match["day"], "%d.%m.%Y").date() == day
        municipal = sum(side == "Kommune" for side, _ in seats)
        assert (german_int(match["municipal"]), german_int(match["self_help"])) == (municipal, len(seats) - municipal)
        assert match["verb"] == ("sitzt" if len(seats) == 1 else "sitzen")
        assert match["noun"] == ("Vertretung" if municipal == 1 else "Vertretungen")
        states = len({state for _, state in seats})
        assert german_int(match["states"]) == states
        assert match["land"] == land(states)
    assert rest == []


def test_a_selection_in_no_network_says_so() -> None:
    by_network = pd.DataFrame({"network": [None], "members": [7], "states": [2], "population": [0]})
    assert networks_opening(by_network, current_seats([]), datetime.date(2026, 11, 30))[0] == SHARE_NONE


def test_networks_of_the_same_size_are_all_named_and_the_day_stands_apart_from_the_seats() -> None:
    by_network = pd.DataFrame(
        {"network": ["Süd", "Nord", None], "members": [4, 4, 2], "states": [1, 2, 1], "population": [0, 0, 0]}
    )
    sentences = networks_opening(by_network, current_seats([("Kommune", "SH")]), datetime.date(2026, 11, 30))
    assert sentences[1:] == [
        "Die größten sind Nord (aus 2 Ländern) und Süd (aus 1 Land) mit je 4 Mitgliedern.",
        "Am 30.11.2026 sitzt im Sprecher*innenrat 1 Vertretung der Kommunen und 0 der Selbsthilfe aus 1 Land.",
    ]


# --- Steckbrief ---------------------------------------------------------------------------------------------------


@st.composite
def member_years(draw: st.DrawFn) -> pd.DataFrame:
    """``self_help_member_years`` of the network: name, member_type, year, groups, population."""
    rows = []
    for name in NAMES[: draw(st.integers(0, len(NAMES)))]:
        population, member_type = draw(POPULATIONS), draw(st.sampled_from(["Stadt", "Landkreis"]))
        for year in (YEAR - 2, YEAR - 1, YEAR):
            groups = draw(GROUPS)
            if groups is not None:
                rows.append(
                    {"name": name, "member_type": member_type, "year": year, "groups": groups, "population": population}
                )
    frame = pd.DataFrame(rows, columns=["name", "member_type", "year", "groups", "population"])
    frame["population"] = frame["population"].astype("Int64")
    return frame


PROFILE_WHO = re.compile(
    r"Aalen \(Stadt, Bayern\) (?:ist seit (?P<joined>\d{4}) Mitglied|ist kein Mitglied mehr: beigetreten "
    r"(?P<joined_then>\d{4}), ausgetreten (?P<left>\d{4}))\."
)
PROFILE_EVENTS = re.compile(
    rf"(?:(?P<first>\d{{4}}) bis )?(?P<last>\d{{4}}): (?P<events>{NUMBER}) (?P<noun>Veranstaltung|Veranstaltungen) "
    r"erfasst\."
)
PROFILE_SELF_HELP = re.compile(
    rf"Selbsthilfe (?P<year>\d{{4}}): (?P<groups>{NUMBER}) (?P<noun>Gruppe|Gruppen)"
    rf"(?:, (?P<rate>{DECIMAL}) je 100\.000 Einwohner – Rang (?P<rank>{NUMBER}) von (?P<of>{NUMBER}) "
    rf"\(Median (?P<median>{DECIMAL})\))?\."
)
PROFILE_STANDARDS = re.compile(
    r"Mindeststandards: (?P<met>\d+) von (?P<of>\d+) Punkten erfüllt \(neueste Selbsteinschätzung\)\."
)


@settings(max_examples=150, deadline=None)
@given(
    years_frame=member_years(),
    joined=st.integers(1989, 2020),
    left=st.one_of(st.none(), st.integers(2021, 2026)),
    events=st.integers(0, 20_000),
    span=st.tuples(st.integers(1989, 2026), st.integers(0, 5)),
    standards=st.one_of(st.none(), st.integers(0, 9)),
)
def test_every_figure_in_the_profile_opening_is_recomputed(
    years_frame: pd.DataFrame, joined: int, left: int | None, events: int, span: tuple[int, int], standards: int | None
) -> None:
    facts = {"Kommune": "Aalen", "Art": "Stadt", "Land": "Bayern", "Mitglied seit": str(joined)}
    if left is not None:
        facts["Austritt"] = str(left)
    years = (span[0], span[0] + span[1])
    sentences = profile_opening(
        facts, events, years, member_standing(years_frame, "Aalen"), None if standards is None else (standards, 9)
    )
    who = PROFILE_WHO.fullmatch(sentences[0])
    assert who, sentences[0]
    assert (int(who["joined"] or who["joined_then"]), who["left"] and int(who["left"])) == (joined, left)
    said = PROFILE_EVENTS.fullmatch(sentences[1])
    assert said, sentences[1]
    assert (int(said["first"] or said["last"]), int(said["last"])) == years
    assert german_int(said["events"]) == events
    assert said["noun"] == ("Veranstaltung" if events == 1 else "Veranstaltungen")
    own = years_frame[years_frame["name"] == "Aalen"]
    if own.empty:
        assert sentences[2] == "Selbsthilfezahlen liegen nicht vor."
    else:
        match = PROFILE_SELF_HELP.fullmatch(sentences[2])
        assert match, sentences[2]
        year = int(own["year"].max())
        groups = int(own.loc[own["year"] == year, "groups"].iloc[0])
        assert (int(match["year"]), german_int(match["groups"])) == (year, groups)
        assert match["noun"] == ("Gruppe" if groups == 1 else "Gruppen")
        that_year = years_frame[(years_frame["year"] == year) & years_frame["population"].notna()]
        rates = {row.name: rate_tenths(int(row.groups), int(row.population)) for row in that_year.itertuples()}
        if "Aalen" in rates:
            assert german_tenths(match["rate"]) == rates["Aalen"]
            order = sorted(rates, key=lambda name: (-rates[name], name))  # the ranking table's order
            assert (german_int(match["rank"]), german_int(match["of"])) == (order.index("Aalen") + 1, len(rates))
            assert german_tenths(match["median"]) == median_tenths(list(rates.values()))
        else:  # without a population: no rate, no rank
            assert match["rate"] is None
    if standards is None:
        assert len(sentences) == 3
    else:
        match = PROFILE_STANDARDS.fullmatch(sentences[3])
        assert match, sentences[3]
        assert (int(match["met"]), int(match["of"])) == (standards, 9)
        assert len(sentences) == 4


def test_a_year_nobody_assessed_gives_a_matrix_of_no_answers_without_a_pandas_warning() -> None:
    """Filling the all-missing float matrix with words warned (Pandas4Warning) and will raise in pandas 4."""
    statuses, criteria, _ = standards_frames(2, {"Aalen": None, "Bochum": None}, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        matrix = standards_matrix(statuses, criteria)
    assert matrix.to_dict("records") == [
        {"name": name, "criteria_met": 0, "criterion_1": "keine Angabe", "criterion_2": "keine Angabe"}
        for name in ("Aalen", "Bochum")
    ]
