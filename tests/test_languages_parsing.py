"""Places in Russian, Armenian, Azerbaijani and French text: the language told apart, names found in
every grammatical case and spanned as the text writes them, and each language's traps."""

from __future__ import annotations

import csv

import pytest

from geo.model.names import fold_cased
from geo.parsing import inflection, traps
from geo.parsing.gazetteer import PROJECT_ROOT, load_gazetteer
from geo.parsing.geoparse import Geoparser
from geo.parsing.language import detect_language

RUSSIAN = (
    "Министр иностранных дел Армении прибыл в Москву во вторник. В Ереване проходят акции протеста, "
    "а переговоры в Нижнем Новгороде продолжатся, сообщили в МИД России."
)
ARMENIAN = (
    "Հայաստանի արտաքին գործերի նախարարը երեքշաբթի օրը Մոսկվայում հանդիպել է Ռուսաստանի գործընկերոջ հետ։ "
    "Երևանից հայտնում են, որ բանակցությունները կշարունակվեն Վիեննայում։"
)
AZERBAIJANI = (
    "Azərbaycan Respublikasının Prezidenti İlham Əliyev Bakıda Fransanın xarici işlər nazirini qəbul edib. "
    "Görüşdə Laçın yolu və Xankəndidə vəziyyət müzakirə olunub. Nazir daha sonra Gəncəyə səfər edib."
)
FRENCH = (
    "Le ministre des Affaires étrangères s'est rendu à Paris mardi. Depuis la capitale d'Erevan, il a "
    "dénoncé le blocus qui isole l'Arménie, selon le Comité international de la Croix-Rouge à Genève."
)
ENGLISH = "The foreign minister of Armenia arrived in Moscow on Tuesday, and protests went on in Yerevan."


@pytest.fixture(scope="module")
def parser(atlas) -> Geoparser:
    return Geoparser(atlas.places.values(), load_gazetteer())


def found(parser: Geoparser, text: str, language: str | None = None) -> dict[str, list[str]]:
    """Each place found, by its English name, with the words the text names it by."""
    return {p.name: [text[s:e] for s, e in p.spans] for p in parser.parse(text, language=language).places}


@pytest.mark.parametrize(
    ("text", "language"),
    [(RUSSIAN, "ru"), (ARMENIAN, "hy"), (AZERBAIJANI, "az"), (FRENCH, "fr"), (ENGLISH, "en"), ("", "en")],
)
def test_the_language_is_told_by_script_and_common_words(text, language):
    assert detect_language(text) == language


def test_a_name_quoted_in_another_language_does_not_change_the_texts():
    assert detect_language("Officials in Bakı and Xankəndi said the road to Laçın was open again.") == "en"
    assert detect_language("Le président a reçu à Paris les ministres de Bakı et d'Erevan.") == "fr"


@pytest.mark.parametrize(
    ("word", "language", "base"),
    [
        ("Москве", "ru", "Москва"),
        ("Ереване", "ru", "Ереван"),
        ("Россией", "ru", "Россия"),
        ("Израиля", "ru", "Израиль"),
        ("Нижнем", "ru", "Нижний"),
        ("Нидерландах", "ru", "Нидерланды"),
        ("Երևանում", "hy", "Երևան"),
        ("Ասիայից", "hy", "Ասիա"),
        ("Իսպանիան", "hy", "Իսպանիա"),
        ("Բաքվում", "hy", "Բաքու"),
        ("Bakının", "az", "Bakı"),
        ("Xankəndidə", "az", "Xankəndi"),
        ("Gəncəyə", "az", "Gəncə"),
    ],
)
def test_each_case_ending_is_read_back_to_the_base_form(word, language, base):
    assert fold_cased(base) in inflection.bases(fold_cased(word), language)


def test_english_and_french_names_take_no_endings():
    assert inflection.bases("Parisa", "en") == ("Parisa",)
    assert inflection.forms(fold_cased(FRENCH), "fr") == {}


