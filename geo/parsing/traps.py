"""Words that are only sometimes places, and the signs around a name that say "a person".

Every rule here looks at the few characters around one occurrence; ``geo.parsing.geoparse``
weighs what they say. The word lists are small on purpose: each entry is a word that
news uses often *and* that GeoNames knows as a town.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from geo.model.dates import MONTHS
from geo.model.names import fold


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WEEKDAYS: Final = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
#: Months and weekdays in Russian (both cases dates take), Armenian, Azerbaijani and French, folded
#: as names are: capitalised at a sentence's start, some are towns' names ("Мая", "Mars").
OTHER_CALENDAR: Final = frozenset(
    fold(word)
    for word in _words(
        """
    январь января февраль февраля март марта апрель апреля май мая июнь июня июль июля август августа
    сентябрь сентября октябрь октября ноябрь ноября декабрь декабря понедельник вторник среда среду
    четверг пятница пятницу суббота субботу воскресенье
    հունվար հունվարի փետրվար փետրվարի մարտ մարտի ապրիլ ապրիլի մայիս մայիսի հունիս հունիսի հուլիս
    հուլիսի օգոստոս օգոստոսի սեպտեմբեր սեպտեմբերի հոկտեմբեր հոկտեմբերի նոյեմբեր նոյեմբերի դեկտեմբեր
    դեկտեմբերի երկուշաբթի երեքշաբթի չորեքշաբթի հինգշաբթի ուրբաթ շաբաթ կիրակի
    yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr bazar çərşənbə cümə şənbə
    janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi
    mercredi jeudi vendredi samedi dimanche
    """
    )
)
NOT_PLACES: Final = set(MONTHS) | WEEKDAYS
#: ``NOT_PLACES`` in a text of another language than English ("Mars" is a town in Pennsylvania).
NOT_PLACES_ELSEWHERE: Final = NOT_PLACES | OTHER_CALENDAR

#: First names that are also towns or areas ("Lori", a province of Armenia): with a capitalised
#: word after them they are people.
FIRST_NAMES: Final = _words(
    """
    adelaide adrian alexandria augusta aurora austin beverly brittany brooklyn camden charlotte chelsea chester
    clinton dakota dallas denver douglas elizabeth eugene florence georgia hamilton houston israel jackson jordan kent
    lafayette lincoln lori lorraine madison marion milton montana orlando paris phoenix regina savannah sofia stanley
    sydney troy tyler victoria virginia warren washington
    """
)

#: Common English given names that are no towns: before a capitalised name, they make it a surname
#: ("Michael Jordan"), a surer sign than any capitalised word before it ("DeSmog Canada").
GIVEN_NAMES: Final = _words(
    """
    aaron adam alan albert alex alice amanda amy andrew angela ann anna anne anthony barbara betty bill billy
    bob brian bruce carl carol catherine chris christine christopher daniel david deborah debra dennis diana
    donald donna dorothy edward emily emma eric frank gary george gregory hannah harold harry helen henry
    jack james jane janet jason jean jeff jeffrey jennifer jessica jim joan joe john jonathan joseph joshua
    joyce judy julie justin karen kathleen kelly kenneth kevin larry laura linda lisa margaret maria mark
    martha mary matthew melissa michael michelle mike nancy nicholas nicole pamela patricia patrick paul
    peter rachel raymond rebecca richard robert ronald ruth ryan samuel sandra sarah scott sharon stephen
    steve steven susan thomas timothy tom william
    """
)

#: The commonest given names in Russian, Armenian and Azerbaijani news: before a name, they make
#: it a surname ("Юрия Гагарина", "Նիկոլ Փաշինյան") where a capitalised word alone does not
#: (``FREE_ORDER``). Russian ones in the cases news writes them in most.
OTHER_GIVEN_NAMES: Final = _words(
    """
    александр александра алексей алексея анатолий андрей андрея антон борис бориса вадим валентин валерий
    василий виктор виктора виталий владимир владимира владислав вячеслав геннадий георгий григорий
    дмитрий дмитрия евгений егор иван ивана игорь игоря илья кирилл константин леонид максим михаил
    михаила николай николая олег олега павел павла петр пётр роман сергей сергея станислав степан юрий
    юрия ярослав анна елена ирина мария наталья ольга светлана татьяна юлия екатерина людмила галина
    արամ արման արմեն աշոտ գագիկ դավիթ հայկ հովհաննես նիկոլ սերժ ռոբերտ տիգրան վարդան
    անդրանիկ արթուր արտաշես գևորգ գրիգոր էդուարդ կարեն լևոն հրանտ մովսես միքայել մհեր ներսես
    ռուբեն սամվել սարգիս վազգեն վահան
    ilham heydər əli məmməd rəşad ceyhun elmar mehriban
    """
)

#: Words before a name that make it a person's: "Mayor London Breed", "actor Austin Butler".
TITLES: Final = _words(
    """
    mr mrs ms miss dr prof professor sir dame lord lady president senator sen rep representative gov governor
    judge justice coach captain capt gen general col lt sgt officer detective father sister brother pope king
    queen prince princess minister mayor actor actress singer rapper star striker player director chef
    """
)

#: Verbs after a name that make it a speaker: "Austin said", "Lincoln told reporters".
SPEECH: Final = _words("said says told added asked replied wrote explained insisted tweeted")

#: Russian, Armenian and Azerbaijani words that open sentences (prepositions, conjunctions, pronouns):
#: capitalised there, they say nothing of the name after them ("По Москве", "Ըստ Բաթումի").
OTHER_FUNCTION_WORDS: Final = _words(
    """
    в во на по из с со к ко от до у о об при за под над для без через после перед между и а но или что
    как когда где если это этот эта эти тот та те он она они мы вы я его её их также уже еще ещё даже
    ըստ և ու իսկ բայց որ երբ այս այդ այն նա նրանք մենք դուք ես նաև հետո մինչև առաջ միայն
    və bu o ilə üçün sonra əvvəl həm amma lakin ki da də isə bütün hər
    """
)
#: Words that open sentences; capitalised there, they say nothing about the next word.
FUNCTION_WORDS: Final = (
    _words(
        """
    a about after all also an and another as at before both but by during each even every few for from
    he her here his however if in into it its many meanwhile more most my no not of on only or other our
    over she since so some still such that the their there these they this those though through to under
    until we when where while who with within without yet you your
    """
    )
    | OTHER_FUNCTION_WORDS
)


#: Russian words that are also the names of many small towns of the former Soviet Union ("Мир",
#: "Заря", "Октябрьский"): as alternate names they would match ordinary words at a sentence's start.
OTHER_COMMON_WORDS: Final = _words(
    """
    мир победа свобода свободный дружба заря восток рассвет прогресс маяк звезда искра луч труд надежда
    родина память слава новый новая новое самое самый первый первая центральный южный северный западный
    восточный советский октябрьский первомайский комсомольский пионерский красный красная лесной
    солнечный светлый спутник юбилейный садовый полевой зеленый зелёный
    """
)

#: Capitalised adjectives that open place names in Russian, Armenian and Azerbaijani, in any case
#: ("Южная Корея", "Северной Кореи", "Միջին Ասիա", "Հին Հունաստան", "Cənubi Qafqaz"): before a name
#: they make it part of a longer place's name, not a person's surname.
_PLACE_ADJECTIVE: Final = re.compile(
    r"(?:северн|южн|западн|восточн|центральн|нов|нижн|верхн|больш|мал|средн|стар|ближн|дальн)"
    r"(?:ая|ой|ую|ый|ий|ое|ого|ому|ом|ей|ее|ые|ых|ым|ие|их|им|яя|юю|ыми|ими)"
    r"|հին|մեծ|նոր|միջին|փոքր|վերին|ստորին|հյուսիսային|հարավային|արևմտյան|արևելյան|կենտրոնական|մերձավոր|հեռավոր"
    r"|şimali|cənubi|qərbi|şərqi|mərkəzi|yeni|böyük|kiçik|köhnə|aşağı|yuxarı"
)


def place_adjective(word: str) -> bool:
    """Whether a word is one of the adjectives that open place names (``_PLACE_ADJECTIVE``)."""
    return word[:1].isupper() and _PLACE_ADJECTIVE.fullmatch(word.lower()) is not None


#: Common English words that are also GeoNames towns: they need more evidence to be places.
COMMON_WORDS: Final = FUNCTION_WORDS | _words(
    """
    union police mobile reading bath nice split hope independence liberty justice commerce enterprise
    university normal energy opportunity paradise progress unity friendship freedom victory temple media
    orange mount bar man male crystal eagle buffalo golden deal march may sale wells marine harbor
    harbour beach bay park river lake valley hall house fame early ocean central national royal western
    eastern northern southern north south east west new old little lower upper middle great grand long
    high green white black red blue rich reform security chemical heavy oil film leaders
    northeast northwest southeast southwest northeastern northwestern southeastern southwestern
    metropolitan metro greater historic downtown uptown suburban rural republican democratic
    officials residents airlines tourists farmers hotels shipping delegations engineers developers
    economists exporters lawmakers mayors organisers organizers firefighters temperatures visitors
    """
)

#: Words after a name that keep it a town: "Sydney Harbour", "Sangamon County", "Mexico City".
PLACE_WORDS: Final = _words("city county harbour harbor airport port province state region metropolitan")

#: Capitalised words after a name that make it the place an institution is of: "Alexandria Police",
#: "Paris High School", "Dublin City Council". The name still means the place (an associative
#: mention); a first name is no person before them ("Georgia Bureau of Investigation").
INSTITUTION_WORDS: Final = _words(
    """
    police sheriff fire school schools high elementary middle academy university college council city town
    village county parish township borough department bureau public zoo hospital library commission board
    club court church association chamber museum symphony area region community regional metro municipal
    district housing water utilities transit airport station mall branch office chapter center centre
    """
)

#: Capitalised words after a name that make it part of an organisation's name (an outlet, a
#: company): "Los Angeles Times", "Miami Herald", "Dallas Co.". The place is the organisation's,
#: not where the story happens.
ORGANISATION_WORDS: Final = _words(
    """
    times post herald journal tribune gazette chronicle inquirer courier telegraph examiner observer
    bulletin register dispatch globe inc corp corporation ltd llc co company holdings airlines airways
    """
)

#: Street words: "Clinton Street", "Washington Ave." name a street, not a person.
STREET_WORDS: Final = _words("street st avenue ave road rd drive boulevard blvd highway hwy parkway pkwy")

#: Capitalised words after a first name that are no surname: a place's, an institution's, an
#: outlet's or a street's word ("Washington Post", "Clinton Street"), a month or a weekday ("Paris
#: Friday" in a headline).
NO_SURNAMES: Final = PLACE_WORDS | INSTITUTION_WORDS | ORGANISATION_WORDS | STREET_WORDS | NOT_PLACES

#: Lowercase words after a name that make it an area: "Washington state", "Aceh province".
#: (Not Armenian's "մարզ", "շրջան": "Ախալքալաքի շրջան" is named for its town, and with no area of
#: that name known, the town is what the text names, not nothing.)
AREA_WORDS: Final = _words("state province region oblast prefecture governorate")

#: Words after a name that make it a river, lake or mountain rather than the town: "the Paraná river".
#: (Not Armenian's: with no Armenian names of rivers to find instead, "Քասաղ գետի" would be no
#: place at all rather than the town of the river's name.)
FEATURE_WORDS: Final = _words("river lake sea ocean mountain mountains valley desert strait gulf peninsula canal")

#: Armenian words after a genitive name that make it part of a team's, a contest's or a school's
#: name, which Armenian writes in lowercase where English capitalises ("Ֆրանսիայի ազգային
#: հավաքական" the French national team, "ԱՄՆ բաց առաջնություն" the US Open, "Բեռլինի
#: կինոփառատոն" the Berlin Film Festival, "Մոսկվայի պետական համալսարան"): the name is the
#: organisation's, as the capitalised word after it says in English ("Berlin Film Festival").
#: Stems: team, club, national, open, football's, tennis', chess', cup, championship, tournament,
#: film festival, university, state; each in the forms a noun phrase's head or a genitive takes.
_EVENT_STEMS: Final = _words(
    "հավաքական ակումբ ազգային բաց ֆուտբոլի թենիսի շախմատի գավաթ առաջնություն առաջնության մրցաշար"
    " կինոփառատոն համալսարան պետական"
)
_EVENT_ENDINGS: Final = ("", "ի", "ը", "ն", "ում", "ին", "ից", "ով")
#: Azerbaijani writes them after the name too, with the possessive ending ("Qarabağ klubu" the
#: Qarabağ club, "Azərbaycan yığması" the national team, "Bakı çempionatı"), and their cases.
_AZERBAIJANI_EVENT_WORDS: Final = _words(
    "klubu klubunun klubuna klubunu klubunda klubundan komandası komandasının komandasına komandasını"
    " yığması yığmasının yığmasına yığmasını çempionatı çempionatının çempionatında futbolçusu"
)
#: What a word of ``EVENT_WORDS`` after a name asks: more than any evidence gives, so the name is
#: the team's or the contest's.
EVENT_RISK: Final = 8.0
EVENT_WORDS: Final = (
    frozenset(stem + ending for stem in _EVENT_STEMS for ending in _EVENT_ENDINGS) | _AZERBAIJANI_EVENT_WORDS
)

#: Words before a name that make it part of a longer name, not a town: "the Alhambra".
ARTICLES: Final = _words("the a an")

#: A street address just before a name says it is a town: "2517 Memphis St., Alexandria".
_ADDRESS_BEFORE: Final = re.compile(
    r"(?:\b(?:St|Ave|Rd|Blvd|Dr|Ln|Hwy|Pkwy|Ct|Pl)\.|\b(?:Street|Avenue|Road|Drive|Lane|Boulevard|Highway|Parkway"
    r"|Court|Pike)),\s$"
)

#: An Arabic article glued to a name after a capitalised word: "Muqtada al-Sadr", "Omar Al-Bashir".
#: The name is the person's family name, as after a first name with no article.
_ARTICLE_AFTER_NAME: Final = re.compile(r"([A-Z][a-z]+) (?:al|Al|el|El)-$")

#: How far ``assess`` reads before and after a name: ``geo.parsing.geoparse`` counts on it to reuse verdicts.
BEFORE: Final = 24
AFTER: Final = 16

_OPENERS: Final = frozenset(".!?:;\"“”'‘’(—–\n")
_TRIM: Final = ".,;:!?\"“”’)'"


def word_before(text: str, start: int) -> str:
    """The word just before ``start`` if only a space separates them ("" after a comma)."""
    if start < 2 or text[start - 1] != " ":
        return ""
    lo = max(0, start - BEFORE + 4)  # a word of up to 19 letters, and 3 characters before it
    cut = max(text.rfind(" ", lo, start - 1), text.rfind("\n", lo, start - 1), lo - 1)
    word = text[cut + 1 : start - 1].lstrip("\"“‘'(")
    return "" if word[-1:] in ',;:)"”’' else word


def word_after(text: str, end: int) -> str:
    """The word just after ``end``, if a single space separates them, without its punctuation (``AFTER``)."""
    if text[end : end + 1] != " ":
        return ""
    cut = text.find(" ", end + 1, end + AFTER)
    word = text[end + 1 : cut if cut > 0 else end + AFTER].split("\n", 1)[0]
    return word.rstrip(_TRIM)


def sentence_initial(text: str, start: int) -> bool:
    """Whether a name opens a sentence, a line or a quote, where every word has a capital."""
    before = text[max(0, start - 3) : start].rstrip(" ")
    return not before or before[-1] in _OPENERS


#: Words next to a name that say something of it; any other lowercase word says what PLAIN_* say.
TELLING_BEFORE: Final = TITLES | ARTICLES
#: Armenian titles written after a name, in their cases ("Վիկտորիա թագուհու": Queen Victoria's,
#: "Տիգրան արքան"): after a name in the nominative they make it a person's; after a genitive the
#: title is the place's ("Իսպանիայի թագավորը": the king of Spain). Queen, king, emperor, prince.
TITLES_AFTER: Final = _words(
    "թագուհի թագուհին թագուհու թագուհուն թագավոր թագավորը թագավորն թագավորի թագավորին թագավորից"
    " արքա արքան արքայի արքային կայսր կայսրը կայսրն կայսեր կայսրին իշխան իշխանը իշխանն իշխանի իշխանին"
)
TELLING_AFTER: Final = (
    SPEECH | FEATURE_WORDS | PLACE_WORDS | INSTITUTION_WORDS | ORGANISATION_WORDS | EVENT_WORDS | TITLES_AFTER
)
PLAIN_BEFORE: Final = "x "
PLAIN_AFTER: Final = " x"


@lru_cache(maxsize=1 << 16)
def before_context(before: str) -> str:
    """What ``assess`` needs of the ``BEFORE`` characters before a run, most often "x ".

    A plain lowercase word just before (no title, no article) says the same as any other, and
    so does the line before a line break: they stand for all of them ("x ", "x, ", "x. ", "x \"",
    "\n"), so runs read in different sentences share their verdicts. Any other word is kept
    with its separator and the three characters before that, all ``assess`` reads of it
    ("xxx the ", ". The "), so that does not tell sentences apart either.
    """
    if before[-1:] == "\n":
        return "\n"
    if before[-1:] == "-" and _ARTICLE_AFTER_NAME.search(before):
        return "Xx al-"  # all ``read_before`` reads of it: a capitalised word before the article
    opener = before[-1:] in _OPENERS and before[-2:-1] == " " and before[-3:-2].isalpha()
    if opener and _plain(_last_word(before[:-1]), TELLING_BEFORE):
        return "x " + before[-1]  # 'said "Paris'
    settled = plain_before(before)
    if settled is not None:
        return settled
    cut = max(before.rfind(" ", 0, -1), before.rfind("\n", 0, -1))
    if cut < 3:
        return before
    # Those three characters only tell whether a sentence ends there; letters and digits never do.
    return "".join("x" if c.isalnum() else c for c in before[cut - 3 : cut]) + before[cut:]


@lru_cache(maxsize=1 << 16)
def plain_before(before: str) -> str | None:
    """``before_context`` when the last word alone settles it ("x ", "x, ", "\n"), else None.

    It reads no further back than the space before that word, so the geoparser can ask it of
    that last word alone and remember the answer per word.
    """
    if before[-1:] == "\n":
        return "\n"
    if before[-1:] != " ":
        return None
    word = _last_word(before)
    core = word.rstrip(_TRIM)
    return "x" + word[len(core) :] + " " if _plain(core, TELLING_BEFORE) else None


def _plain(word: str, telling: frozenset[str]) -> bool:
    """A lowercase word that says nothing of the name next to it."""
    return word.isalpha() and word.islower() and word not in telling


def _last_word(before: str) -> str:
    """The last word of text ending with a space, without that space."""
    return before[max(before.rfind(" ", 0, -1), before.rfind("\n", 0, -1)) + 1 : -1]


@lru_cache(maxsize=1 << 16)
def after_context(after: str) -> str:
    """What ``assess`` needs of the ``AFTER`` characters after a run: whether a dash and a
    capital follow, or else of the next word only its kind: a speech, feature or place word
    as written, any other capitalised word as " Xx", any other word as " x"."""
    if after[:1] == "-":
        return "-X" if after[1:2].isupper() else "-"
    if after[:1] in (",", "—", "–"):
        return after[:1]  # what follows a dateline's town ("FAIRFIELD, Conn. --", "WASHINGTON—")
    if after[:1] != " ":
        return ""
    if after[1:2] == "(":
        return " ("  # "WASHINGTON (Reuters)"
    word = word_after(after, 0)
    if word.lower() in TELLING_AFTER or word in DASHES:
        return " " + word
    if is_initial(after[1:3]):
        return after[:3]  # " J.": the initial of a person's middle name
    return " Xx" if _capitalised_word(word) else PLAIN_AFTER


#: What may follow a dateline's town: "WASHINGTON (Reuters) -", "FAIRFIELD, Conn. --", "GAZA —".
DASHES: Final = frozenset(("-", "--", "—", "–"))
_DATELINE_AFTER: Final = re.compile(r" \(|,|[—–]| (?:-|--|—|–)(?: |$)")


def dateline(text: str, start: int, end: int) -> bool:
    """Whether a name opens the text or a line in capitals, followed by an agency, a comma or a
    dash, or opens a sentence so before an agency (a story whose lines were joined: "… the Guard.
    WASHINGTON (AP) -"): the town a story was filed from, which news names as a town (the
    capital, not the state) and which needs no more evidence than any other word there."""
    surface = text[start:end]
    if len(surface) <= 2 or not surface.isupper():
        return False
    if not start or text[start - 1] == "\n":
        return _DATELINE_AFTER.match(text, end) is not None
    return text[start - 2 : start] == ". " and text[end : end + 2] == " ("


#: How news writes where a person lives: "Jane Doe, 24, of Paris" (or "from"), a legislator's home
#: town after the party's letter ("Sen. Jo Roe, R-Marshall", "DFL-Cook"), "Paris residents".
_RESIDENT_BEFORE: Final = re.compile(r"(?:, \d{1,3}, (?:of|from) |\b(?:[DR]|DFL)-)$")
_RESIDENT_AFTER: Final = re.compile(r"(?: \w+)? residents?\b")
#: How many of a place's occurrences are read for it, first first: news says whose home a town is
#: where it introduces the person, and a place a long text names a thousand times is sure of its
#: mentions alone; reading every one cost a tenth of a parse of such a text.
RESIDENT_READS: Final = 8


def resident(text: str, start: int, end: int) -> bool:
    """Whether a name is written as where someone lives (``_RESIDENT_BEFORE``, ``_RESIDENT_AFTER``):
    a town, and one the story's readers know, which is why local news names it so. The party's
    letter is "D" or "R", never "I", which is an interstate ("I-64"). The few characters either
    side are read first, each search bounded."""
    lead = max(0, start - 30)
    if (text.endswith("-", lead, start) or text.endswith((" of ", " from "), lead, start)) and (
        _RESIDENT_BEFORE.search(text, lead, start) is not None
    ):
        return True
    return text.find("resident", end, end + 30) >= 0 and _RESIDENT_AFTER.match(text, end, end + 30) is not None


#: What ``assess`` says of one occurrence: why it names a person ("" if nothing says so), how
#: much more evidence its wording asks for, whether it is written as a town (after a street
#: address, or a dateline's), as an area ("Washington state"), or inside an organisation's name.
Verdict = tuple[str, float, bool, bool, bool]


def assess(
    text: str,
    start: int,
    end: int,
    folded_name: str,
    next_start: int = -1,
    free_order: bool = False,
    heading: bool = False,
) -> Verdict:
    """What one occurrence says (``Verdict``). ``next_start`` is where the next name found begins.
    ``free_order``: the text's language puts names side by side (``FREE_ORDER``). ``heading``: the
    occurrence is in the text's first sentence (``opening_end``), where a headline stands."""
    lead = text[max(0, start - BEFORE) : start]
    if (not lead or lead[-1] == "\n" or lead[-2:] == ". ") and dateline(text, start, end):
        return "", 0.0, True, False, False
    before, initial, before_initial, address = read_before(lead)
    tail = text[end : end + AFTER]
    after, dash = read_after(tail)
    if heading and not initial and (_capitalised_word(before) or _capitalised_word(after)) and title_cased(lead, tail):
        # A headline in title case ("Storm Hits Sochi Again"): its capitals say no more than a
        # sentence's first word's, so the name is read as one opening a sentence; a title or a
        # given name before it still makes a person ("President Obama", "John Smith").
        before = before if _title(before) or _given_name(before) else ""
        after = "" if _capitalised_word(after) and after.lower() not in TELLING_AFTER else after
        initial = True
    if dash:
        # One of a chain of places ("the Baku-Tbilisi-Ceyhan pipeline"): "the" is the chain's;
        # glued to a word that is no place ("Champs-Élysées"), it is part of another name.
        glued = next_start != end + 1
        before = "" if before.lower() in ARTICLES and not glued else before
    else:
        glued = False
    person, risk = judge(folded_name, before, after, initial, before_initial, glued, free_order)
    return person, risk, address, after in AREA_WORDS, _capitalised_word(after) and after.lower() in ORGANISATION_WORDS


