"""The base forms a capitalised word of a Russian, Armenian or Azerbaijani text may stand for.

Why suffix tables and not a morphological analyser: the gazetteer holds place names in their
base form (nominative, no article), and the texts write them in every case ("в Москве", "из
Еревана", "Երևանում", "Bakıda"). Place names decline by a handful of regular patterns, and
only the capitalised words of a text are ever asked, so a table of endings per language, each
with the base endings it may replace, gives every base form a word can have: the gazetteer
says which of them is a name. An analyser (pymorphy, Natasha) would be a large dependency,
would not know most foreign place names, and costs a thousand times more a word.

The tables are written in plain spelling and folded as the gazetteer's names are
(``fold_cased``: "й" reads "и", "ə" reads "e", "ı" reads "i"), so Azerbaijani's vowel harmony
(-da/-də, -dan/-dən, -ın/-in/-un/-ün) folds to a few endings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from geo.model.names import fold_cased

#: The shortest base form a word is read as: shorter stems are mostly other words.
MIN_BASE = 3

#: ending → the base endings it may replace ("" for none), longest endings tried first.
_RUSSIAN = {
    # nouns: -а/-я feminine (Москва, Россия), consonant and -ь/-й masculine (Ереван, Израиль, Китай)
    "ы": ("а",),
    "и": ("а", "я", "ь", "и"),
    "е": ("а", "я", "", "ь", "й", "о"),
    "у": ("а", ""),
    "ю": ("я", "ь", "й"),
    "а": ("", "о"),
    "я": ("ь", "й", "е"),
    "ой": ("а", "ая", "ый", "ой"),
    "ою": ("а",),
    "ей": ("я", "ь", "яя", "ий"),
    "ью": ("ь",),
    "ом": ("", "о", "ый", "ий", "ое", "ой"),
    "ем": ("ь", "й", "е", "ий", "ее"),
    "ии": ("ия", "ий", "ие"),
    "ией": ("ия",),
    "ию": ("ия",),
    # plurals (Нидерланды, Филиппины, Альпы)
    "ах": ("ы", "и"),
    "ов": ("ы",),
    "ам": ("ы", "и"),
    "ами": ("ы", "и"),
    "ях": ("и",),
    "ям": ("и",),
    # adjectives (Нижний Новгород, Новая Зеландия, Красноярский край)
    "ого": ("ый", "ий", "ое", "ой"),
    "его": ("ий", "ее"),
    "ому": ("ый", "ий", "ое", "ой"),
    "ему": ("ий", "ее"),
    "ым": ("ый", "ое", "ые"),
    "им": ("ий", "ие"),
    "ую": ("ая",),
    "юю": ("яя",),
    "ых": ("ые",),
    "их": ("ие",),
}
#: Armenian: case endings and articles added to the base ("Երևան-ում"); after a vowel a "յ"
#: joins them ("Ասիա-յ-ի"), which ``_bases`` drops; a final "ու" reads "վ" before an ending
#: ("Բաքու", "Բաքվում").
_ARMENIAN = {
    "ում": ("",),
    "ից": ("",),
    "ով": ("",),
    "ի": ("",),
    "ին": ("",),
    "ը": ("",),
    "ն": ("",),
    "ու": ("ի", ""),
    "ումը": ("",),
    "ումն": ("",),
    "ներում": ("ներ",),
    "ների": ("ներ",),
    "վում": ("ու",),
    "վի": ("ու",),
    "վից": ("ու",),
    "ության": ("ություն",),
    "ությանը": ("ություն",),
    "ությանն": ("ություն",),
    "ությամբ": ("ություն",),
    "ությունում": ("ություն",),
    # the classical spelling's genitive and dative ("Օսմանեան կայսրութեան", of the Ottoman Empire)
    "ութեան": ("ութիւն",),
}
#: Armenian generic words that end a place's name in lowercase ("Վայոց ձոր", "Սև ծով", "Արարատյան
#: դաշտ"), as English's "Red Sea" has a capital: sea, gulf, bay, strait, ocean, lake, river,
#: mountain, plain, province, district, gorge, with the stem their cases are built on (a lake's:
#: "Սևանա լճում").
_GENERIC = {
    "ծով": "ծով",
    "ծոց": "ծոց",
    "ծովածոց": "ծովածոց",
    "նեղուց": "նեղուց",
    "օվկիանոս": "օվկիանոս",
    "լիճ": "լճ",
    "գետ": "գետ",
    "լեռ": "լեռ",
    "դաշտ": "դաշտ",
    "մարզ": "մարզ",
    "շրջան": "շրջան",
    "ձոր": "ձոր",
}
_GENERIC_ENDINGS = ("ի", "ը", "ն", "ում", "ից", "ով", "ին")
#: Russian generic words that end a region's or a water's name in lowercase ("Свердловская
#: область", "Краснодарский край", "Ненецкий автономный округ", "Чёрное море", "Персидский
#: залив"), with their other cases.
_RUSSIAN_GENERIC = {
    "море": ("моря", "морю", "морем"),
    "залив": ("залива", "заливу", "заливе", "заливом"),
    "пролив": ("пролива", "проливу", "проливе", "проливом"),
    "океан": ("океана", "океану", "океане", "океаном"),
    "область": ("области", "областью"),
    "край": ("края", "краю", "крае", "краем"),
    "округ": ("округа", "округу", "округе", "округом"),
    "автономный": ("автономного", "автономному", "автономным", "автономном"),
    "автономная": ("автономной", "автономную"),
}
#: language → each form of those words, as texts write them → its base form.
_TAIL_FORMS: dict[str, dict[str, str]] = {
    "hy": {
        form: base
        for base, stem in _GENERIC.items()
        for form in (base, base + "ը", base + "ն", *(stem + ending for ending in _GENERIC_ENDINGS))
    }
    | {"լեռան": "լեռ"},
    "ru": {form: base for base, forms in _RUSSIAN_GENERIC.items() for form in (base, *forms)},
}
#: The lowercase words a run may end with, as texts write them.
TAIL_WORDS = frozenset(form for forms in _TAIL_FORMS.values() for form in forms)
#: language → each of those forms, folded as names are → its base form, folded.
TAILS = {
    language: {fold_cased(form): fold_cased(base) for form, base in forms.items()}
    for language, forms in _TAIL_FORMS.items()
}
#: Azerbaijani: case endings in both vowel harmonies (folded alike), after a vowel with their
#: buffer letter (Bakı-nın, Gəncə-yə), and the -dakı/-dəki of place.
_AZERBAIJANI = {
    "da": ("",),
    "də": ("",),
    "dan": ("",),
    "dən": ("",),
    "dakı": ("",),
    "dəki": ("",),
    "ın": ("",),
    "in": ("",),
    "un": ("",),
    "ün": ("",),
    "nın": ("",),
    "nin": ("",),
    "nun": ("",),
    "nün": ("",),
    "a": ("",),
    "ə": ("",),
    "ya": ("",),
    "yə": ("",),
    "ı": ("",),
    "i": ("",),
    "u": ("",),
    "ü": ("",),
    "nı": ("",),
    "ni": ("",),
    "nu": ("",),
    "nü": ("",),
    "la": ("",),
    "lə": ("",),
    "yla": ("",),
    "ylə": ("",),
    # after the possessive "-ı/-i/-u/-ü" of a compound ("Laçın dəhlizi", "Qarabağ bölgəsi") an "n"
    # joins the case ending: "dəhlizində", "bölgəsinə"
    "nda": ("",),
    "ndə": ("",),
    "ndan": ("",),
    "ndən": ("",),
    "na": ("",),
    "nə": ("",),
}


def _folded(table: dict[str, tuple[str, ...]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A table as its endings and bases fold, merged, longest ending first."""
    merged: dict[str, dict[str, None]] = {}
    for ending, bases in table.items():
        merged.setdefault(fold_cased(ending), {}).update(dict.fromkeys(fold_cased(b) for b in bases))
    return tuple(sorted(((e, tuple(b)) for e, b in merged.items()), key=lambda item: -len(item[0])))