def test_russian_names_are_found_in_every_case_and_spanned_as_written(parser):
    places = found(parser, RUSSIAN)
    assert places["Moscow"] == ["Москву"]
    assert places["Yerevan"] == ["Ереване"]
    assert places["Nizhniy Novgorod"] == ["Нижнем Новгороде"]
    assert places["Russia"] == ["России"]
    assert places["Armenia"] == ["Армении"]


def test_armenian_names_are_found_with_their_case_endings_and_articles(parser):
    places = found(parser, ARMENIAN)
    assert places["Moscow"] == ["Մոսկվայում"]
    assert places["Yerevan"] == ["Երևանից"]
    assert places["Vienna"] == ["Վիեննայում"]
    assert places["Russia"] == ["Ռուսաստանի"]


def test_azerbaijani_suffixes_of_either_harmony_find_gazetteer_and_curated_places(parser, atlas):
    places = found(parser, AZERBAIJANI)
    assert places["Baku"] == ["Bakıda"]
    assert places["France"] == ["Fransanın"]
    assert places["Ganja"] == ["Gəncəyə"]
    khankendi = atlas.places["khankendi"].name
    assert places[khankendi] == ["Xankəndidə"]  # a curated place's name, with the locative


def test_a_name_after_the_subject_is_no_surname_in_azerbaijani_as_in_english(parser):
    """ "İlham Əliyev Bakıda": a capitalised word before a name makes it a surname in English only."""
    assert "Baku" in found(parser, AZERBAIJANI, "az")
    assert "Baku" not in found(parser, AZERBAIJANI, "en")


def test_french_elision_opens_the_name(parser):
    places = found(parser, FRENCH)
    assert places["Yerevan"] == ["Erevan"]
    assert places["Armenia"] == ["Arménie"]
    assert places["Geneva"] == ["Genève"]


def test_another_languages_months_are_no_places_there_and_still_are_in_english(parser):
    """ "Mars" is March in French, and a town in Pennsylvania in English news."""
    assert "mars" in traps.NOT_PLACES_ELSEWHERE and "mars" not in traps.NOT_PLACES
    text = "Police in Mars, Pennsylvania, closed the road on Sunday."
    assert found(parser, text, "en")["Mars"] == ["Mars"]
    assert "Mars" not in found(parser, text, "fr")


def test_a_place_adjective_before_a_name_makes_it_no_surname():
    assert traps.place_adjective("Северной") and traps.place_adjective("Միջին")
    assert not traps.place_adjective("Сеульской") and not traps.place_adjective("Владимир")
    assert traps.judge("кореи", "Северной", "", False, False, False)[0] == ""
    assert traps.judge("кореи", "Сеульской", "", False, False, False)[0].startswith(traps.WEAK)


def test_a_given_name_makes_a_surname_in_every_language_a_capitalised_word_only_in_some():
    assert traps.judge("гагарина", "Юрия", "", False, False, False)[0] == "surname after 'Юрия'"
    assert traps.judge("гагарина", "Юрия", "", False, False, False, True)[0] == "surname after 'Юрия'"
    assert traps.judge("bakida", "Əliyev", "", False, False, False)[0].startswith(traps.WEAK)
    assert traps.judge("bakida", "Əliyev", "", False, False, False, True) == ("", 0.0)


def test_english_texts_are_read_as_before(parser):
    places = found(parser, ENGLISH)
    assert set(places) == {"Armenia", "Moscow", "Yerevan"}


@pytest.mark.parametrize(
    ("name", "kind", "english"),
    [
        ("Россия", "country", "Russia"),
        ("Ռուսաստան", "country", "Russia"),
        ("Rusiya", "country", "Russia"),
        ("Мьянма", "country", "Myanmar"),  # CLDR's "Мьянма (Бирма)", the bracket left out
        ("Белоруссия", "country", "Belarus"),
        ("ՀՀ", "country", "Armenia"),
        ("Европа", "continent", "Europe"),
        ("Калифорния", "admin", "California"),  # ISO 3166-2, translated
        ("Երևան", "city", "Yerevan"),
        ("Երեւան", "city", "Yerevan"),  # the other spelling of "և"
        ("Bakı", "city", "Baku"),
    ],
)
def test_the_gazetteer_names_places_in_each_language(name, kind, english):
    rows = [row for row, _ in load_gazetteer().lookup(name)]
    assert any(row.kind == kind and row.name == english for row in rows)


