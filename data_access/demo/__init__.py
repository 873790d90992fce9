"""Deterministic demo data (Beispieldaten): a plausible network, the same on every machine.

Everything is drawn from one ``random.Random(seed)``; no clock is read, so two runs with
the same options produce identical databases. Sizes follow the ranges in the domain
notes: the published member counts over time, 30–70 self-help groups per 100,000
inhabitants with 4–8 % new groups a year, Gesundheitswochen with 60–300 sessions, and so
on. ``members``/``events`` scale the data for benchmarks; extra members are named
"Beispielkommune 0105" and so on, extra events are drawn over the active member years.
"""

from data_access.demo.generation import generate
from data_access.demo.loading import has_members, load
from data_access.demo.settings import DEFAULT_SEED, DEMO_AS_OF, DemoData

__all__ = ["DEFAULT_SEED", "DEMO_AS_OF", "DemoData", "generate", "has_members", "load"]
