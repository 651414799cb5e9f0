/* The loops that see every character of a text, or every name in it, compiled.

   geo/parsing/runs.py and geo/parsing/eventdates.py hold the same functions in Python, with the rules written
   out; this file gives exactly their results (tests/test_scan.py checks it on every text it
   has, and on random ones), only faster: a Python loop costs about a microsecond per name,
   and a news corpus of a few megabytes has tens of thousands of names. The rules themselves
   stay in Python: the character classes and word lists come in as arguments, and what the
   words around a name mean is asked of Python functions, once per distinct word.

   find(text, classes, connectors, tails) -> {run: [start, ...]}
   contexts(text, runs, before, after, plain_before, before_context, after_context, shortcut)
       -> [(run, before context, after context, [start, ...]), ...]
   spans([(start in run, end in run, [run start, ...]), ...]) -> [[start, end], ...] in order
   digits(text) -> bytes: b"0" for each ASCII digit, b" " for any other character
*/

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* classes[c] for c < len(classes): what geo.parsing.runs.character_classes says of c. */
#define CAPITAL 1
#define SEPARATOR 2
#define WORD 4

typedef struct {
    int kind;
    const void *data;
    Py_ssize_t length;
    const unsigned char *classes;
    Py_ssize_t nclasses;
} Text;

static inline Py_UCS4 at(const Text *t, Py_ssize_t i) { return PyUnicode_READ(t->kind, t->data, i); }

static inline int has(const Text *t, Py_UCS4 c, int flag) {
    if ((Py_ssize_t)c < t->nclasses) return t->classes[c] & flag;
    /* Beyond the table: no capitals or separators; a word character as `re` tells it. */
    return flag == WORD && (Py_UNICODE_ISALNUM(c) || c == '_');
}

static inline int is_word(const Text *t, Py_ssize_t i) { return has(t, at(t, i), WORD); }

/* Where the next capital is from i on, or the length: the loop over every character, so one
   per width of character, which the compiler keeps tight. */
#define SKIP(type)                                                                                   \
    {                                                                                                \
        const type *d = t->data;                                                                     \
        while (i < t->length && !(d[i] < t->nclasses && (t->classes[d[i]] & CAPITAL))) i++;          \
        return i;                                                                                    \
    }
static Py_ssize_t next_capital(const Text *t, Py_ssize_t i) {
    switch (t->kind) {
    case PyUnicode_1BYTE_KIND: SKIP(Py_UCS1)
    case PyUnicode_2BYTE_KIND: SKIP(Py_UCS2)
    default: SKIP(Py_UCS4)
    }
}

/* Whether every item of a tuple is a str. */
static int strings(PyObject *tuple) {
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(tuple); k++)
        if (!PyUnicode_Check(PyTuple_GET_ITEM(tuple, k))) return 0;
    return 1;
}

/* Whether a tuple holds, at [n], a tuple of the str of n characters. */
static int words_by_length(PyObject *tuple) {
    for (Py_ssize_t n = 0; n < PyTuple_GET_SIZE(tuple); n++) {
        PyObject *same = PyTuple_GET_ITEM(tuple, n);
        if (!PyTuple_Check(same) || !strings(same)) return 0;
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(same); k++)
            if (PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(same, k)) != n) return 0;
    }
    return 1;
}

/* Whether text[start:start+len(word)] is `word`. */
static int starts_with(const Text *t, Py_ssize_t start, PyObject *word) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(word);
    if (start + n > t->length) return 0;
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    for (Py_ssize_t k = 0; k < n; k++)
        if (PyUnicode_READ(kind, data, k) != at(t, start + k)) return 0;
    return 1;
}

/* \w*(?:['’]\w+)* from i. */
static Py_ssize_t rest(const Text *t, Py_ssize_t i) {
    while (i < t->length && is_word(t, i)) i++;
    while (i + 1 < t->length && (at(t, i) == '\'' || at(t, i) == 0x2019) && is_word(t, i + 1)) {
        i += 2;
        while (i < t->length && is_word(t, i)) i++;
    }
    return i;
}

/* One more word of a run from i, or -1: separators, connector words each followed by
   separators, then a capitalised word; else a space or dash and one of the tail words. */