_SENTENCE_END: Final = re.compile(r"[.!?] |\n")


def opening_end(text: str) -> int:
    """Where the text's first sentence or line ends (its headline's, if it opens with one)."""
    end = _SENTENCE_END.search(text)
    return end.start() if end else len(text)


#: Where a sentence's words end, for ``title_cased``; a comma too, which ends a list's item.
_SEGMENT_ENDS: Final = re.compile(r"[.!?:;\"“”()\n—–,]")
#: The capitalised words around a name that make a title-cased headline, the name's own aside.
TITLE_WORDS: Final = 3


@lru_cache(maxsize=1 << 14)
def title_cased(lead: str, tail: str) -> bool:
    """Whether the words around a name within reach (``lead``, ``tail``), to the ends of its
    sentence, are a headline's in title case: at least ``TITLE_WORDS`` of them, and every one but
    the short function words capitalised ("Freemason Bogdanov Joins Sochi Mayor Race."). A word
    the lead cuts in two is left out; the tail's last keeps its first letter, which is what counts."""
    left = _SEGMENT_ENDS.split(lead)
    words = left[-1].split()
    if len(left) == 1 and len(lead) >= BEFORE and words:
        words = words[1:]  # the lead began inside a word: its case is unknown
    words += _SEGMENT_ENDS.split(tail, maxsplit=1)[0].split()
    capitals = 0
    for word in words:
        if not word[:1].isalpha():
            continue  # a number, a dash
        if word[0].isupper():
            capitals += 1
        elif len(word) > 3 or word not in FUNCTION_WORDS:
            return False
    return capitals >= TITLE_WORDS


