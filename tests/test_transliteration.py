"""World places an Armenian text writes in its own letters, which no table spells so: romanised,
read past their case endings and met by sound among the well-known places' Latin names; and
the words that must not be read so (surnames, a person's or a club's two names)."""

from __future__ import annotations

import pytest

from geo.model.names import fold_cased
from geo.parsing import transliteration
from geo.parsing.gazetteer import load_gazetteer
from geo.parsing.geoparse import Geoparser
from geo.parsing.transliteration import WellKnown, romanised, sound_key


@pytest.fixture(scope="module")
def parser(atlas) -> Geoparser:
    return Geoparser(atlas.places.values(), load_gazetteer())


def found(parser: Geoparser, text: str) -> dict[str, list[str]]:
    return {p.name: [text[s:e] for s, e in p.spans] for p in parser.parse(text, language="hy").places}


@pytest.mark.parametrize(
    ("armenian", "latin"),
    [("Ավստրիա", "avstria"), ("Երևան", "yerevan"), ("Շտուտգարտ", "shtutgart"), ("Ողջաբերդ", "voghjaberd")],
)
def test_armenian_is_romanised_letter_by_letter_as_bgn_pcgn_writes_it(armenian, latin):
    assert romanised(armenian) == latin


@pytest.mark.parametrize(
    ("armenian", "name"),
    [("Ավստրիա", "Austria"), ("Շտուտգարտ", "Stuttgart"), ("Չիկագո", "Chicago"), ("Շանհայ", "Shanghai")],
)
def test_a_romanised_name_meets_the_names_latin_spelling_by_sound(armenian, name):
    assert sound_key(romanised(armenian)) == sound_key(name)


def test_names_that_sound_apart_keep_apart_keys():
    assert sound_key("Vienna") != sound_key("Venice")
    assert sound_key("Maria") != sound_key("Mara")  # a final "-ia" is no "-a": Մարիա is no town


def test_a_word_is_read_past_its_case_ending_and_not_as_a_surname():
    assert transliteration.keys(fold_cased("Շտուտգարտում"))[0] == sound_key("Stuttgart")
    assert transliteration.keys(fold_cased("Պետրոսյանի")) == ()  # -յան: a surname, or a place's adjective
    assert transliteration.keys(fold_cased("Ատլանտյան")) == ()  # Atlantic, not Atlanta


def test_a_keys_main_name_wins_over_another_places_alternate_one():
    table = WellKnown([("San'jan", False, 5_000_000), ("Zanjan", True, 400_000), ("Xianyang", True, 5_000_000)])
    assert table.find(fold_cased("Զանջանում")) == "Zanjan"


def test_only_the_gazetteers_well_known_places_are_read_by_sound():
    well_known = load_gazetteer().well_known
    assert well_known.find(fold_cased("Դորտմունդից")) == "Dortmund"  # a city of half a million
    assert well_known.find(fold_cased("Ալավերդի")) is None  # Alaverdi, Lori: a town of ten thousand
    assert well_known.find(fold_cased("Պարի")) is None  # four letters: too short to tell


def test_a_sentences_first_word_that_sounds_like_a_city_is_not_one(parser):
    """ "Սակայն" (however) sounds like Sakai, Japan: a sentence's first word needs more to be a place."""
    assert found(parser, "Սակայն նա չեկավ։") == {}


@pytest.mark.parametrize(
    ("text", "name", "written"),
    [
        ("Ֆուտբոլիստը երեկ Վիեննայից մեկնեց Շտուտգարտ։", "Stuttgart", "Շտուտգարտ"),
        ("Նախարարը հանդիպել է գործընկերոջը Շտուտգարտում։", "Stuttgart", "Շտուտգարտում"),
        ("Համաժողովը կայացավ Դորտմունդում, իսկ հաջորդը կլինի Վերոնայում։", "Verona", "Վերոնայում"),
        ("Պատվիրակությունը Կալիֆորնիայում հանդիպեց ներդրողներին։", "California", "Կալիֆորնիայում"),
        ("Հրդեհը բռնկվել է Նյուրնբերգի արվարձաններում։", "Nuremberg", "Նյուրնբերգի"),
    ],
)
def test_an_armenian_text_finds_a_world_city_no_table_spells_in_armenian(parser, text, name, written):
    assert load_gazetteer().index.number(fold_cased(written)) is None  # no table has the Armenian spelling
    assert found(parser, text)[name] == [written]


def test_vienna_and_austria_are_found_in_their_cases(parser):
    text = "Նախարարը երեկ Վիեննայում էր, իսկ այսօր Ավստրիայից մեկնեց Դորտմունդ։"
    assert found(parser, text) == {"Vienna": ["Վիեննայում"], "Austria": ["Ավստրիայից"], "Dortmund": ["Դորտմունդ"]}


@pytest.mark.parametrize(
    "text",
    [
        "Հանդիպմանը մասնակցում էր նաև Արամ Պետրոսյանը։",
        "Ցուցահանդեսը նվիրված էր Ալեքսանդր Պուշկինի ստեղծագործությանը։",  # Alexander: no Alexandria
        "Նա երկար տարիներ խաղացել է Մանչեսթեր Յունայթեդում։",  # the club, not Manchester
        "Հոդվածը գրել է Իոսիֆ Ստալինը։",  # Stalin is an old name of Varna
    ],
)
def test_a_person_or_a_club_is_not_read_as_a_place(parser, text):
    assert found(parser, text) == {}


def test_a_name_read_by_sound_means_its_famous_places_only(parser):
    """Kingston is a capital and a Canadian city, and also dozens of villages: an Armenian text
    that spells it by sound means one of the first, not a village of Jamaica or Tasmania."""
    gazetteer = load_gazetteer()
    famous = {gazetteer.row(i).place_id for i in gazetteer.famous}
    text = "Համաժողովը կայացավ Քինգստոնում։"
    [place] = parser.parse(text, language="hy").places
    assert place.name == "Kingston"
    assert place.id in famous
    assert all(c.key in famous for c in place.candidates)
    assert len(gazetteer.lookup("Kingston")) > len(place.candidates) + 1