static Py_ssize_t glue(const Text *t, Py_ssize_t i, PyObject *connectors, PyObject *tails) {
    Py_ssize_t q = i;
    while (q < t->length && has(t, at(t, q), SEPARATOR)) q++;
    while (q > i && q < t->length) {
        if (has(t, at(t, q), CAPITAL)) return rest(t, q + 1);
        Py_ssize_t end = q; /* a connector is a whole word between separators */
        while (end < t->length && !has(t, at(t, end), SEPARATOR)) end++;
        if (end == t->length) break;
        int known = 0;
        if (end - q < PyTuple_GET_SIZE(connectors)) { /* connectors[n]: the connectors of n letters */
            PyObject *same = PyTuple_GET_ITEM(connectors, end - q);
            for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(same) && !known; k++)
                known = starts_with(t, q, PyTuple_GET_ITEM(same, k));
        }
        if (!known) break;
        q = end;
        while (q < t->length && has(t, at(t, q), SEPARATOR)) q++;
    }
    if (i < t->length && (at(t, i) == ' ' || at(t, i) == '-')) {
        /* longest first, as the pattern's alternation tries them */
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(tails); k++) {
            PyObject *word = PyTuple_GET_ITEM(tails, k);
            Py_ssize_t end = i + 1 + PyUnicode_GET_LENGTH(word);
            if (starts_with(t, i + 1, word) && (end == t->length || !is_word(t, end))) return end;
        }
    }
    return -1;
}

static Py_ssize_t run_end(const Text *t, Py_ssize_t i, PyObject *connectors, PyObject *tails) {
    Py_ssize_t end = rest(t, i + 1), next;
    while ((next = glue(t, end, connectors, tails)) >= 0) end = next;
    return end < t->length && at(t, end) == '.' ? end + 1 : end;
}

/* -- a hash table of stretches of the text, compared by their characters ---------------- */

typedef struct {
    Py_ssize_t start, length;
    Py_hash_t hash;
    PyObject *value; /* NULL: an empty slot */
} Slot;

typedef struct {
    const Text *text;
    Slot *slots;
    Py_ssize_t mask, used;
} Table;

static int table_init(Table *table, const Text *text) {
    table->text = text;
    table->mask = 255;
    table->used = 0;
    table->slots = PyMem_Calloc(table->mask + 1, sizeof(Slot));
    if (!table->slots) PyErr_NoMemory();
    return table->slots ? 0 : -1;
}

static void table_free(Table *table) {
    if (!table->slots) return;
    for (Py_ssize_t k = 0; k <= table->mask; k++) Py_XDECREF(table->slots[k].value);
    PyMem_Free(table->slots);
    table->slots = NULL;
}

static Py_hash_t stretch_hash(const Text *t, Py_ssize_t start, Py_ssize_t length) {
    Py_uhash_t h = 14695981039346656037ULL;
    for (Py_ssize_t k = start; k < start + length; k++) h = (h ^ at(t, k)) * 1099511628211ULL;
    /* FNV's low bits see only the characters' low bits: mix the high ones down (murmur's finaliser). */
    h ^= (Py_uhash_t)length;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (Py_hash_t)h;
}

/* The slot of text[start:start+length]: its own if present, else the empty one to fill. */
static Slot *table_slot(Table *table, Py_ssize_t start, Py_ssize_t length, Py_hash_t hash) {
    const Text *t = table->text;
    size_t width = (size_t)t->kind;
    for (Py_ssize_t k = hash & table->mask;; k = (k + 1) & table->mask) {
        Slot *slot = &table->slots[k];
        if (!slot->value) return slot;
        if (slot->hash == hash && slot->length == length &&
            !memcmp((const char *)t->data + slot->start * width, (const char *)t->data + start * width,
                    (size_t)length * width))
            return slot;
    }
}

/* Fill an empty slot; the table takes the reference. Grows at half full. */
static int table_fill(Table *table, Slot *slot, Py_ssize_t start, Py_ssize_t length, Py_hash_t hash,
                      PyObject *value) {
    slot->start = start;
    slot->length = length;
    slot->hash = hash;
    slot->value = value;
    if (++table->used * 2 <= table->mask) return 0;
    Slot *old = table->slots;
    Py_ssize_t old_mask = table->mask;
    table->mask = old_mask * 2 + 1;
    table->slots = PyMem_Calloc(table->mask + 1, sizeof(Slot));
    if (!table->slots) {
        table->slots = old;
        table->mask = old_mask;
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t k = 0; k <= old_mask; k++) {
        if (!old[k].value) continue;
        Py_ssize_t j = old[k].hash & table->mask;
        while (table->slots[j].value) j = (j + 1) & table->mask;
        table->slots[j] = old[k];
    }
    PyMem_Free(old);
    return 0;
}