def after_address(lead: str) -> bool:
    """Whether the text before a name ends with a street address and a comma ("Ave., ")."""
    # The comma is the last character but one, or but two before a final line break (``$``):
    # asked first, as almost no lead has one there.
    return "," in lead[-3:] and _ADDRESS_BEFORE.search(lead) is not None


@lru_cache(maxsize=1 << 14)
def read_before(lead: str) -> tuple[str, bool, bool, bool]:
    """Of the ``BEFORE`` characters before a name: the word just before, whether the name
    opens a sentence, whether that word does, and whether they end with a street address
    (``after_address``). Remembered: the geoparser's leads repeat."""
    start = len(lead)
    initial = sentence_initial(lead, start)
    article = _ARTICLE_AFTER_NAME.search(lead) if lead[-1:] == "-" else None
    if article:  # "Muqtada al-Sadr": the word before the article is the one before the name
        return article.group(1), initial, sentence_initial(lead, article.start(1)), False
    before = word_before(lead, start)
    return before, initial, bool(before) and sentence_initial(lead, start - len(before) - 1), after_address(lead)


@lru_cache(maxsize=1 << 14)
def read_after(tail: str) -> tuple[str, bool]:
    """Of the ``AFTER`` characters after a name: the word just after, and whether a dash and a
    capital follow."""
    after = tail[1:3] if tail[:1] == " " and is_initial(tail[1:3]) else word_after(tail, 0)
    return after, tail[:1] == "-" and tail[1:2].isupper()


