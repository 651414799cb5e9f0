"""What a person's words may hold once they enter the atlas: one Unicode form, and no character
that moves, hides or forges what a screen or a terminal shows.

Every way in (the Add article page, ``geo add``, ``geo import``, ``geo geoparse``, the address and
the search boxes) goes through here, and every column the command line prints goes through
``shown``: a title holding a tab, a line break or a right-to-left override would otherwise print
a forged row or turn the rest of the line around.

What is kept, and why:

- The joiners U+200C and U+200D stay in every field: Persian, Arabic and Indic scripts (and
  emoji sequences) spell words with them, and they move nothing.
- In an article's text, tab and line break stay, a carriage return becomes a line break (files
  from Windows), and the marks right-to-left text needs (U+200E, U+200F, U+061C) and other
  format characters stay; the controls that override or isolate a direction do not.
- A one-line field (title, outlet, author, web address, a name) holds no control or format
  character at all; the invisible ones web pages paste along (zero-width space, word joiner,
  byte order mark, soft hyphen) are dropped rather than refused, so a field of only those is
  blank and asked for.
- A new text with no blank lines has its paragraphs at its line breaks, so a line break inside a
  sentence (a text hard-wrapped by a mail or a PDF) becomes a space (``joined_lines``): a passage
  is then the whole paragraph. This is done to the text as it comes in, never to the paragraphs
  of a saved one, whose mentions are numbered by paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

JOINERS = "\u200c\u200d"
INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
#: Direction overrides, embeddings and isolates: a lone one turns the rest of a line around.
DIRECTION = "\u202a-\u202e\u2066-\u2069"
_BLANKS = re.compile(f"[\\s{JOINERS}]")
_TEXT_REFUSED = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f{DIRECTION}]")


def nfc(text: str) -> str:
    """One spelling of each accented letter: "Zürich" typed as u and a combining diaeresis becomes
    the one character the gazetteer, the names and the offsets of spans are written in."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


#: Every control, format, line and paragraph separator character (Unicode categories Cc, Cf, Zl,
#: Zp) but the joiners, as Python 3.11's Unicode 14 lists them (tests/hostile/test_fields.py holds
#: this to ``unicodedata``): written out, as building it from ``unicodedata`` costs each command 0.1 s.
UNSEEN = re.compile(
    "[\\x00-\\x1f\\x7f-\\x9f\\xad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890-\\u0891\\u08e2\\u180e\\u200b\\u200e-\\u200f"
    "\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb\\U000110bd\\U000110cd\\U00013430-\\U0001343f"
    "\\U0001bca0-\\U0001bca3\\U0001d173-\\U0001d17a\\U000e0001\\U000e0020-\\U000e007f]"
)

_FORMAT = re.compile(r"(?![\x00-\x1f\x7f-\x9f])" + UNSEEN.pattern)


def blank(value: str) -> bool:
    """Whether a value holds nothing a reader can see: whitespace and format characters only (a
    control character is something: binary data, refused as such)."""
    return not _BLANKS.sub("", _FORMAT.sub("", value))


def one_line(value: str) -> str:
    """A one-line field as it is kept: NFC, the invisible characters dropped, blanks trimmed; empty
    if nothing visible is left. Any other control or format character is a ValueError saying where."""
    value = INVISIBLE.sub("", nfc(value)).strip()
    if blank(value):
        return ""
    found = UNSEEN.search(value)
    if found:
        raise ValueError(f"holds a control character ({_name(found.group())}) at column {found.start() + 1}")
    return value


#: The C1 codes Windows-1252 gives a character: in a news text they are nearly always its
#: punctuation decoded as Latin-1 (a dash read as U+0096), so they become what they stood for. The
#: five codes it leaves unused, and every other control, stay refused.
_C1_AS_CP1252 = re.compile("[\x80-\x9f]")


def _cp1252(found: re.Match) -> str:
    try:
        return bytes([ord(found.group())]).decode("cp1252")
    except UnicodeDecodeError:
        return found.group()


def body(text: str) -> str:
    """An article's text as it is kept: NFC, line breaks as ``\\n``, C1 codes read as Windows-1252.
    A control character other than tab and line break, or a direction override, is a ValueError
    giving its line and column."""
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _C1_AS_CP1252.sub(_cp1252, text)
    found = _TEXT_REFUSED.search(text)
    if found:
        at = found.start()
        line, column = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
        raise ValueError(f"holds a control character ({_name(found.group())}) at line {line}, column {column}")
    return text


#: A line that runs on: it ends inside a sentence (no stop, colon or closing quote) and the next
#: line goes on in lowercase, or it is as long as a hard-wrapped line and ends in a word or comma.
_RUNS_ON: Final = re.compile(r"[^.!?:;\"”’')\]\s][^\S\n]*$")
#: How long a hard-wrapped line of prose is (wrapping is at 60 to 80 characters, 100 at most);
#: a paragraph written on one line is longer.
WRAPPED_LINE: Final = (60, 100)
_BLANK_LINE: Final = re.compile(r"\n[^\S\n]*\n")


def joined_lines(text: str) -> str:
    """A text with no blank lines, whose paragraphs are its lines, with each line break inside a
    sentence (``_inside_sentence``) and the blanks around it made one space; a text with blank
    lines as it is. Titles stay lines of their own (short, and the next line opens a sentence).

    Only for a text coming in: ``geo.model.models.paragraph_bounds`` numbers the paragraphs of a
    saved article, and its mentions by them, so the rule is not in there."""
    if "\n" not in text or _BLANK_LINE.search(text):
        return text
    parts, last = [], 0
    for gap in re.finditer(r"\n[^\S\n]*", text):
        if _inside_sentence(text, gap):
            parts += [text[last : gap.start()].rstrip(), " "]
            last = gap.end()
    return "".join([*parts, text[last:]]) if parts else text


def _inside_sentence(text: str, gap: re.Match) -> bool:
    """Whether a single line break (``gap``, with the blanks after it) falls inside a sentence
    (see ``_RUNS_ON``)."""
    line_start = text.rfind("\n", 0, gap.start()) + 1
    line = text[line_start : gap.start()]
    if not line.strip() or _RUNS_ON.search(line) is None:
        return False
    following = text[gap.end() : gap.end() + 1]
    return following.islower() or (WRAPPED_LINE[0] <= len(line.rstrip()) <= WRAPPED_LINE[1] and following.isalpha())


def plain_line(line: str) -> str:
    """A line's words with every control and format character dropped and blanks made single: a
    title taken from the text, which may hold what a one-line field may not."""
    return " ".join(UNSEEN.sub("", line).split())


def shown(value: object) -> str:
    """A value as one terminal column: every control and format character written out (``\\t``,
    ``\\u202e``), so nothing a field holds can break a row, rewrite a line or turn it around."""
    return UNSEEN.sub(_escaped, str(value))


def _escaped(found: re.Match) -> str:
    code = ord(found.group())
    return {9: "\\t", 10: "\\n", 13: "\\r"}.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _name(char: str) -> str:
    return f"U+{ord(char):04X}"