/* The value for text[start:start+length], made by make(that substring) the first time. */
static PyObject *remembered(Table *table, Py_ssize_t start, Py_ssize_t length, PyObject *text, PyObject *make) {
    Py_hash_t hash = stretch_hash(table->text, start, length);
    Slot *slot = table_slot(table, start, length, hash);
    if (slot->value) return slot->value;
    PyObject *piece = PyUnicode_Substring(text, start, start + length);
    if (!piece) return NULL;
    PyObject *value = PyObject_CallOneArg(make, piece);
    Py_DECREF(piece);
    if (!value) return NULL;
    if (PyUnicode_CheckExact(value)) {
        PyUnicode_InternInPlace(&value); /* equal answers are then one object, compared by address */
    } else if (value != Py_None) {
        Py_DECREF(value);
        return PyErr_Format(PyExc_TypeError, "a rule gave %.50s, not a str or None", Py_TYPE(value)->tp_name);
    }
    if (table_fill(table, slot, start, length, hash, value) < 0) return NULL;
    return value;
}

static int text_init(Text *t, PyObject *text, Py_buffer *classes) {
    t->kind = PyUnicode_KIND(text);
    t->data = PyUnicode_DATA(text);
    t->length = PyUnicode_GET_LENGTH(text);
    t->classes = classes ? classes->buf : NULL;
    t->nclasses = classes ? classes->len : 0;
    return 0;
}

static int append_start(PyObject *list, Py_ssize_t start) {
    PyObject *number = PyLong_FromSsize_t(start);
    if (!number) return -1;
    int failed = PyList_Append(list, number);
    Py_DECREF(number);
    return failed;
}

/* -- find ------------------------------------------------------------------------------ */

static PyObject *find(PyObject *module, PyObject *args) {
    PyObject *text, *connectors, *tails;
    Py_buffer classes;
    if (!PyArg_ParseTuple(args, "Uy*O!O!:find", &text, &classes, &PyTuple_Type, &connectors, &PyTuple_Type, &tails))
        return NULL;
    if (!words_by_length(connectors) || !strings(tails)) {
        PyBuffer_Release(&classes);
        return PyErr_Format(PyExc_TypeError, "connectors must be tuples of str by length, tails a tuple of str");
    }
    Text t;
    text_init(&t, text, &classes);
    Table runs = {0};
    PyObject *found = PyDict_New();
    if (!found || table_init(&runs, &t) < 0) goto fail;
    for (Py_ssize_t i = 0; (i = next_capital(&t, i)) < t.length; i++) {
        if (i > 0 && is_word(&t, i - 1)) continue;
        Py_ssize_t end = run_end(&t, i, connectors, tails);
        Py_hash_t hash = stretch_hash(&t, i, end - i);
        Slot *slot = table_slot(&runs, i, end - i, hash);
        PyObject *starts = slot->value;
        if (!starts) { /* a run not seen before: its list goes in the dict, and in the table */
            PyObject *run = PyUnicode_Substring(text, i, end);
            starts = PyList_New(0);
            int failed = !run || !starts || PyDict_SetItem(found, run, starts) < 0;
            Py_XDECREF(run);
            if (failed || table_fill(&runs, slot, i, end - i, hash, Py_NewRef(starts)) < 0) {
                Py_XDECREF(starts);
                goto fail;
            }
            Py_DECREF(starts); /* the dict and the table hold it */
        }
        if (append_start(starts, i) < 0) goto fail;
        i = end - 1;
    }
    goto done;
fail:
    Py_CLEAR(found);
done:
    table_free(&runs);
    PyBuffer_Release(&classes);
    return found;
}

/* -- contexts -------------------------------------------------------------------------- */

typedef struct {
    PyObject *text, *plain_before, *before_context, *after_context;
    Py_ssize_t before, after;
    Table words, leads, tails;
    /* The shortcut: a lowercase ASCII word not listed (by length) says plain_*, asking no rule. */
    PyObject *telling_before, *plain_before_word, *telling_after, *plain_after_word;
} Around;

