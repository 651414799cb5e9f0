"""Runs — where names can be — the words around them, and digits: compiled and in Python alike.

``geo/parsing/_scan.c`` exists only to be fast; these tests hold it to giving exactly what the
Python loops of ``geo.parsing.runs`` and ``geo.parsing.eventdates`` give, on real texts and on random hostile ones.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import sysconfig

import pytest

from geo.parsing import traps
from geo.parsing.eventdates import digits
from geo.parsing.geoparse import PLAIN, spans, surroundings
from geo.parsing.runs import CONNECTORS, SEPARATORS, Runs, _lead_start, compiled
from tests.conftest import DATA, ROOT

needs_compiled = pytest.mark.skipif(compiled is None, reason="geo.parsing._scan is not built (make builds it)")
TAILS = ("road", "deposit", "corridor", "highway", "mine", "gold")


def contexts(runs: Runs, text: str) -> list:
    return surroundings(runs, text, list(runs.find(text).items()))


def real_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "evaluation").rglob("*.txt"))]
    return [*texts, *(p.read_text(encoding="utf-8") for p in sorted((DATA / "articles").glob("*.txt")))]


def hostile_texts(count: int, seed: int) -> list[str]:
    """Random texts from the pieces the rules turn on: capitals of several scripts, every
    separator, connectors and tails, quotes, digits, line breaks, "_", and characters of
    one, two and four bytes (so each width of ``str`` is walked)."""
    rng = random.Random(seed)
    pieces = [
        *"ABÇÉKŁÖZ",
        "Ωμέγα",
        "Москва",
        *"abcxyzéı",
        *SEPARATORS,
        *sorted(CONNECTORS),
        *TAILS,
        "'",
        "\u2019",
        "_",
        "7",
        "2022",
        "\n",
        ";",
        ":",
        '"',
        "!",
        "北京",
        "😀",
        "Ⅻ",
        "ǅ",
        " said ",
        " the ",
        " Mr ",
        " mayor ",
        " river",
        " city ",
        " told ",
        ". ",
    ]
    return ["".join(rng.choices(pieces, k=rng.randint(0, 40))) for _ in range(count)]


def test_a_run_joins_capitalised_words_with_connectors_and_ends_at_a_tail():
    runs = Runs(("road",), use_compiled=False)
    text = "From Rio de Janeiro to Côte d'Ivoire; Stratford-upon-Avon; the Lachin road; Springfield, Ill. today"
    assert list(runs.find(text)) == [
        "From Rio de Janeiro",
        "Côte d'Ivoire",
        "Stratford-upon-Avon",
        "Lachin road",
        "Springfield, Ill.",
    ]


def test_a_capital_inside_a_word_starts_no_run():
    assert list(Runs(use_compiled=False).find("McDonald visited iPhone makers in Taipei")) == ["McDonald", "Taipei"]


@needs_compiled
@pytest.mark.parametrize("tails", [(), TAILS])
def test_compiled_runs_are_the_python_runs_on_every_real_text(tails):
    fast, slow = Runs(tails), Runs(tails, use_compiled=False)
    for text in real_texts():
        assert fast.find(text) == slow.find(text)
        assert contexts(fast, text) == contexts(slow, text)


@needs_compiled
@pytest.mark.parametrize("seed", range(4))
def test_compiled_runs_are_the_python_runs_on_random_hostile_text(seed):
    fast, slow = Runs(TAILS), Runs(TAILS, use_compiled=False)
    for text in hostile_texts(2500, seed):
        assert fast.find(text) == slow.find(text), repr(text)
        assert contexts(fast, text) == contexts(slow, text), repr(text)


@needs_compiled
def test_compiled_digits_are_the_python_digits():
    texts = [*real_texts(), *hostile_texts(500, 9), "１２３４ ٢٠٢٢ 2022-12-10 😀 1999", ""]
    for text in texts:
        assert compiled.digits(text) == digits(text), repr(text)
    assert compiled.digits("On 10 Dec. ２０２２, 😀 2022") == b"   00" + b" " * 14 + b"0000"  # ASCII digits only


@needs_compiled
def test_compiled_spans_are_the_python_spans():
    rng = random.Random(3)
    for _ in range(500):
        lengths = rng.choice([[6], [6, 6, 6], [11, 6], [5, 5, 8, 5]])  # one name, or a curated place's several
        starts = rng.sample(range(0, 100_000, 20), sum(rng.randint(0, 30) for _ in lengths))
        pieces, at = [], 0
        for length in lengths:
            part = sorted(starts[at : at + rng.randint(0, len(starts) - at)])
            lstart = rng.randint(0, 3)
            pieces.append((lstart, lstart + length, part))
            at += len(part)
        assert compiled.spans(pieces) == spans(pieces)
    with pytest.raises(TypeError):
        compiled.spans([(0, 5)])


@needs_compiled
def test_the_geoparser_gives_the_same_places_either_way(atlas):
    from geo.parsing.gazetteer import load_gazetteer
    from geo.parsing.geoparse import Geoparser, to_geojson

    fast = Geoparser(atlas.places.values(), load_gazetteer())
    slow = Geoparser(atlas.places.values(), load_gazetteer())
    slow.runs = Runs(slow.runs.tails, use_compiled=False)
    text = "\n\n".join(real_texts())
    assert fast.runs.compiled and not slow.runs.compiled
    assert to_geojson(fast.parse(text)) == to_geojson(slow.parse(text))


@needs_compiled
def test_the_compiled_loops_refuse_what_they_cannot_read():
    runs = Runs()
    with pytest.raises(TypeError):
        runs.find(b"Paris")
    classes = bytes(1)
    for connectors, tails in ((((), ("xy",)), ()), (((), (1,)), ()), ((), (None,))):  # wrong length, not str
        with pytest.raises(TypeError, match="connectors must be"):
            compiled.find("Paris", classes, connectors, tails)
    with pytest.raises(ValueError, match="outside the text"):
        runs.contexts(
            "Paris",
            [("Paris", [3])],
            before=24,
            after=16,
            plain_before=str,
            before_context=str,
            after_context=str,
            plain=PLAIN,
        )
    with pytest.raises(ZeroDivisionError):  # an error in a rule reaches the caller as it is
        runs.contexts(
            "Mr Paris",  # "in Paris" would need no rule: ``plain`` covers "in"
            [("Paris", [3])],
            before=24,
            after=16,
            plain_before=lambda word: 1 / 0,
            before_context=str,
            after_context=str,
            plain=PLAIN,
        )


@pytest.mark.skipif(not os.environ.get("CI"), reason="only CI promises a C compiler")
def test_ci_builds_the_compiled_loops():
    assert compiled is not None, "make did not build geo/parsing/_scan.c"


def test_the_text_before_a_run_is_cut_to_what_before_context_reads():
    """``contexts`` gives ``before_context`` the text from the second last word break: it
    must say what it would of all ``traps.BEFORE`` characters."""
    rng = random.Random(1)
    words = ["the", "a", "mayor", "Dr.", "said", "in", "2022,", "so.", '"', "(", "U.S.", "x", "of", "an", "A.", "“"]
    words += ["twentycharacterwords", "—", ""]
    for _ in range(3000):
        breaks = [" ", " ", "", "\n", ", ", "  "]
        text = "".join(rng.choice(words) + rng.choice(breaks) for _ in range(rng.randint(1, 8)))
        lead = text[-traps.BEFORE :]
        assert traps.before_context(lead[_lead_start(lead) :]) == traps.before_context(lead), repr(lead)


SANITIZED = """
import importlib.util, sys
spec = importlib.util.spec_from_file_location("geo.parsing._scan", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
sys.modules["geo.parsing._scan"] = module
import pytest
chosen = "compiled and not geoparser and not sanitizers"
sys.exit(pytest.main(["-q", "-s", "-p", "no:cacheprovider", "-k", chosen, __file__]))  # -s: reports reach stderr
"""


@pytest.mark.skipif(shutil.which("gcc") is None, reason="no gcc to build a sanitized geo.parsing._scan")
def test_the_compiled_loops_are_clean_under_address_and_undefined_behaviour_sanitizers(tmp_path):
    """The tests above again, with geo/parsing/_scan.c built with ASan and UBSan: no read past a
    text, no use after free, no overflow, whatever the text."""
    libraries = [subprocess.run(["gcc", f"-print-file-name={lib}"], capture_output=True, text=True).stdout.strip()
                 for lib in ("libasan.so", "libubsan.so")]  # fmt: skip
    if not all(os.path.isabs(lib) for lib in libraries):
        pytest.skip("gcc has no sanitizer runtime here")
    built = tmp_path / f"_scan{sysconfig.get_config_var('EXT_SUFFIX')}"
    flags = ["-shared", "-fPIC", "-g", "-O1", "-fsanitize=address,undefined", "-fno-sanitize-recover=all"]
    include = sysconfig.get_paths()["include"]
    source = ROOT / "geo" / "parsing" / "_scan.c"
    subprocess.run(["gcc", *flags, f"-I{include}", str(source), "-o", str(built)], check=True)
    env = {**os.environ, "LD_PRELOAD": " ".join(libraries), "ASAN_OPTIONS": "detect_leaks=0", "PYTHONMALLOC": "malloc"}
    script = SANITIZED.replace("__file__", repr(__file__))
    run = subprocess.run([sys.executable, "-c", script, str(built)], env=env, cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    ran = re.search(r"(\d+) passed", run.stdout)
    assert ran and int(ran.group(1)) >= 8, run.stdout[-500:]  # the tests ran, not just the import


def test_a_build_of_an_older_scan_c_is_not_used():
    """A stale build (its API not the one geo.parsing.runs calls) warns and leaves the Python loops."""
    script = (
        "import sys, types, warnings\n"
        "sys.modules['geo.parsing._scan'] = types.SimpleNamespace(API=0)\n"
        "with warnings.catch_warnings(record=True) as caught:\n"
        "    warnings.simplefilter('always')\n"
        "    from geo.parsing import geoparse, runs\n"
        "print(runs.compiled, geoparse._spans is geoparse.spans, caught[0].message)\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert run.stdout.startswith("None True geo/parsing/_scan.c changed since it was built"), run.stdout + run.stderr