#: language → its folded table; a language without one (English, French) writes names as they are.
TABLES = {"ru": _folded(_RUSSIAN), "hy": _folded(_ARMENIAN), "az": _folded(_AZERBAIJANI)}
#: Each table and the letters of the words it declines: Cyrillic, Armenian, Latin.
_SCRIPTS = ((_RUSSIAN, ("\u0400", "\u04ff")), (_ARMENIAN, ("\u0531", "\u0587")), (_AZERBAIJANI, ("a", "\u02af")))
_ARMENIAN_GLIDE = "\u0575"  # յ
_ARMENIAN_VOWELS = frozenset("աեէըիոօ")
WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def bases(word: str, language: str) -> tuple[str, ...]:
    """The word (folded, capitals kept) and every base form its endings may stand for, the word first."""
    found = dict.fromkeys([word])
    for ending, replacements in TABLES.get(language, ()):
        if not word.endswith(ending) or len(word) - len(ending) < 2:
            continue
        stem = word[: len(word) - len(ending)]
        stems = [stem]
        if language == "hy" and stem.endswith(_ARMENIAN_GLIDE) and stem[-2:-1] in _ARMENIAN_VOWELS:
            stems.append(stem[:-1])
        for s in stems:
            for base in replacements:
                if len(s) + len(base) >= MIN_BASE:
                    found[s + base] = None
    return tuple(found)


def forms(cased: str, language: str, declined: dict[str, str] | None = None) -> dict[str, tuple[str, ...]]:
    """Each capitalised word of a folded text that may stand for other base forms, with them all
    (``bases``), and each lowercase word that is a form of a name's word (a tail's, or one of
    ``declined``: form → word, folded as names are): what ``NameTable.scan_forms`` reads the words as."""
    if language not in TABLES:
        return {}
    out = {}
    for word in set(WORD.findall(cased)):
        if word[:1].isupper():
            read = bases(word, language)
            if len(read) > 1:
                out[word] = read
        elif TAILS.get(language, {}).get(word, word) != word:
            out[word] = (word, TAILS[language][word])
        if declined and word in declined:
            out[word] = (*out.get(word, (word,)), declined[word])
    return out


def declined(words: set[str]) -> dict[str, str]:
    """Every form the tables give a lowercase word of a name ("коридор": "коридора", "коридором";
    "միջանցք": "միջանցքով"; "dəhlizi": "dəhlizində"), as texts write them → the word: what a name
    of several words ("Лачинский коридор") is read through when its last word has a case ending.
    Each word is declined by the table of its script."""
    out: dict[str, str] = {}
    for word in words:
        for table, (low, high) in _SCRIPTS:
            if not all(low <= c <= high or not c.isalpha() for c in word):
                continue
            for ending, bases in table.items():
                for base in bases:
                    if word.endswith(base) and len(word) - len(base) >= MIN_BASE:
                        out.setdefault(word[: len(word) - len(base)] + ending, word)
    out.pop("", None)
    return {form: word for form, word in out.items() if form != word}