def test_russian_common_words_are_no_alternate_names():
    assert not load_gazetteer().lookup("Заря")


def test_a_name_means_the_town_of_the_texts_own_country_first(parser):
    """Armavir is a town of Armenia and a larger city of Russia: each language's news means its own."""
    armenian = "Երեկ անձրև է եկել Արմավիր քաղաքում։"
    assert [(p.name, p.country) for p in parser.parse(armenian).places] == [("Armavir", "AM")]
    assert not parser.parse(armenian, language="en").places  # no home country: too small a town alone
    russian = "Вчера шёл дождь, и город Армавир затопило."
    assert [(p.name, p.country) for p in parser.parse(russian).places] == [("Armavir", "RU")]


def test_a_russian_given_name_that_is_a_town_is_a_person_before_a_surname(parser):
    assert [p.name for p in parser.parse("Владимир Путин прилетел в Сочи.").places] == ["Sochi"]


def test_a_language_the_parser_does_not_read_is_one_clear_error(parser):
    with pytest.raises(ValueError, match="language 'de': the parser reads en, ru, hy, az, fr"):
        parser.parse("Berlin", language="de")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ներկայումս հանդես է գալիս անգլիական «Չելսիի» և Ֆրանսիայի ազգային հավաքականում։", "France"),
        ("Նա 2013 թվականին հաղթել է ԱՄՆ բաց առաջնությունում։", "United States"),
        ("Ֆիլմն արժանացել է Բեռլինի կինոփառատոնի գլխավոր մրցանակին։", "Berlin"),
    ],
)
def test_an_armenian_team_contest_or_festival_named_for_a_place_is_not_that_place(parser, text, name):
    """Armenian writes "the French national team" in lowercase after the genitive: the name is the team's."""
    assert name not in found(parser, text, "hy")


def test_the_same_genitive_before_another_word_is_still_the_place(parser):
    text = "Ֆրանսիայի նախագահը այսօր ժամանել է Երևան։"
    assert found(parser, text, "hy") == {"France": ["Ֆրանսիայի"], "Yerevan": ["Երևան"]}


def test_an_armenian_given_name_makes_the_next_name_a_surname():
    assert traps.judge("խորենացին", "Մովսես", "", False, False, False, True)[0] == "surname after 'Մովսես'"


def test_armenias_provinces_are_found_by_their_armenian_names(parser):
    """Natural Earth's codes for them are not GeoNames': they were no areas, and ISO 3166-2 has
    no Armenian; iso3166-2's local names (``data/iso3166``) give "Շիրակ", "Լոռի"."""
    text = "Երկրաշարժը զգացվել է Շիրակի և Լոռու մարզերում, ինչպես նաև Տավուշում։"
    places = {p.name: (p.kind, [text[s:e] for s, e in p.spans]) for p in parser.parse(text, language="hy").places}
    assert places["Shirak"] == ("admin", ["Շիրակի"])
    assert places["Lori"] == ("admin", ["Լոռու"])
    assert places["Tavush"] == ("admin", ["Տավուշում"])


def test_an_armenian_name_may_end_with_a_lowercase_generic_word_in_any_case(parser):
    """ "Վայոց ձոր" (the Vayots Dzor province) as English writes "Red Sea" with a capital."""
    assert inflection.forms("Վայոց ձորում", "hy") == {"ձորում": ("ձորում", "ձոր")}
    for text, written in (
        ("Երկրաշարժը զգացվել է նաև Վայոց ձորում։", "Վայոց ձորում"),
        ("Վայոց ձորի մարզպետը այցելել է Եղեգնաձոր։", "Վայոց ձորի"),
    ):
        places = {p.name: (p.kind, [text[s:e] for s, e in p.spans]) for p in parser.parse(text, language="hy").places}
        assert places["Vayots Dzor"] == ("admin", [written])