/* Whether text[from:to] is a plain word: ASCII lowercase letters, not one of `listed`. */
static int plain_word(const Text *t, Py_ssize_t from, Py_ssize_t to, PyObject *listed) {
    if (to <= from) return 0;
    for (Py_ssize_t k = from; k < to; k++) {
        Py_UCS4 c = at(t, k);
        if (c < 'a' || c > 'z') return 0;
    }
    if (to - from >= PyTuple_GET_SIZE(listed)) return 1;
    PyObject *same = PyTuple_GET_ITEM(listed, to - from);
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(same); k++)
        if (starts_with(t, from, PyTuple_GET_ITEM(same, k))) return 0;
    return 1;
}

/* What the words before text[start:] tell, as geo.parsing.runs.contexts works it out. */
static PyObject *before_of(Around *a, const Text *t, Py_ssize_t start) {
    Py_ssize_t lead = start > a->before ? start - a->before : 0, word = lead, k;
    for (k = start - 2; k >= lead; k--)
        if (at(t, k) == ' ') {
            word = k + 1;
            break;
        }
    if (start >= 2 && at(t, start - 1) == ' ' && plain_word(t, word, start - 1, a->telling_before))
        return a->plain_before_word;
    PyObject *settled = remembered(&a->words, word, start - word, a->text, a->plain_before);
    if (settled != Py_None) return settled;
    /* the last two word breaks: the lead is cut at the earlier, or three characters before the later */
    Py_ssize_t breaks[2] = {lead - 1, lead - 1}, found = 0;
    for (k = start - 2; k >= lead && found < 2; k--)
        if (at(t, k) == ' ' || at(t, k) == '\n') breaks[found++] = k;
    Py_ssize_t from = breaks[0] - 3 < breaks[1] ? breaks[0] - 3 : breaks[1];
    from = from > lead ? from : lead;
    return remembered(&a->leads, from, start - from, a->text, a->before_context);
}

static PyObject *after_of(Around *a, const Text *t, Py_ssize_t end) {
    Py_ssize_t stop = end + a->after < t->length ? end + a->after : t->length;
    for (Py_ssize_t k = end + 1; k < stop; k++)
        if (at(t, k) == ' ') {
            stop = k;
            break;
        }
    if (end < t->length && at(t, end) == ' ' && plain_word(t, end + 1, stop, a->telling_after))
        return a->plain_after_word;
    return remembered(&a->tails, end, stop - end, a->text, a->after_context);
}

/* The starts of one run with the same surroundings; the answers are interned, so the same
   surroundings are the same two objects. */
typedef struct {
    PyObject *before, *after, *starts;
} Row;

static int add_row(PyObject *result, PyObject *run, Row *row) {
    PyObject *item = PyTuple_Pack(4, run, row->before, row->after, row->starts);
    int failed = !item || PyList_Append(result, item) < 0;
    Py_XDECREF(item);
    return failed ? -1 : 0;
}