@lru_cache(maxsize=1 << 16)
def judge(
    name: str, before: str, after: str, initial: bool, before_initial: bool, glued: bool, free_order: bool = False
) -> tuple[str, float]:
    """The verdict from the words around a name alone; a pure function, so remembered.

    In a language of ``FREE_ORDER`` a capitalised word before a name makes it neither a surname
    nor part of a longer name, as it does in English, unless it is a given name."""
    if free_order and _capitalised_word(before) and before.lower() not in OTHER_GIVEN_NAMES:
        before = ""
    person = _person(name, before, after, initial, before_initial)
    return person, _risk(name, before, after, initial, before_initial, glued)


#: Languages in which a capitalised word before a name is most often another name, not a first
#: name or the head of a longer name: Armenian and Azerbaijani set subject, object and genitives
#: before what they qualify ("İlham Əliyev Bakıda", "Սենեգալի Դակար"). See ``judge``. (Russian,
#: whose news names foreign people as English does, "Чарльз Дарвин", keeps English's rule.)
FREE_ORDER: Final = frozenset(("hy", "az"))

#: Opens the reasons that only guess at a person from a capitalised word before the name: "DeSmog
#: Canada" and "Trend Iran" are outlets, so such a guess does not make a country a person elsewhere.
WEAK: Final = "perhaps: "


