#!/usr/bin/env python3
"""Converts the PETRARCH-2 CAMEO verb dictionary (CAMEO.2.0.txt, MIT) into diplograph's pattern
language: data/lexicon/verbs.cameo2.tsv (verb forms by lemma) and data/patterns/cameo2.tsv.

What carries over: each verb block's verbs and their forms (irregular forms as listed, regular
ones generated as PETRARCH does), the synonym sets (&NAME), each pattern's words, phrases
({A B}), prepositional groups ((PREP ...)), source and target slots ($ +) and CAMEO code, and
each verb's own default code. A pattern becomes

    [pre-verb words *3] <verbs of the block> {O}? *6 word *4 word ...   (ids cameo2:BLOCK:N)

where the optional target right after the verb takes "accused Russia of ..." and the extractor
takes a later object itself. What is dropped, and why, is counted on stderr: passive-only codes
([:173]: we do not tell the passive apart), transformations (~ lines), codes outside our CAMEO
table, and patterns made only of slots.
Standard library only; the output is deterministic (the test compares it byte for byte).
"""
import argparse
import os
import re
import sys

SOURCE = "CAMEO.2.0.txt"
REPO = "https://github.com/openeventdata/petrarch2"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
LICENCE = "MIT License, Copyright (c) 2015 Open Event Data Alliance"

# Words a pattern may not open on or consist of alone: they carry no meaning of their own.
GAP_FIRST = 6   # tokens between the verb and the first word of a pattern
GAP_NEXT = 4    # tokens between later words
GAP_PRE = 3     # tokens between pre-verb words and the verb


# Words that take no plural: the prepositions of Phoenix.prepositions.txt (read in convert) and
# these function words.
FUNCTION_WORDS = {"a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their",
                  "our", "no", "not", "and", "or", "any", "all", "each", "every", "some", "more",
                  "less", "first", "new", "own", "other", "it", "him", "them", "himself",
                  "herself", "itself", "themselves", "up", "down", "out", "off", "back", "away",
                  "forward", "together", "ahead", "again", "also", "very"}


def plural(w):
    if w.endswith("_"):
        return [w[:-1]]
    if len(w) <= 3 or w.endswith("s") or not w.isalpha() or w in FUNCTION_WORDS:
        return [w]
    if w.endswith(("x", "z", "ch", "sh")):
        return [w, w + "es"]
    if w.endswith("y") and w[-2] not in "aeiou":
        return [w, w[:-1] + "ies"]
    return [w, w + "s"]


def verb_forms(base):
    """Regular forms of a one-word verb, as PETRARCH generates them; a consonant doubled after
    one short vowel is added as a second spelling (ban -> banned, admit -> admitted)."""
    out = [base]
    if base.endswith(("s", "x", "z", "ch", "sh", "o")):
        out.append(base + "es")
    elif base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        out.append(base[:-1] + "ies")
    else:
        out.append(base + "s")
    cvc = (len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou"
           and base[-3] not in "aeiou")
    if base.endswith("e"):
        out += [base + "d", base[:-1] + "ing"]
    elif base.endswith("y") and len(base) > 1 and base[-2] not in "aeiou":
        out += [base[:-1] + "ied", base + "ing"]
    else:
        out += [base + "ed", base + "ing"]
        if cvc:
            out += [base + base[-1] + "ed", base + base[-1] + "ing"]
    return out


def phrase(token):
    """A dictionary word: underscores join the words of a phrase; lower case."""
    return token.strip("_").replace("_", " ").lower()


