"""Well-known places an Armenian text names in its own script though the gazetteer has no such spelling.

GeoNames gives Armenian spellings for some towns and CLDR for countries, but an Armenian text
writes every world city and region it names ("Վիեննա", "Դորտմունդ", "Բաղդադ"), mostly by how it
sounds in Latin letters. So a capitalised word no name was found in is romanised (BGN/PCGN,
``ARMENIAN``), its case endings read off as ``geo.parsing.inflection`` reads them, and looked up
by a sound key (``sound_key``) among the Latin names of well-known places only (``WellKnown``):
countries, first-level areas, and cities of ``CITY_POPULATION`` people or more, whose names a
writer renders by sound. Smaller towns are left out: a romanised common word or given name meets
some village's name far more often than a text names that village in Armenian letters.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from geo.model.names import fold
from geo.parsing import inflection

#: Cities this big or bigger are named by sound in any language's news.
CITY_POPULATION: Final = 100_000
#: The shortest base form (in letters) read so: shorter words are mostly other words.
MIN_LETTERS: Final = 5
#: Armenian, romanised by the BGN/PCGN 1981 system (U.S. Board on Geographic Names and the
#: Permanent Committee on Geographical Names, "Romanization of Armenian", as in ISO 9985's letter
#: order), without its apostrophes for aspirates (t', ch', ts', p', k'), which no Latin name writes,
#: and with "ը" (its "ë") as "y". "ու" reads "u" and "և" "ev"; "ե" reads "ye" at a word's start or
#: after a vowel, "ո" "vo" at a start.
ARMENIAN: Final = {
    "ա": "a",
    "բ": "b",
    "գ": "g",
    "դ": "d",
    "ե": "e",
    "զ": "z",
    "է": "e",
    "ը": "y",
    "թ": "t",
    "ժ": "zh",
    "ի": "i",
    "լ": "l",
    "խ": "kh",
    "ծ": "ts",
    "կ": "k",
    "հ": "h",
    "ձ": "dz",
    "ղ": "gh",
    "ճ": "ch",
    "մ": "m",
    "յ": "y",
    "ն": "n",
    "շ": "sh",
    "ո": "o",
    "չ": "ch",
    "պ": "p",
    "ջ": "j",
    "ռ": "r",
    "ս": "s",
    "վ": "v",
    "տ": "t",
    "ր": "r",
    "ց": "ts",
    "ւ": "v",
    "փ": "p",
    "ք": "k",
    "և": "ev",
    "օ": "o",
    "ֆ": "f",
}
_ARMENIAN_TABLE: Final = str.maketrans(ARMENIAN)
#: Armenian surnames and the adjectives of places end so ("Պետրոսյան", "Ատլանտյան" Atlantic):
#: never a place's own name, though the adjective's stem may sound like one (Atlanta).
_NOT_NAMES: Final = ("յան", "յանց", "յաններ", "ունի", "ունիներ")
#: Pairs of letters that sound alike across the ways languages romanise a name, folded one way
#: (in this order), then single letters (``_ALIKE_LETTERS``): "Avstria"/"Austria", "Sidney"/"Sydney",
#: "Chikago"/"Chicago", "Shanhay"/"Shanghai".
_ALIKE: Final = (("ph", "f"), ("ck", "k"), ("ch", "9"), ("kh", "h"), ("th", "t"), ("ng", "n"), ("gn", "n"))
#: "ch" is read first as its own sound (č, written "9"), kept from c → k.
_ALIKE_LETTERS: Final = str.maketrans({"c": "k", "q": "k", "x": "ks", "w": "v", "u": "v", "y": "i", "z": "s"})
_YE: Final = re.compile(r"\bye")  # Yekaterinburg, Ekaterinburg
_SHT: Final = re.compile(r"\bsh(?=[tp])")  # German St-, Sp- as Russian and Armenian say them: Stuttgart
_DOUBLE: Final = re.compile(r"(.)\1+")
_LATIN: Final = re.compile(r"^[A-Za-z\u00c0-\u024f' .\-]+$")
#: "ե" reads "ye" at a word's start and after a vowel ("ու" is "u" by then).
_ARMENIAN_YE: Final = re.compile("(?:^|(?<=[աեէըիոօu]))ե")


def romanised(word: str) -> str:
    """An Armenian word in Latin letters, lowercase (BGN/PCGN, ``ARMENIAN``)."""
    word = _ARMENIAN_YE.sub("ye", word.lower().replace("ու", "u"))
    if word[:1] == "ո":
        word = "vo" + word[1:]
    elif word[:1] == "և":
        word = "yev" + word[1:]
    return word.translate(_ARMENIAN_TABLE)


def sound_key(latin: str) -> str:
    """A Latin name reduced to how it sounds, so that romanisations of one name meet: no accents,
    case or apostrophes, the letters of ``_ALIKE`` folded, doubled letters single."""
    return _sound(fold(latin).replace("'", "").replace("’", "").replace("-", " "))


def _sound(key: str) -> str:
    """``sound_key`` of a name already lowercase ASCII without apostrophes (a romanised word)."""
    key = _SHT.sub("s", _YE.sub("e", key))
    for a, b in _ALIKE:
        if a in key:
            key = key.replace(a, b)
    return _DOUBLE.sub(r"\1", key.translate(_ALIKE_LETTERS))


@lru_cache(maxsize=1 << 14)
def keys(word: str) -> tuple[str, ...]:
    """The sound keys a capitalised Armenian word (folded as names are) may stand for: its base
    forms (``inflection.bases``), endings off first, then the word as written; none for a word
    too short or of a surname's or adjective's ending."""
    read = inflection.bases(word, "hy")
    if any(base.endswith(_NOT_NAMES) for base in read):
        return ()
    # the word as written last, but for one ending in the article "ը", which no name does
    bases = (*read[1:], read[0]) if not word.endswith("ը") else read[1:]
    return tuple(dict.fromkeys(_sound(romanised(base)) for base in bases if len(base) >= MIN_LETTERS))


class WellKnown:
    """The Latin names of well-known places by sound key, each key → the folded name it stands
    for: what ``find`` looks an Armenian word up in. Where names of several places share a key,
    a place's main name wins over another's alternate one ("San'jan" is one of Xianyang's, Zanjan's
    main name), then the more populous place."""

    def __init__(self, names: list[tuple[str, bool, int]]):
        """``names``: (Latin name as the gazetteer's table folds it, whether it is its place's main
        name, population of its place)."""
        best: dict[str, tuple[bool, int, str]] = {}
        for name, main, population in names:
            if len(name) < MIN_LETTERS or " " in name or not _LATIN.match(name):
                continue
            key = sound_key(name)
            if key not in best or (main, population) > best[key][:2]:
                best[key] = (main, population, name)
        self._names: dict[str, str] = {key: name for key, (_, _, name) in best.items()}

    def __len__(self) -> int:
        return len(self._names)

    def find(self, word: str) -> str | None:
        """The folded Latin name a capitalised Armenian word stands for, or None."""
        for key in keys(word):
            name = self._names.get(key)
            if name is not None:
                return name
        return None