def _title(word: str) -> bool:
    """Whether a word before a name is a title ("Mayor", "Sen.")."""
    return word.rstrip(".").lower() in TITLES


def _given_name(word: str) -> bool:
    """Whether a word before a name is a given name, in any language read ("Jane", "Ալեքսանդր")."""
    word = word.lower()
    return word in FIRST_NAMES or word in GIVEN_NAMES or word in OTHER_GIVEN_NAMES


def _person(name: str, before: str, after: str, initial: bool, before_initial: bool) -> str:
    if _title(before):
        return f"after the title '{before}'"
    if after in TITLES_AFTER and not name.endswith("ի"):
        return f"before the title '{after}'"
    if " " in name and name.split()[0].rstrip(".") in TITLES:
        return f"a title and a name: '{name}'"
    if name in FIRST_NAMES or name in OTHER_GIVEN_NAMES:
        if after.lower() in SPEECH:
            return f"speaks ('{after}')"
        if _capitalised_word(after) and after.lower() not in NO_SURNAMES:
            return f"{WEAK}a first name before a capitalised word"
    if is_initial(before):
        return f"after the initial '{before}'"
    if is_initial(after):
        return f"a first name before the initial '{after}'"
    if _capitalised_word(before) and not place_adjective(before):
        if _given_name(before):
            return f"surname after '{before}'"
        if not (initial or before_initial or before.endswith((".", "'s", "’s")) or before.lower() in COMMON_WORDS):
            return f"{WEAK}surname after '{before}'"
    return ""


