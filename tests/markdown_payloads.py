"""A database whose every name and free text is a Markdown payload, built through the real import.

Each kind of text gets its own variant (a leading word and its own URL path), so a test
that finds one on a page knows which field it came from: a member name, a network name,
a contact point, an event title, a self-help topic, a criterion title, an account name.
Each variant holds a Markdown image and link, emphasis, raw HTML and a Streamlit
directive, all pointing at ``127.0.0.1:9`` (the discard port: a browser that renders
one of them as Markdown requests it, and nothing answers); the contact point adds a
bare e-mail and www address (GitHub-flavoured Markdown links those by itself) and an
HTML entity. Names stay within the
lengths of the import templates (``data_access/importing/templates.py``): 100 for a
network and an account, so those two use the compact form with protocol-relative URLs.
"""

from __future__ import annotations

import csv
import io

from data_access.accounts import add_account
from data_access.importing.plan import import_file
from data_access.setup import prepare_database

PAYLOAD_HOST = "127.0.0.1:9"


def _payload(word: str, tag: str) -> str:
    return (
        f"{word} ![px](http://{PAYLOAD_HOST}/{tag}.png) [klick](http://{PAYLOAD_HOST}/{tag}) **fett** _kursiv_ "
        f"<img src=http://{PAYLOAD_HOST}/{tag}h.png> :red[rot]"
    )


def _short_payload(word: str, tag: str) -> str:
    return (
        f"{word} ![px](//{PAYLOAD_HOST}/{tag}) [k](//{PAYLOAD_HOST}/) **fett** _kursiv_ "
        f"<img src=//{PAYLOAD_HOST}/> :red[rot]"
    )


PAYLOADS: dict[str, str] = {
    "member": _payload("Kommune", "kommune"),
    "network": _short_payload("Netz", "n"),
    "contact": _payload("Stelle", "stelle") + " kontakt@stelle.example www.stelle.example &lt;b&gt;",
    "event": _payload("Titel", "titel"),
    "topic": _payload("Thema", "thema"),
    "criterion": _payload("Punkt", "punkt"),
    "account": _short_payload("Konto", ""),
}
"""The payload of each kind of text, by field."""

MARKERS: tuple[str, ...] = (PAYLOAD_HOST.split(":")[0], "fett", "kursiv", "rot]", "<img", "![", "](")
"""What is left of a payload that was not escaped exactly once: raw or twice-escaped, whole or in part."""

PASSWORD = "richtig-langes-passwort"
WEAKEST_CRITERION = 4
"""The criterion no member fulfils: the Mindeststandards sentence names it (with its payload title)."""

_MEMBER, _NETWORK = PAYLOADS["member"], PAYLOADS["network"]
_MEMBERS = [
    [
        "kommune",
        "art",
        "bundesland",
        "beitritt",
        "austritt",
        "einwohner",
        "regionalnetzwerk",
        "kontaktstelle",
        "breitengrad",
        "laengengrad",
    ],
    [_MEMBER, "Stadt", "SH", "2010", "", "50000", _NETWORK, PAYLOADS["contact"], "54,2", "10,0"],
    ["Kiel", "Stadt", "SH", "2002", "", "250000", _NETWORK, "KIBIS Kiel", "54,32", "10,12"],
    ["Herne", "Stadt", "NW", "1990", "", "157000", "Ruhr", "", "51,54", "7,22"],
]
_EVENTS = [
    ["kommune", "art", "titel", "beginn", "ende", "teilnehmende", "angebote", "partner", "format"],
    [_MEMBER, "Gesundheitswoche", PAYLOADS["event"], "02.03.2024", "08.03.2024", "500", "20", "10", "Präsenz"],
    ["Kiel", "Fachtag", "Fachtag Kiel", "05.05.2023", "", "80", "", "", "Präsenz"],
    ["", "Mitgliederversammlung", PAYLOADS["event"], "12.06.2024", "", "60", "", "", "Hybrid"],
]
_SELF_HELP = [
    ["kommune", "jahr", "themenbereich", "gruppen", "neue_gruppen"],
    [_MEMBER, "2023", PAYLOADS["topic"], "25", "1"],
    [_MEMBER, "2024", PAYLOADS["topic"], "30", "2"],
    ["Kiel", "2023", "Sucht", "18", "0"],
    ["Kiel", "2024", "Sucht", "20", "1"],
    ["Herne", "2024", "Sucht", "10", "0"],
]
_CRITERIA = [["punkt", "titel"], [str(WEAKEST_CRITERION), PAYLOADS["criterion"]]]
_STANDARDS = [["kommune", "jahr", "punkt", "status"]] + [
    [member, "2024", str(number), "nicht erfüllt" if number == WEAKEST_CRITERION else "erfüllt"]
    for member in (_MEMBER, "Kiel", "Herne")
    for number in range(1, 10)
]
_SEATS = [
    ["kommune", "seite", "beginn", "ende"],
    [_MEMBER, "Kommune", "01.01.2023", ""],
    ["Kiel", "Selbsthilfe", "01.01.2023", ""],
]
_REPORTS = [["kommune", "jahr", "eingang"], [_MEMBER, "2024", "15.03.2024"]]
FILES: dict[str, list[list[str]]] = {
    "mitglieder": _MEMBERS,
    "kriterien": _CRITERIA,
    "veranstaltungen": _EVENTS,
    "selbsthilfe": _SELF_HELP,
    "mindeststandards": _STANDARDS,
    "sprecherrat": _SEATS,
    "berichte": _REPORTS,
}
"""One import file per kind, in an order that lets each refer to what the ones before created."""


def _csv(rows: list[list[str]]) -> bytes:
    """The rows as a CSV file the way Excel writes one: ``;``, fields with a ``;`` quoted."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def build_payload_database(url: str) -> None:
    """Create the database at ``url``: the files of :data:`FILES` imported by the payload account.

    The account is an editor limited to the payload member, so the data pages show the
    member name in their sentences and the account name in the sidebar and the Protokoll.
    """
    engine = prepare_database(url, demo_if_new=False)
    try:
        for kind, rows in FILES.items():
            content = _csv(rows)
            plan = import_file(engine, kind, f"{kind}.csv", content, actor=PAYLOADS["account"])
            assert plan.accepted, (kind, [(problem.line, problem.column, problem.message) for problem in plan.problems])
        add_account(engine, PAYLOADS["account"], PASSWORD, "editor", PAYLOADS["member"], actor=PAYLOADS["account"])
    finally:
        engine.dispose()
