"""Names and places behind the demo data (Beispieldaten).

Real municipality names with approximate coordinates and populations, so the demo
looks like the network; every figure attached to them by ``data_access.demo`` is
invented and shown as "Beispieldaten". Join years are published facts only where the
domain notes give one (founders, Lübeck, Herne, Kiel, Kreis Segeberg, Rosenheim,
Region Hannover, Hamm, Höchstadt, Bielefeld); the others are drawn by the generator.
"""

from __future__ import annotations

from typing import NamedTuple


class Place(NamedTuple):
    """A demo member: name, type, Land, population, latitude, longitude, network, fixed join year."""

    name: str
    member_type: str
    state_code: str
    population: int
    latitude: float
    longitude: float
    network: str | None = None
    join_year: int | None = None
    leave_year: int | None = None
    contact_point: str | None = None


NETWORKS: dict[str, int] = {
    "Nord": 1999,
    "Berlin": 1999,
    "Bayern": 2015,
    "Rhein-Main-Neckar": 2015,
    # The domain notes know six networks but name only four; these two names are
    # placeholders of the demo data, not facts.
    "Nordrhein-Westfalen": 2004,
    "Mitteldeutschland": 2009,
}

PLACES: tuple[Place, ...] = (
    # Founders, June 1989.
    Place("Essen", "Stadt", "NW", 586_000, 51.456, 7.012, "Nordrhein-Westfalen", 1989),
    Place("Frankfurt am Main", "Stadt", "HE", 773_000, 50.110, 8.682, "Rhein-Main-Neckar", 1989),
    Place("Gießen", "Stadt", "HE", 92_000, 50.584, 8.678, "Rhein-Main-Neckar", 1989),
    Place("Göttingen", "Stadt", "NI", 118_000, 51.541, 9.934, None, 1989),
    Place("Hamburg", "Stadt", "HH", 1_892_000, 53.551, 9.994, None, 1989),
    Place("Mainz", "Stadt", "RP", 220_000, 49.993, 8.247, "Rhein-Main-Neckar", 1989),
    Place(
        "München",
        "Stadt",
        "BY",
        1_512_000,
        48.137,
        11.575,
        "Bayern",
        1989,
        None,
        "Selbsthilfezentrum München",
    ),
    Place("Nürnberg", "Stadt", "BY", 526_000, 49.452, 11.077, "Bayern", 1989),
    Place("Saarbrücken", "Stadt", "SL", 181_000, 49.240, 6.997, None, 1989),
    Place("Kreis Unna", "Landkreis", "NW", 395_000, 51.535, 7.689, "Nordrhein-Westfalen", 1989),
    # Published join and leave years.
    Place("Lübeck", "Stadt", "SH", 218_000, 53.866, 10.687, "Nord", 1990),
    Place(
        "Herne",
        "Stadt",
        "NW",
        157_000,
        51.538,
        7.220,
        "Nordrhein-Westfalen",
        1990,
        None,
        "Selbsthilfe-Büro Herne",
    ),
    Place("Kiel", "Stadt", "SH", 247_000, 54.323, 10.123, "Nord", 2002),
    Place("Kreis Segeberg", "Landkreis", "SH", 281_000, 53.936, 10.309, "Nord", 2002, None, "KIS Kreis Segeberg"),
    Place("Rosenheim", "Stadt", "BY", 64_000, 47.857, 12.122, "Bayern", 2007, 2019),
    Place("Region Hannover", "Region", "NI", 1_175_000, 52.375, 9.732, None, 2013, None, "KIBIS"),
    Place("Hamm", "Stadt", "NW", 180_000, 51.680, 7.815, "Nordrhein-Westfalen", 2021),
    Place("Höchstadt a.d. Aisch", "Stadt", "BY", 13_700, 49.706, 10.810, "Bayern", 2021),
    Place("Bielefeld", "Stadt", "NW", 338_000, 52.021, 8.532, "Nordrhein-Westfalen", 2023),
    # Demo joins and leaves after the last published year (invented).
    Place("Paderborn", "Stadt", "NW", 156_000, 51.719, 8.754, None, 2025),
    Place("Ulm", "Stadt", "BW", 127_000, 48.401, 9.988, None, 2026),
    Place("Oberhausen", "Stadt", "NW", 209_000, 51.470, 6.852, None, None, 2008),
    Place("Kaiserslautern", "Stadt", "RP", 101_000, 49.444, 7.769, None, None, 2011),
    Place("Bremerhaven", "Stadt", "HB", 115_000, 53.540, 8.581, None, None, 2016),
    # Regionalnetzwerk Nord (1999).
    Place("Flensburg", "Stadt", "SH", 92_000, 54.788, 9.437, "Nord"),
    Place("Schwerin", "Stadt", "MV", 98_000, 53.636, 11.401, "Nord"),
    Place("Rostock", "Stadt", "MV", 210_000, 54.092, 12.099, "Nord"),
    # Berliner Bezirke (Regionalnetzwerk Berlin, 1999).
    Place("Charlottenburg-Wilmersdorf", "Bezirk", "BE", 343_000, 52.507, 13.263, "Berlin"),
    Place("Friedrichshain-Kreuzberg", "Bezirk", "BE", 293_000, 52.502, 13.432, "Berlin"),
    Place("Lichtenberg", "Bezirk", "BE", 300_000, 52.532, 13.511, "Berlin"),
    Place("Marzahn-Hellersdorf", "Bezirk", "BE", 290_000, 52.543, 13.590, "Berlin"),
    Place("Mitte", "Bezirk", "BE", 397_000, 52.531, 13.370, "Berlin"),
    Place("Neukölln", "Bezirk", "BE", 330_000, 52.440, 13.445, "Berlin"),
    Place("Pankow", "Bezirk", "BE", 424_000, 52.597, 13.436, "Berlin"),
    Place("Reinickendorf", "Bezirk", "BE", 268_000, 52.604, 13.295, "Berlin"),
    Place("Spandau", "Bezirk", "BE", 257_000, 52.535, 13.198, "Berlin"),
    Place("Steglitz-Zehlendorf", "Bezirk", "BE", 310_000, 52.434, 13.241, "Berlin"),
    Place("Treptow-Köpenick", "Bezirk", "BE", 294_000, 52.418, 13.596, "Berlin"),
    # Further Großstädte.
    Place("Dresden", "Stadt", "SN", 563_000, 51.050, 13.738, "Mitteldeutschland"),
    Place("Leipzig", "Stadt", "SN", 616_000, 51.340, 12.375, "Mitteldeutschland"),
    Place("Halle (Saale)", "Stadt", "ST", 242_000, 51.483, 11.970, "Mitteldeutschland"),
    Place("Magdeburg", "Stadt", "ST", 240_000, 52.131, 11.640),
    Place("Erfurt", "Stadt", "TH", 215_000, 50.978, 11.029, "Mitteldeutschland"),
    Place("Jena", "Stadt", "TH", 111_000, 50.928, 11.589, "Mitteldeutschland"),
    Place("Potsdam", "Stadt", "BB", 185_000, 52.391, 13.064),
    Place("Bremen", "Stadt", "HB", 577_000, 53.079, 8.802),
    Place("Braunschweig", "Stadt", "NI", 251_000, 52.269, 10.521),
    Place("Oldenburg", "Stadt", "NI", 172_000, 53.143, 8.214),
    Place("Osnabrück", "Stadt", "NI", 167_000, 52.279, 8.047),
    Place("Münster", "Stadt", "NW", 320_000, 51.961, 7.626, "Nordrhein-Westfalen"),
    Place("Dortmund", "Stadt", "NW", 595_000, 51.514, 7.466, "Nordrhein-Westfalen"),
    Place("Bochum", "Stadt", "NW", 365_000, 51.481, 7.216, "Nordrhein-Westfalen"),
    Place("Gelsenkirchen", "Stadt", "NW", 263_000, 51.518, 7.086, "Nordrhein-Westfalen"),
    Place("Düsseldorf", "Stadt", "NW", 631_000, 51.227, 6.773),
    Place("Köln", "Stadt", "NW", 1_084_000, 50.938, 6.960),
    Place("Bonn", "Stadt", "NW", 336_000, 50.737, 7.098),
    Place("Wuppertal", "Stadt", "NW", 358_000, 51.256, 7.150),
    Place("Kassel", "Stadt", "HE", 202_000, 51.313, 9.479),
    Place("Darmstadt", "Stadt", "HE", 162_000, 49.873, 8.651, "Rhein-Main-Neckar"),
    Place("Wiesbaden", "Stadt", "HE", 283_000, 50.078, 8.240, "Rhein-Main-Neckar"),
    Place("Offenbach am Main", "Stadt", "HE", 131_000, 50.096, 8.776, "Rhein-Main-Neckar"),
    Place("Heidelberg", "Stadt", "BW", 159_000, 49.399, 8.672, "Rhein-Main-Neckar"),
    Place("Mannheim", "Stadt", "BW", 315_000, 49.488, 8.466, "Rhein-Main-Neckar"),
    Place("Ludwigshafen am Rhein", "Stadt", "RP", 172_000, 49.477, 8.445, "Rhein-Main-Neckar"),
    Place("Stuttgart", "Stadt", "BW", 633_000, 48.776, 9.183),
    Place("Freiburg im Breisgau", "Stadt", "BW", 237_000, 47.999, 7.842),
    Place("Augsburg", "Stadt", "BY", 301_000, 48.371, 10.898, "Bayern"),
    Place("Regensburg", "Stadt", "BY", 157_000, 49.013, 12.102, "Bayern"),
    Place("Würzburg", "Stadt", "BY", 128_000, 49.791, 9.953, "Bayern"),
    Place("Erlangen", "Stadt", "BY", 117_000, 49.598, 11.004, "Bayern"),
    Place("Koblenz", "Stadt", "RP", 115_000, 50.356, 7.594),
    # Mittlere Städte und Gemeinden.
    Place("Gera", "Stadt", "TH", 93_000, 50.878, 12.083, "Mitteldeutschland"),
    Place("Cottbus", "Stadt", "BB", 99_000, 51.756, 14.333),
    Place("Marburg", "Stadt", "HE", 77_000, 50.810, 8.771),
    Place("Tübingen", "Stadt", "BW", 92_000, 48.521, 9.057),
    Place("Konstanz", "Stadt", "BW", 86_000, 47.660, 9.175),
    Place("Esslingen am Neckar", "Stadt", "BW", 95_000, 48.740, 9.307),
    Place("Witten", "Stadt", "NW", 96_000, 51.443, 7.335, "Nordrhein-Westfalen"),
    Place("Greifswald", "Stadt", "MV", 60_000, 54.093, 13.388),
    Place("Stralsund", "Stadt", "MV", 60_000, 54.315, 13.089),
    Place("Weimar", "Stadt", "TH", 65_000, 50.979, 11.323, "Mitteldeutschland"),
    Place("Eisenach", "Stadt", "TH", 42_000, 50.975, 10.320),
    Place("Dessau-Roßlau", "Stadt", "ST", 74_000, 51.838, 12.243),
    Place("Frankfurt (Oder)", "Stadt", "BB", 57_000, 52.342, 14.550),
    Place("Neubrandenburg", "Stadt", "MV", 63_000, 53.557, 13.261),
    Place("Lüneburg", "Stadt", "NI", 78_000, 53.249, 10.411),
    Place("Detmold", "Stadt", "NW", 75_000, 51.938, 8.879),
    Place("Viernheim", "Stadt", "HE", 34_000, 49.540, 8.579, "Rhein-Main-Neckar"),
    Place("Saerbeck", "Gemeinde", "NW", 7_400, 52.174, 7.633),
    Place("Lilienthal", "Gemeinde", "NI", 19_800, 53.142, 8.907),
    Place("Ottobrunn", "Gemeinde", "BY", 22_000, 48.065, 11.664, "Bayern"),
    Place("Wustermark", "Gemeinde", "BB", 11_000, 52.553, 12.951),
    # Landkreise and the second Region.
    Place("Rhein-Kreis Neuss", "Landkreis", "NW", 453_000, 51.150, 6.700),
    Place("Kreis Bergstraße", "Landkreis", "HE", 272_000, 49.650, 8.630, "Rhein-Main-Neckar"),
    Place("Ennepe-Ruhr-Kreis", "Landkreis", "NW", 322_000, 51.350, 7.300, "Nordrhein-Westfalen"),
    Place("Rhein-Sieg-Kreis", "Landkreis", "NW", 603_000, 50.780, 7.280),
    Place("Landkreis Marburg-Biedenkopf", "Landkreis", "HE", 245_000, 50.800, 8.700),
    Place("Wetteraukreis", "Landkreis", "HE", 310_000, 50.350, 8.850, "Rhein-Main-Neckar"),
    Place("Landkreis Konstanz", "Landkreis", "BW", 290_000, 47.760, 8.840),
    Place("Rems-Murr-Kreis", "Landkreis", "BW", 428_000, 48.880, 9.420),
    Place("Landkreis Vorpommern-Greifswald", "Landkreis", "MV", 234_000, 53.850, 13.690),
    Place("Landkreis Nordhausen", "Landkreis", "TH", 82_000, 51.500, 10.790, "Mitteldeutschland"),
    Place("Landkreis Fürth", "Landkreis", "BY", 118_000, 49.450, 10.850, "Bayern"),
    Place("StädteRegion Aachen", "Region", "NW", 557_000, 50.780, 6.080),
)

PUBLISHED_MEMBER_COUNTS: dict[int, int] = {
    1989: 10,
    1999: 46,
    2000: 50,
    2002: 54,
    2004: 60,
    2010: 72,
    2019: 84,
    2020: 86,
    2021: 90,
    2023: 95,
    2024: 98,
    2026: 100,
}
"""Active members per year the demo follows (published figures, 2024–2026 demo targets)."""