#: Armenian's locative ending ("Վիեննայում": in Vienna), which says a word is where something is, as
#: "in" before a name does: a sentence may open with it, and a capital there is no less telling.
LOCATIVE: Final = ("ում",)
#: Armenian endings that close a noun ("Բաղդադից": from Baghdad; "Ղրիմը": the Crimea): a word so
#: ended heads no longer name, so the capitalised word after it ("Բաղդադից Կորդովա") is the next
#: word of the sentence, not more of the name. (The genitive "-ի" does qualify what follows:
#: "Իտալիայի Ֆուտբոլի ֆեդերացիա".)
CLOSED: Final = ("ում", "ից", "ը")


def _risk(name: str, before: str, after: str, initial: bool, before_initial: bool, glued: bool) -> float:
    extra = 0.0
    if after.lower() in FEATURE_WORDS:
        extra += 4.0  # "the Paraná river": the river, not the town
    elif after in EVENT_WORDS:
        extra += EVENT_RISK  # "Ֆրանսիայի ազգային հավաքական": the French team, not France
    elif _capitalised_word(after) and after.lower() in INSTITUTION_WORDS:
        extra += 0.5  # the place an institution is of: "Alexandria Police"
    elif _capitalised_word(after) and after.lower() not in PLACE_WORDS and not name.endswith(CLOSED):
        extra += 2.5  # part of a longer name: "Pearl District", "Union Station"
    if glued:
        extra += 3.0  # "Champs-Élysées": a compound whose other half is no place
    if before.lower() in ARTICLES:
        extra += 2.0  # "the Alhambra"
    elif (
        _capitalised_word(before)
        and not before.endswith(".")
        and not place_adjective(before)
        and not (before_initial and before.lower() in FUNCTION_WORDS)
    ):
        extra += 2.0  # part of a longer name: "Western University"
    if initial and not name.endswith(LOCATIVE):
        # Where every word has a capital, a capital says nothing: "Reading will host…".
        extra += 3.5 if name in COMMON_WORDS else 1.5
    return extra


def is_initial(word: str) -> bool:
    """Whether a word is a person's initial ("T."): before a name it makes the name a surname
    ("John T. Decatur"), after one a first name ("Milton J. Little")."""
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _capitalised_word(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and word[1:2].islower()


def forget() -> None:
    """Clear the verdicts remembered on the words around names seen so far (the caches above,
    shared by every parser in the process): for timing parses of texts as new as a user's."""
    for remembered in (before_context, plain_before, after_context, read_before, read_after, judge, title_cased):
        remembered.cache_clear()