def read(path, layout="petrarch2"):
    """Synonym sets and verb blocks of a verb dictionary. layout "petrarch2" (CAMEO.2.0.txt):
    a synonym-set section, then a verb-pattern section. layout "petrarch1" (the PETRARCH-1 /
    TABARI-era files, e.g. PETR.Validate.verbs.txt): no sections, synonym sets (&NAME, then +
    lines) between the verb blocks, <!-- --> comments, block names of several words
    ("--- LASH OUT [122] ---"), verbs written with spaces or with '+' on the conjugated word
    ("WIRE_+TAP"); in pattern lines '_' joins words and slots that must be adjacent ("IN_*",
    "*_OUT", "NEW_&TIETYPES_RELATIONS")."""
    p1 = layout == "petrarch1"
    synsets = {}
    blocks = []  # (name, code, verbs [(forms, code)], patterns [(line_no, text, code)])
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = f.read().split("\n")
    section = "verbs" if p1 else None
    cur_syn = None
    block = None
    in_xml_comment = False
    for no, raw in enumerate(lines, 1):
        if p1:
            # <!-- ... --> comments, possibly over several lines.
            text = ""
            rest = raw
            while rest:
                if in_xml_comment:
                    end = rest.find("-->")
                    if end < 0:
                        rest = ""
                    else:
                        in_xml_comment = False
                        rest = rest[end + 3:]
                else:
                    start = rest.find("<!")
                    if start < 0:
                        text += rest
                        rest = ""
                    else:
                        text += rest[:start]
                        in_xml_comment = True
                        rest = rest[start + 2:]
            raw = text
        line = raw.split("#", 1)[0].rstrip()
        if raw.startswith("####### SYNONYM SETS"):
            section = "syn"
            continue
        if raw.startswith("####### VERB PATTERNS"):
            section = "verbs"
            continue
        if not line.strip():
            continue
        if p1 and line.startswith("&"):
            # A synonym set between verb blocks: its + lines follow, up to the next block.
            section = "syn"
        if section == "syn":
            if line.startswith("&"):
                cur_syn = line.strip().rstrip("_")
                synsets[cur_syn] = []
            elif line.startswith("+") and cur_syn:
                synsets[cur_syn].append(line[1:].strip())
            if not (p1 and line.startswith("---")):
                continue
            section = "verbs"
            block = None
        if section != "verbs":
            continue
        if p1:
            m = re.match(r"^---\s+(.+?)\s+\[([^\]]*)\]", line)
            if m:
                m = (m.group(1).strip().replace(" ", "_"), m.group(2))
        else:
            m = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
            if m:
                m = (m.group(1), m.group(2))
        if m:
            block = {"name": m[0], "code": m[1].strip(), "verbs": [], "patterns": [],
                     "line": no}
            blocks.append(block)
            continue
        if block is None:
            continue
        if line.startswith("~"):
            block.setdefault("dropped_transform", 0)
            block["dropped_transform"] += 1
            continue
        if line.startswith("-"):
            m = re.match(r"^-(.*)\[([^\]]*)\]\s*$", line)
            if not m:
                continue
            block["patterns"].append((no, m.group(1).strip(), m.group(2).strip()))
            continue
        # A verb line: WORD {FORMS} [code], +MULTI_WORD {+FORMS} [code].
        if p1:
            # "LASH OUT", "WIRE_+TAP {WIRE_+TAPPED ...}": words by '_' or space; '+' marks the
            # word that is conjugated (the first one when the line opens with it).
            m = re.match(r"^(\+?[A-Z][A-Z0-9_\-'+ ]*?)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?\s*$",
                         line.strip())
        else:
            m = re.match(r"^(\+?[A-Z][A-Z0-9_\-']*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line.strip())
        if not m:
            continue
        word = m.group(1)
        irregular = m.group(2)
        code = m.group(3)[1:-1].strip() if m.group(3) else ""
        multi = word.startswith("+")
        head = 0
        if p1:
            parts = [w for w in re.split(r"[_ ]+", word.lstrip("+")) if w]
            head = next((i for i, w in enumerate(parts) if w.startswith("+")), 0)
            multi = multi or len(parts) > 1
            word = "_".join(w.lstrip("+") for w in parts)
        words = phrase(word.lstrip("+")).split(" ")
        forms = []
        if irregular is not None:
            forms = [" ".join(words)]
            for f in re.split(r"[\s,]+", irregular[1:-1]):
                f = phrase(f.lstrip("+").replace("+", "") if p1 else f.lstrip("+"))
                if re.search(r"[a-z]", f) and f not in forms:
                    forms.append(f)
        else:
            forms = [" ".join(words[:head] + [v] + words[head + 1:]) for v in verb_forms(words[head])]
        block["verbs"].append({"word": " ".join(words), "forms": forms, "code": code,
                               "multi": multi, "line": no})
    return synsets, blocks


def expand_synset(synsets, name, seen=()):
    out = []
    for entry in synsets.get(name, []):
        if entry.startswith("&"):
            # A synonym set inside another ("+&TIETYPES" in PETR.Validate.verbs.txt).
            inner = entry.split()[0].rstrip("_")
            if inner not in seen and inner != name:
                out += expand_synset(synsets, inner, seen + (name,))
            continue
        stopped = entry.endswith("_")
        base = phrase(entry)
        if not base:
            continue
        if stopped or " " in base:
            out.append(base)
        else:
            out += plural(base)
    return out


ADJACENT = ("adjacent",)  # an item: the items either side of it stand next to each other


def tokenize(pattern, connectors=False):
    """Splits a pattern into items: '*', '$', '+', '^', '%', '(' and ')', '{...}' phrases, words.
    With connectors (the PETRARCH-1 layout), a word that joins with '_' a slot or a synonym set
    ("IN_*", "*_OUT", "NEW_&TIETYPES_RELATIONS") is split into its parts, with ADJACENT between
    the parts that must stand next to each other."""
    if connectors:
        items = []
        for it in tokenize(pattern):
            if isinstance(it, str) and "_" in it.strip("_") and re.search(r"[*$+%^&]", it):
                parts = [x for x in re.split(r"_+", it) if x]
                # Runs of plain words stay one phrase ("IN_AND" -> "IN_AND").
                merged = []
                for x in parts:
                    if (merged and not re.search(r"[*$+%^&]", x) and
                            not re.search(r"[*$+%^&]", merged[-1])):
                        merged[-1] += "_" + x
                    else:
                        merged.append(x)
                for k, x in enumerate(merged):
                    if k:
                        items.append(ADJACENT)
                    items.append(x)
            else:
                items.append(it)
        return items
    items = []
    i = 0
    s = pattern
    while i < len(s):
        c = s[i]
        if c.isspace():
            i += 1
        elif c in "()":
            items.append(c)
            i += 1
        elif c == "{":
            j = s.find("}", i)
            if j < 0:
                j = len(s)
            items.append(("phrase", s[i + 1:j].split()))
            i = j + 1
        else:
            j = i
            while j < len(s) and not s[j].isspace() and s[j] not in "(){}":
                j += 1
            items.append(s[i:j])
            i = j
    return items


class Dropped(Exception):
    pass


def alternatives(synsets, word):
    """The pattern-language alternatives of one dictionary word or synset, '_' joining words."""
    if word.startswith("&"):
        alts = expand_synset(synsets, word.rstrip("_"))
        if not alts:
            raise Dropped("empty synset")
    else:
        base = phrase(word)
        if not base or not re.match(r"^[a-z0-9][a-z0-9 .'\-]*$", base):
            raise Dropped("odd word")
        alts = [base] if " " in base else plural(base)
    return join_alternatives(alts)


def join_alternatives(words):
    """One pattern element from words or phrases: spaces become '_', repeats go, '|' joins."""
    out = []
    for w in words:
        w = w.replace(" ", "_")
        if w not in out:
            out.append(w)
    return "|".join(out)


def convert_pattern(synsets, text, verb_element, connectors=False):
    items = tokenize(text, connectors)
    if "*" not in items:
        raise Dropped("no verb slot")
    star = items.index("*")
    pre, post = items[:star], items[star + 1:]
    out = []
    words = 0
    for k, it in enumerate(pre):
        if it in ("(", ")", "^", "%") or it is ADJACENT:
            continue
        if it == "$":
            out.append("{S}")
        elif it == "+":
            out.append("{O}")
        elif isinstance(it, tuple):
            out += [alternatives(synsets, w) for w in it[1]]
            words += len(it[1])
        else:
            out.append(alternatives(synsets, it))
            words += 1
        # The gap to the next item, unless '_' joined them ("IN_*").
        if not (k + 1 < len(items) and items[k + 1] is ADJACENT):
            out.append("*%d" % GAP_PRE)
    out.append(verb_element)
    has_target = "+" in items
    first = True
    gap_pending = True
    post_out = []
    adjacent = False
    verb_adjacent = bool(post) and post[0] is ADJACENT
    for it in post:
        if it is ADJACENT:
            adjacent = True
            continue
        if it in ("(", ")"):
            continue
        if it in ("^", "%"):
            gap_pending = True
            continue
        gap = "*%d" % (GAP_FIRST if first else GAP_NEXT)
        if adjacent:
            gap = None
            adjacent = False
        if gap is not None:
            post_out.append(gap)
        if it == "$":
            post_out.append("{S}")
        elif it == "+":
            post_out.append("{O}")
        elif isinstance(it, tuple):
            post_out += [alternatives(synsets, w) for w in it[1]]
            words += len(it[1])
        else:
            post_out.append(alternatives(synsets, it))
            words += 1
        first = False
    if post_out and not has_target and not verb_adjacent:
        # "accused Russia of spying": the object may stand right after the verb.
        out.append("{O}?")
    out += post_out
    # A gap before a slot is only needed when words come between: trim "*N {O}" at the start.
    return " ".join(out), words


def code_of(field):
    """The active code of '[042:043]', '[042]'; None for passive-only or null codes."""
    active = field.split(":")[0].strip()
    return active


def known_code(code, table):
    """A code of our CAMEO table (data/cameo.tsv lists the codebook's codes): the only codes a
    --patterns file may hold."""
    return code in table


def read_prepositions(peers_dir):
    """Phoenix.prepositions.txt: words that take no plural (added to FUNCTION_WORDS)."""
    with open(os.path.join(peers_dir, "Phoenix.prepositions.txt"), encoding="utf-8") as f:
        for line in f:
            w = line.split("#")[0].strip().lower()
            if w:
                FUNCTION_WORDS.add(w)


def build(synsets, blocks, cameo_codes, prefix="cameo2", inline=False, connectors=False):
    """The lemmas [(lemma, forms)] and pattern rows [(sort key, id, type, cameo, pattern)] of a
    dictionary read by read(), with counts of what was kept and dropped. inline: the verbs' forms
    are written into each pattern as word alternatives ("meet|meets|met|meeting") instead of a
    lemma of lexicon/verbs.cameo2.tsv: a run-time pattern file (--patterns) can name only the
    built-in lemmas. connectors: patterns of the PETRARCH-1 layout (tokenize)."""
    stats = {"blocks": len(blocks), "verbs": 0, "patterns_in": 0, "patterns_out": 0,
             "defaults_out": 0, "null_out": 0}
    dropped = {}
    codes_dropped = {}  # code -> patterns or verb defaults dropped for it

    def drop(why):
        dropped[why] = dropped.get(why, 0) + 1

    lemmas = []  # (lemma, forms)
    rows = []    # (sort key, id, type, cameo, pattern)
    for b in blocks:
        name = b["name"]
        key = name.lower()
        if b.get("dropped_transform"):
            for _ in range(b["dropped_transform"]):
                drop("transformation rule (~)")
        if not b["verbs"]:
            drop("block without verbs")
            continue
        forms = []
        for v in b["verbs"]:
            stats["verbs"] += 1
            for f in v["forms"]:
                if f not in forms:
                    forms.append(f)
        block_lemma = "c2." + key
        lemmas.append((block_lemma, forms))
        element = join_alternatives(forms) if inline else "<%s>" % block_lemma
        block_code = code_of(b["code"])
        for n, (line, text, field) in enumerate(b["patterns"], 1):
            stats["patterns_in"] += 1
            code = code_of(field)
            if code == "":
                drop("passive-only code")
                continue
            null = code == "---"
            if not null and not known_code(code, cameo_codes):
                drop("code outside the CAMEO table")
                codes_dropped[code] = codes_dropped.get(code, 0) + 1
                continue
            try:
                pattern, words = convert_pattern(synsets, text, element, connectors)
            except Dropped as e:
                drop(str(e))
                continue
            if words == 0 and not null:
                # "- * (TO)", "- * +": only a preposition or a slot is left; the verb's own code
                # says as much. Prepositional groups with one word stay (they have words == 1).
                pass
            if ":" in field and field.split(":", 1)[1].strip() and connectors:
                # PETRARCH-1's [a:b]: a for source -> target, b for target -> source. A pattern
                # of ours codes one event: b is lost.
                stats["paired codes [a:b] (pattern kept, b lost)"] = (
                    stats.get("paired codes [a:b] (pattern kept, b lost)", 0) + 1)
            pid = "%s:%s:%d" % (prefix, name, n)
            rows.append(((-words, 0, line), pid, "none" if null else "-", "---" if null else code,
                         pattern))
            stats["null_out" if null else "patterns_out"] += 1
        for v in b["verbs"]:
            code = code_of(v["code"]) if v["code"] else block_code
            if code in ("", "---"):
                continue
            if not known_code(code, cameo_codes):
                drop("verb default outside the CAMEO table")
                codes_dropped[code] = codes_dropped.get(code, 0) + 1
                continue
            vlemma = "c2v." + v["word"].replace(" ", "_")
            lemmas.append((vlemma, v["forms"]))
            pid = "%s:%s:%s" % (prefix, name, v["word"].upper().replace(" ", "_"))
            # Phrasal verbs ("ask for") before their head alone.
            rows.append(((1 - len(v["word"].split()), 1, v["line"]), pid, "-", code,
                         join_alternatives(v["forms"]) if inline else "<%s>" % vlemma))
            stats["defaults_out"] += 1
    rows.sort(key=lambda r: r[0])
    return lemmas, rows, stats, dropped, codes_dropped


def convert(peers_dir, out_dir, cameo_codes):
    read_prepositions(peers_dir)
    synsets, blocks = read(os.path.join(peers_dir, SOURCE))
    lemmas, rows, stats, dropped, _ = build(synsets, blocks, cameo_codes)
    head = ("# Converted by scripts/petrarch/verbs.py from %s of %s (commit %s),\n"
            "# %s. Do not edit: run scripts/convert_petrarch.py.\n" % (SOURCE, REPO, COMMIT, LICENCE))
    with open(os.path.join(out_dir, "lexicon", "verbs.cameo2.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(head)
        f.write("# Verb forms by lemma: c2.BLOCK (every verb of a verb block), c2v.VERB (one verb).\n")
        f.write("lemma\tforms\n")
        seen = set()
        for lemma, forms in lemmas:
            if lemma in seen:
                continue
            seen.add(lemma)
            f.write("%s\t%s\n" % (lemma, "|".join(x.replace(" ", "_") for x in forms)))
    with open(os.path.join(out_dir, "patterns", "cameo2.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write(head)
        f.write("# Loaded after data/patterns/events.tsv (ours win a trigger first). Type '-': from\n"
                "# the CAMEO code; 'none': the trigger is taken and no event coded ([---]).\n")
        f.write("id\ttype\tcameo\tpattern\n")
        for _, pid, typ, code, pattern in rows:
            f.write("%s\t%s\t%s\t%s\n" % (pid, typ, code, pattern))
    return stats, dropped


def convert_runtime(verbs_path, out_path, cameo_codes, layout="petrarch1", prefix="petr"):
    """Converts any PETRARCH verb dictionary into one run-time pattern file (--patterns): the
    verbs' forms written into the patterns, ids PREFIX:BLOCK:N and PREFIX:BLOCK:VERB. Returns
    (stats, dropped, codes dropped). Call read_prepositions() first, as convert() does."""
    synsets, blocks = read(verbs_path, layout)
    _, rows, stats, dropped, codes_dropped = build(synsets, blocks, cameo_codes, prefix=prefix,
                                                   inline=True, connectors=layout == "petrarch1")
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write("# Converted by scripts/petrarch/verbs.py (convert_runtime) from %s.\n"
                % os.path.basename(verbs_path))
        f.write("# A run-time pattern file (extract --patterns): verb forms written out.\n")
        f.write("id\ttype\tcameo\tpattern\n")
        for _, pid, typ, code, pattern in rows:
            f.write("%s\t%s\t%s\t%s\n" % (pid, typ, code, pattern))
    return stats, dropped, codes_dropped


def cameo_table(repo):
    codes = set()
    with open(os.path.join(repo, "data", "cameo.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            codes.add(line.split("\t")[0])
    return codes


def main():
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--peers", default=os.path.join(repo, "..", "shared", "peers", "petrarch2"))
    ap.add_argument("--out", default=os.path.join(repo, "data"))
    a = ap.parse_args()
    stats, dropped = convert(a.peers, a.out, cameo_table(repo))
    for k, v in stats.items():
        print("%s: %d" % (k, v), file=sys.stderr)
    for k, v in sorted(dropped.items()):
        print("dropped, %s: %d" % (k, v), file=sys.stderr)


if __name__ == "__main__":
    main()