def test_a_first_name_that_is_now_a_province_is_still_a_person_in_english(parser):
    """Armenia's Lori province is a name of the gazetteer now; "Lori Whipps" is a woman."""
    text = "When Lori Whipps received a call that her husband had been hurt, she drove to the farm."
    assert "Lori" not in found(parser, text, "en")


@pytest.mark.parametrize(
    ("text", "name", "written"),
    [
        ("Губернатор Иркутской области заявил об этом в понедельник.", "Irkutskaya oblast'", "Иркутской области"),
        ("Наводнение в Ставропольском крае затронуло десятки сёл.", "Stavropol'skiy kray", "Ставропольском крае"),
        ("Лесные пожары в Свердловской области потушены.", "Sverdlovskaya oblast'", "Свердловской области"),
    ],
)
def test_a_russian_region_is_found_in_an_oblique_case(parser, text, name, written):
    """CLDR's names (``data/cldr/subdivisions``) for regions Natural Earth names as their capital."""
    places = {p.name: (p.kind, [text[s:e] for s, e in p.spans]) for p in parser.parse(text, language="ru").places}
    assert places[name] == ("admin", [written])


def test_a_region_named_apart_leaves_its_town_the_towns_name(parser):
    """Irkutsk Oblast is named "Иркутская область", never "Иркутск": the city keeps that, in every language."""
    assert [(p.name, p.kind) for p in parser.parse("Вчера в Иркутске прошёл митинг.").places] == [("Irkutsk", "city")]
    assert [p.name for p in parser.parse("Protesters gathered in Irkutsk on Monday.").places] == ["Irkutsk"]


@pytest.mark.parametrize(
    ("text", "name", "written"),
    [
        ("Նա երկար տարիներ ապրել է Տեխասում, ապա տեղափոխվել Կալիֆոռնիա։", "Texas", "Տեխասում"),
        ("Նա ծնվել է Փենսիլվանիայում 1950 թվականին։", "Pennsylvania", "Փենսիլվանիայում"),
        ("Իրկուտսկի մարզում անտառային հրդեհներ են բռնկվել։", "Irkutskaya oblast'", "Իրկուտսկի մարզում"),
    ],
)
def test_another_countrys_province_is_found_by_its_armenian_name(parser, text, name, written):
    places = {p.name: (p.kind, [text[s:e] for s, e in p.spans]) for p in parser.parse(text, language="hy").places}
    assert places[name] == ("admin", [written])


def test_russian_region_words_end_a_name_in_every_case():
    assert inflection.forms("Свердловскои области", "ru")["области"] == ("области", "область")
    assert inflection.forms("Краснодарском крае", "ru")["крае"] == ("крае", "краи")  # folded: "й" reads "и"


def test_a_town_its_area_is_named_for_takes_the_areas_bare_armenian_name(parser):
    """ "Էրզրումի նահանգ" names Erzurum Province, which Erzurum stands for: "Էրզրում" is the city."""
    text = "Հայերը բնակվում էին նաև Էրզրումում և Իրկուտսկում։"
    places = {p.name: (p.kind, [text[s:e] for s, e in p.spans]) for p in parser.parse(text, language="hy").places}
    assert places == {"Erzurum": ("city", ["Էրզրումում"]), "Irkutsk": ("city", ["Իրկուտսկում"])}