static PyObject *contexts(PyObject *module, PyObject *args) {
    Around a = {0};
    PyObject *runs;
    if (!PyArg_ParseTuple(args, "UO!nnOOO(O!UO!U):contexts", &a.text, &PyList_Type, &runs, &a.before, &a.after,
                          &a.plain_before, &a.before_context, &a.after_context, &PyTuple_Type, &a.telling_before,
                          &a.plain_before_word, &PyTuple_Type, &a.telling_after, &a.plain_after_word))
        return NULL;
    if (!words_by_length(a.telling_before) || !words_by_length(a.telling_after))
        return PyErr_Format(PyExc_TypeError, "telling words must be tuples of str, by length");
    /* interned, as the rules' answers are, so that equal answers group together */
    Py_INCREF(a.plain_before_word);
    Py_INCREF(a.plain_after_word);
    PyUnicode_InternInPlace(&a.plain_before_word);
    PyUnicode_InternInPlace(&a.plain_after_word);
    Text t;
    text_init(&t, a.text, NULL);
    PyObject *result = PyList_New(0);
    Row *rows = NULL;
    Py_ssize_t nrows = 0, room = 0;
    if (!result || table_init(&a.words, &t) < 0 || table_init(&a.leads, &t) < 0 || table_init(&a.tails, &t) < 0)
        goto fail;
    for (Py_ssize_t r = 0; r < PyList_GET_SIZE(runs); r++) {
        PyObject *item = PyList_GET_ITEM(runs, r), *run, *starts;
        if (!PyArg_ParseTuple(item, "UO!:contexts", &run, &PyList_Type, &starts)) goto fail;
        Py_ssize_t length = PyUnicode_GET_LENGTH(run);
        for (Py_ssize_t s = 0; s < PyList_GET_SIZE(starts); s++) {
            Py_ssize_t start = PyLong_AsSsize_t(PyList_GET_ITEM(starts, s));
            if (start < 0 || start + length > t.length) {
                if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a start outside the text");
                goto fail;
            }
            PyObject *before = before_of(&a, &t, start), *after = before ? after_of(&a, &t, start + length) : NULL;
            if (!after) goto fail;
            Py_ssize_t k = 0;
            while (k < nrows && (rows[k].before != before || rows[k].after != after)) k++;
            if (k == nrows) {
                if (nrows == room) {
                    room = room ? 2 * room : 16;
                    Row *more = PyMem_Realloc(rows, room * sizeof(Row));
                    if (!more) {
                        PyErr_NoMemory();
                        goto fail;
                    }
                    rows = more;
                }
                rows[k] = (Row){before, after, PyList_New(0)};
                if (!rows[k].starts) goto fail;
                nrows++;
            }
            if (PyList_Append(rows[k].starts, PyList_GET_ITEM(starts, s)) < 0) goto fail; /* the same int */
        }
        for (Py_ssize_t k = 0; k < nrows; k++)
            if (add_row(result, run, &rows[k]) < 0) goto fail;
        for (; nrows > 0; nrows--) Py_DECREF(rows[nrows - 1].starts);
    }
    goto done;
fail:
    Py_CLEAR(result);
done:
    for (; nrows > 0; nrows--) Py_DECREF(rows[nrows - 1].starts);
    PyMem_Free(rows);
    table_free(&a.words);
    table_free(&a.leads);
    table_free(&a.tails);
    Py_DECREF(a.plain_before_word);
    Py_DECREF(a.plain_after_word);
    return result;
}

/* -- spans ----------------------------------------------------------------------------- */

typedef struct {
    Py_ssize_t start, end;
    PyObject *same; /* the int of `start` when the caller already has it, else NULL */
} Span;

static int before_span(const Span *x, const Span *y) {
    return x->start < y->start || (x->start == y->start && x->end < y->end);
}

/* Merge the sorted stretches of `all` (stretch k is all[bounds[k]:bounds[k+1]]) pairwise
   until one is left: each piece's starts come sorted, so this is n·log(pieces), not n·log(n). */
static int merge_pieces(Span *all, Py_ssize_t *bounds, Py_ssize_t pieces) {
    Span *spare = PyMem_Malloc((bounds[pieces] ? bounds[pieces] : 1) * sizeof(Span));
    if (!spare) return -1;
    while (pieces > 1) {
        Py_ssize_t kept = 0;
        for (Py_ssize_t k = 0; k < pieces; k += 2, kept++) {
            Py_ssize_t lo = bounds[k], mid = bounds[k + 1 < pieces ? k + 1 : pieces];
            Py_ssize_t hi = bounds[k + 2 < pieces ? k + 2 : pieces];
            Py_ssize_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi) spare[o++] = before_span(&all[j], &all[i]) ? all[j++] : all[i++];
            while (i < mid) spare[o++] = all[i++];
            while (j < hi) spare[o++] = all[j++];
            memcpy(all + lo, spare + lo, (hi - lo) * sizeof(Span));
            bounds[kept] = lo;
        }
        bounds[kept] = bounds[pieces];
        pieces = kept;
    }
    PyMem_Free(spare);
    return 0;
}