@pytest.mark.parametrize(
    ("text", "name"), [("Աթենքում նա հանդիպեց ընկերներին։", "Athens"), ("Պրահայում կայացավ համաժողովը։", "Prague")]
)
def test_an_armenian_sentence_may_open_with_a_place_in_the_locative(parser, text, name):
    """ "Աթենքում" is "in Athens": the ending says as much as "in" before a name does, so the
    capital a sentence's first word has anyway asks no more evidence."""
    assert traps.judge(fold_cased(text.split()[0]).lower(), "", "", True, False, False, True)[1] == 0.0
    assert name in found(parser, text, "hy")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Երաժիշտը Բաղդադից Կորդովա տեղափոխվեց 822 թվականին։", {"Baghdad", "Córdoba"}),
        ("Նա ապրում էր Վիեննայում Ֆրանսիայի դեսպանի հետ։", {"Vienna", "France"}),
    ],
)
def test_an_armenian_case_ending_closes_the_name_before_the_next_capitalised_word(parser, text, names):
    """ "Բաղդադից Կորդովա" is "from Baghdad to Córdoba": a name ending in the ablative, the locative
    or the article heads no longer name, so the capitalised word after it is no part of it."""
    assert names <= set(found(parser, text, "hy"))


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("Elle vit à Alma Ata depuis 1990 avec sa famille.", "fr", ["Almaty"]),
        ("Երեկ պատվիրակությունը ժամանեց Քիշնև, որտեղ կայացավ հանդիպումը։", "hy", ["Chisinau"]),
        ("Dünən prezident Ranqun şəhərinə gəldi və Yohanesburqda danışıqlar apardı.", "az", ["Yangon", "Johannesburg"]),
    ],
)
def test_world_cities_are_found_by_the_names_cldr_gives_them(parser, text, language, names):
    """Names no reading by sound reaches ("Քիշնև" is no "Chișinău"), from CLDR's exemplar
    cities (``data/cldr/cities.csv``), each tied to its GeoNames town."""
    assert [p.name for p in parser.parse(text, language=language).places] == names


@pytest.mark.parametrize(
    "text",
    [
        "Azərbaycan yığması Bakıda oynadı.",  # the national team, not Azerbaijan
        "Xankəndi klubu Bakıda qalib gəldi.",  # a club, not the atlas's own town
    ],
)
def test_an_azerbaijani_team_or_club_named_for_a_place_is_not_that_place(parser, text):
    assert set(found(parser, text, "az")) == {"Baku"}


def test_the_atlas_own_town_is_still_found_where_the_text_also_names_it_alone(parser):
    text = "Xankəndi klubu qalib gəldi, Xankəndidə bayram var."
    assert found(parser, text, "az") == {"Khankendi": ["Xankəndidə"]}  # the club is no mention of it


def _data_lines(path):
    return [line for line in path.open(encoding="utf-8") if not line.startswith("#")]


#: A sentence in each language with a name in its base form.
CALM = {
    "en": "Yesterday {} was calm, officials said.",
    "ru": "Вчера {} оставался спокойным, сообщили власти.",
    "hy": "Երեկ {} մնաց խաղաղ, հայտնել են պաշտոնյաները։",
    "az": "Dünən {} sakit idi, rəsmilər bildirdi.",
    "fr": "Hier, {} est resté calme, selon les autorités.",
}
REGIONS = {r["id"]: r for r in csv.DictReader(_data_lines(PROJECT_ROOT / "data" / "regions" / "regions.csv"))}
REGION_NAMES = [
    (r["place"], r["language"], r["name"])
    for r in csv.DictReader((PROJECT_ROOT / "data" / "regions" / "names.csv").open(encoding="utf-8"))
]


#: Names another place goes by in that language, which a text naming it alone means instead:
#: Iran's Kurdistan province is "Kurdistan" in French (ISO 3166-2).
MEANS_ANOTHER = {("kurdistan", "fr", "Kurdistan"): "admin-ir-16"}


@pytest.mark.parametrize(("region", "language", "name"), REGION_NAMES)
def test_a_region_is_found_by_every_name_each_side_gives_it(parser, region, language, name):
    """Each name ``data/regions/names.csv`` cites (Artsakh, Dağlıq Qarabağ, Нагорный Карабах,
    Закавказье, …) finds the one place, at the point its table cites and with its radius."""
    text = CALM[language].format(name)
    [place] = parser.parse(text, language=language).places
    if (region, language, name) in MEANS_ANOTHER:
        assert place.id == MEANS_ANOTHER[region, language, name]
        return
    assert (place.id, place.kind, text[slice(*place.spans[0])]) == (f"region-{region}", "region", name)
    assert place.name == REGIONS[region]["name"] and place.precision_m == float(REGIONS[region]["precision_m"])
    assert place.coord_source == REGIONS[region]["coord_source"]


@pytest.mark.parametrize(
    ("text", "language", "written"),
    [
        ("Армяне Нагорного Карабаха вернулись домой.", "ru", "Нагорного Карабаха"),
        ("Արցախից 11 մարդ է տեղափոխվել Հայաստան։", "hy", "Արցախից"),
        ("Dağlıq Qarabağda vəziyyət sabitdir.", "az", "Dağlıq Qarabağda"),
    ],
)
def test_a_region_is_found_in_every_case_and_spanned_as_written(parser, text, language, written):
    assert found(parser, text, language)["Nagorno-Karabakh"] == [written]


@pytest.mark.parametrize(
    ("text", "language", "state", "written"),
    [
        ("1915-ին Օսմանյան կայսրության իշխանությունները", "hy", "Ottoman Empire", "Օսմանյան կայսրության"),
        ("Երկիրը Ռուսական կայսրությունում էր։", "hy", "Russian Empire", "Ռուսական կայսրությունում"),
        ("Город входил в состав Российской империи.", "ru", "Russian Empire", "Российской империи"),
        ("После распада Советского Союза граница открылась.", "ru", "Soviet Union", "Советского Союза"),
    ],
)
def test_a_past_state_is_found_in_every_case(parser, text, language, state, written):
    """A state that no longer exists (``data/regions``: the Ottoman and Russian empires, the Soviet
    Union) is found through its declined forms, an area named in passing, never a dot."""
    place = next(p for p in parser.parse(text, language=language).places if p.name == state)
    assert [text[slice(*span)] for span in place.spans] == [written] and place.is_area


@pytest.mark.parametrize(
    ("text", "language", "written"),
    [
        ("Вчера движение по Лачинскому коридору возобновилось.", "ru", "Лачинскому коридору"),
        ("Колонна прошла вдоль Лачинского коридора.", "ru", "Лачинского коридора"),
        ("Երեկ Լաչինի միջանցքով երթևեկությունը վերսկսվեց։", "hy", "Լաչինի միջանցքով"),
        ("Dünən Laçın dəhlizində hərəkət bərpa olundu.", "az", "Laçın dəhlizində"),
    ],
)
def test_the_atlas_names_of_several_words_are_found_in_every_case(parser, text, language, written):
    """ "Лачинский коридор", "Լաչինի միջանցք", "Laçın dəhlizi" are the road's names; a text writes
    their last words (and a Russian adjective) with case endings, and the road is what it means."""
    assert written in found(parser, text, language)["Lachin–Khankendi road"]


def test_a_team_named_for_a_place_is_no_mention_of_it_where_the_text_names_the_place_too(parser):
    text = "Ֆրանսիայի ազգային հավաքականը հաղթեց։ Երեկ Ֆրանսիայում անձրև էր։"
    assert found(parser, text, "hy")["France"] == ["Ֆրանսիայում"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Նրանք գահ բարձրացան Վիկտորիա թագուհու մահից հետո։", set()),  # Queen Victoria's death
        ("Իսպանիայի թագավորը այցելեց Մադրիդ։", {"Spain", "Madrid"}),  # the king of Spain
    ],
)
def test_an_armenian_title_after_a_name_makes_it_a_person_after_a_genitive_a_place(parser, text, names):
    assert set(found(parser, text, "hy")) == names