static PyObject *spans(PyObject *module, PyObject *pieces) {
    if (!PyList_Check(pieces)) return PyErr_Format(PyExc_TypeError, "spans() needs a list");
    Py_ssize_t total = 0, npieces = PyList_GET_SIZE(pieces);
    for (Py_ssize_t k = 0; k < npieces; k++) {
        PyObject *piece = PyList_GET_ITEM(pieces, k);
        if (!PyTuple_Check(piece) || PyTuple_GET_SIZE(piece) != 3 || !PyList_Check(PyTuple_GET_ITEM(piece, 2)))
            return PyErr_Format(PyExc_TypeError, "a piece is (start in run, end in run, [run start, ...])");
        total += PyList_GET_SIZE(PyTuple_GET_ITEM(piece, 2));
    }
    Span *all = PyMem_Malloc((total ? total : 1) * sizeof(Span));
    Py_ssize_t *bounds = PyMem_Malloc((npieces + 1) * sizeof(Py_ssize_t));
    PyObject *result = NULL;
    if (!all || !bounds) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t k = 0; k < npieces; k++) {
        PyObject *piece = PyList_GET_ITEM(pieces, k), *starts = PyTuple_GET_ITEM(piece, 2);
        Py_ssize_t lstart = PyLong_AsSsize_t(PyTuple_GET_ITEM(piece, 0));
        Py_ssize_t lend = PyLong_AsSsize_t(PyTuple_GET_ITEM(piece, 1));
        bounds[k] = n;
        for (Py_ssize_t j = 0; j < PyList_GET_SIZE(starts) && !PyErr_Occurred(); j++) {
            PyObject *start = PyList_GET_ITEM(starts, j);
            Py_ssize_t at = PyLong_AsSsize_t(start);
            all[n++] = (Span){at + lstart, at + lend, lstart == 0 ? start : NULL};
        }
        if (PyErr_Occurred()) goto done;
    }
    bounds[npieces] = n;
    if (npieces > 1 && merge_pieces(all, bounds, npieces) < 0) {
        PyErr_NoMemory();
        goto done;
    }
    result = PyList_New(n);
    for (Py_ssize_t k = 0; result && k < n; k++) {
        PyObject *pair = PyList_New(2);
        PyObject *start = all[k].same ? Py_NewRef(all[k].same) : PyLong_FromSsize_t(all[k].start);
        PyObject *end = PyLong_FromSsize_t(all[k].end);
        if (!pair || !start || !end) {
            Py_XDECREF(pair);
            Py_XDECREF(start);
            Py_XDECREF(end);
            Py_CLEAR(result);
            break;
        }
        PyList_SET_ITEM(pair, 0, start);
        PyList_SET_ITEM(pair, 1, end);
        PyList_SET_ITEM(result, k, pair);
    }
done:
    PyMem_Free(all);
    PyMem_Free(bounds);
    return result;
}

/* -- digits ---------------------------------------------------------------------------- */

#define DIGITS(type)                                                                                 \
    {                                                                                                \
        const type *d = data;                                                                        \
        for (Py_ssize_t i = 0; i < n; i++) out[i] = d[i] >= '0' && d[i] <= '9' ? '0' : ' ';         \
    }

static PyObject *digits(PyObject *module, PyObject *text) {
    if (!PyUnicode_Check(text)) return PyErr_Format(PyExc_TypeError, "digits() needs a str");
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *result = PyBytes_FromStringAndSize(NULL, n);
    if (!result) return NULL;
    char *out = PyBytes_AS_STRING(result);
    switch (PyUnicode_KIND(text)) {
    case PyUnicode_1BYTE_KIND: DIGITS(Py_UCS1) break;
    case PyUnicode_2BYTE_KIND: DIGITS(Py_UCS2) break;
    default: DIGITS(Py_UCS4)
    }
    return result;
}

static PyMethodDef methods[] = {
    {"find", find, METH_VARARGS, "{run: [start, ...]} of every capitalised run, as geo.parsing.runs.find_runs."},
    {"contexts", contexts, METH_VARARGS, "What surrounds each start of each run, as geo.parsing.runs.contexts."},
    {"spans", spans, METH_O, "The [start, end] of a group's names in text order, as geo.parsing.geoparse.spans."},
    {"digits", digits, METH_O, "The text as bytes, b'0' for an ASCII digit, else b' ', as geo.parsing.eventdates.digits."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "geo.parsing._scan", NULL, -1, methods};

/* Raised whenever a function here changes how it is called: geo.parsing.runs ignores a build whose API
   is not the one it expects, so a stale build can never be called the old way. */
#define API 1

PyMODINIT_FUNC PyInit__scan(void) {
    PyObject *m = PyModule_Create(&module);
    if (m && PyModule_AddIntConstant(m, "API", API) < 0) Py_CLEAR(m);
    return m;
}
