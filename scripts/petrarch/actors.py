#!/usr/bin/env python3
"""Converts the PETRARCH-2 Phoenix actor and agent dictionaries into diplograph's data tables.

Reads Phoenix.Countries.actors.txt, Phoenix.International.actors.txt,
Phoenix.MilNonState.actors.txt and Phoenix.agents.txt (openeventdata/petrarch2, MIT licence)
and writes, sorted and with LF line ends so a rerun reproduces them byte for byte:

  actors/phoenix.people.tsv         persons, one row per dated role (format of people.tsv)
  actors/phoenix.organizations.tsv  IGOs, NGOs (organization) and militant groups (armed_group)
  lexicon/agents.tsv                agent nouns: "troops" -> Military MIL (format of groups.tsv)

Facts are converted; nothing is copied verbatim. Our own tables win: a Phoenix entry whose name
our data already holds is skipped. Counts go to stderr and, by the caller, into data/README.md.
Needs /usr/share/dict/words (Debian package wamerican) to drop aliases that are English words.

Usage: scripts/petrarch/actors.py [--peers DIR] [--out DIR]
"""
import argparse
import collections
import datetime
import json
import os
import re
import sys

REPO = "openeventdata/petrarch2"
COMMIT = "676801cd9cb2924bbbad09f86d15c9323e7097bf"
LICENCE = 'MIT licence, "Copyright (c) 2014 Open Event Data Alliance"'
WORDS = "/usr/share/dict/words"
ISO_JSON = "/usr/share/iso-codes/json/iso_3166-1.json"

COUNTRIES = "Phoenix.Countries.actors.txt"
INTERNATIONAL = "Phoenix.International.actors.txt"
MILNONSTATE = "Phoenix.MilNonState.actors.txt"
AGENTS = "Phoenix.agents.txt"

# Role labels of a person's sector code (the three letters after the country). Generic on
# purpose: Knowledge::holder() looks roles up by title ("president"), and none of these is one
# (data/lexicon/titles.tsv). Same labels as the run-time CAMEO dictionary reader
# (src/extract/dictionaries.cpp, sector_role).
SECTOR_ROLES = {
    "GOV": "government", "MIL": "military", "LEG": "legislature", "ELI": "elite",
    "OPP": "opposition", "JUD": "judiciary", "COP": "police", "MED": "media",
    "BUS": "business",
}
DEFAULT_ROLE = "member"

# Readable names of agent sector codes (the first three letters of the agent code).
AGENT_NAMES = {
    "AGR": "Farmers", "BUD": "Buddhists", "BUS": "Business", "CHR": "Christians",
    "COP": "Police", "CRM": "Criminals", "CVL": "Civilians", "EDU": "Students",
    "ELI": "Elites", "ENV": "Environmentalists", "GOV": "Government", "HIN": "Hindus",
    "HLH": "Health", "HRI": "Human Rights Activists", "IMG": "Militants", "JEW": "Jews",
    "JUD": "Judiciary", "LAB": "Workers", "LEG": "Legislature", "MED": "Media",
    "MIL": "Military", "MUS": "Muslims", "NGO": "NGO", "OPP": "Opposition",
    "PPL": "People", "PTY": "Party", "RAD": "Radicals", "REB": "Rebels", "REF": "Refugees",
    "REL": "Clergy", "SPY": "Intelligence", "UAF": "Armed Men",
}

# Words that may open a primary phrase before the person's name ("SECRETARY-GENERAL_BAN_KI-MOON").
LEADING_TITLES = {
    "president", "presidents", "secretary-general", "secretary", "general", "prime", "minister",
    "king", "queen", "prince", "sheikh", "emir", "sultan", "chancellor", "premier", "dr", "dr.",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "gen", "gen.", "col", "col.", "sen", "sen.",
    "senator", "ambassador", "mullah", "ayatollah", "pope", "judge", "justice",
}
# Lower-case name particles ("Bashar al-Assad", "Javier de Cuellar").
PARTICLES = {"al", "el", "bin", "ibn", "de", "del", "della", "da", "das", "dos", "du", "van",
             "von", "der", "den", "la", "le", "y", "of", "the", "and", "for", "in", "on", "ul"}
# Words of organization names kept in capitals (acronyms: no vowel, or written with dots).
VOWELS = set("AEIOUY")


def fail(msg):
    print("actors.py: " + msg, file=sys.stderr)
    sys.exit(1)


def norm(s):
    """Like diplograph's normalize_name: lower case, apostrophes dropped, other marks a space."""
    s = s.lower().replace("'", "")
    return " ".join(re.sub(r"[^0-9a-z\u00c0-\uffff]+", " ", s).split())


def read_tsv(path):
    """Data rows (lists of columns) of one of our TSV tables: comments and header skipped."""
    rows, header = [], True
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line or line.startswith("#"):
                continue
            if header:
                header = False
                continue
            rows.append(line.split("\t"))
    return rows


def english_words():
    """(common words, capitalized names) of the system word list, lower-cased."""
    if not os.path.exists(WORDS):
        fail(WORDS + " is missing: install Debian's wamerican package (scripts/setup.sh does)")
    common, names = set(), set()
    with open(WORDS, encoding="utf-8", errors="replace") as f:
        for w in f:
            w = w.strip()
            if w and "'" not in w:
                # Capitalized entries are names ("Bush", "Gillian"): only lower-case ones are
                # common words.
                (common if w[0].islower() else names).add(w.lower())
    return common, names


# ---------------------------------------------------------------- dates and codes

def parse_day(s):
    """'YYYYMMDD' or 'YYMMDD' (19YY when YY >= 30, else 20YY) -> date, None when malformed."""
    if len(s) == 6:
        yy = int(s[:2])
        s = ("19" if yy >= 30 else "20") + s
    if len(s) != 8:
        return None
    try:
        return datetime.date(int(s[:4]), int(s[4:6]), int(s[6:]))
    except ValueError:
        return None


CODE_RE = re.compile(r"^([A-Z0-9]{3,})\s*(?:([<>])\s*(\d+)|(\d+)\s*-\s*(\d*))?$")


def parse_code(text):
    """'[RUSGOV 19940922-20040712]' body -> (code, from, to, dated), or None when malformed.
    PETRARCH's limits are inclusive; ours end the day after (the successor's first day), so the
    last day D becomes D + 1."""
    m = CODE_RE.match(text.strip())
    if not m:
        return None
    code, op, one, lo, hi = m.groups()
    if op:
        d = parse_day(one)
        if d is None:
            return None
        return (code, d, None, True) if op == ">" else (code, None, d + datetime.timedelta(1), True)
    if lo:
        a = parse_day(lo)
        b = parse_day(hi) if hi else None
        if a is None or (hi and b is None) or (b and b < a):
            return None
        return (code, a, b + datetime.timedelta(1) if b else None, True)
    return (code, None, None, False)


# ---------------------------------------------------------------- actor dictionary reader

class Entry:
    def __init__(self, phrase, line, comment):
        self.phrase, self.line, self.comment = phrase, line, comment
        self.synonyms = []
        self.codes = []       # (code, from, to, dated)
        self.bad_codes = 0    # malformed code blocks
        self.raw_codes = []   # the text inside each [...], as written


def decode(raw):
    """A line of bytes: UTF-8, else Windows-1252 (Phoenix.Countries.actors.txt mixes both)."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def strip_comment(line):
    """The line without its '#' comment (outside [...]), and the comment."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i], line[i + 1:]
    return line, ""


def read_actors(path, xml_comments=False):
    """The entries of an actor dictionary. xml_comments: skip <!-- ... --> comments (the
    PETRARCH-1 files, e.g. PETR.Validate.actors.txt, open with them; a comment may span lines)."""
    entries, cur = [], None
    in_comment = False
    with open(path, "rb") as f:
        for no, raw in enumerate(f, 1):
            text = decode(raw).rstrip("\n").rstrip("\r")
            if xml_comments:
                kept, rest = "", text
                while rest:
                    if in_comment:
                        end = rest.find("-->")
                        rest, in_comment = ("", True) if end < 0 else (rest[end + 3:], False)
                    else:
                        start = rest.find("<!")
                        if start < 0:
                            kept, rest = kept + rest, ""
                        else:
                            kept, rest, in_comment = kept + rest[:start], rest[start + 2:], True
                text = kept
            line, comment = strip_comment(text)
            if not line.strip():
                continue
            codes = re.findall(r"\[([^\]]*)\]", line)
            head = line.split("[", 1)[0]
            if head.startswith("+"):
                if cur is not None:
                    # "+A_+B_" is two synonyms run together.
                    cur.synonyms += [s for s in head.split("+") if s.strip(" _\t")]
            elif head.strip():
                cur = Entry(head.strip(), no, comment.strip())
                entries.append(cur)
            if cur is None:
                continue
            for c in codes:
                cur.raw_codes.append(c)
                parsed = parse_code(c)
                if parsed is None:
                    cur.bad_codes += 1
                else:
                    cur.codes.append(parsed)
    return entries


# ---------------------------------------------------------------- names

def words_of(phrase):
    """'SERGEY_VIKTOROVICH_LAVROV_' -> ['SERGEY', 'VIKTOROVICH', 'LAVROV']."""
    return [w for w in re.split(r"[_\s]+", phrase.strip()) if w]


def cap_word(w, first, acronyms):
    low = w.lower()
    if re.fullmatch(r"([A-Za-z]\.)+", w):
        return w.upper()  # initials: "A.F.M."
    if acronyms and (w.count(".") >= 2 or (len(w) <= 5 and not (set(w) & VOWELS) and w.isalpha())):
        return w  # "U.N.", "PKK", "FLN"
    if not first and low in PARTICLES:
        return low
    parts = low.split("-")
    out = []
    for i, p in enumerate(parts):
        if i > 0 and p in PARTICLES:
            out.append(p)
        elif (i == 0 and len(parts) > 1 and p in PARTICLES) and not first:
            out.append(p)  # "al-Assad"
        else:
            q = p[:1].upper() + p[1:]
            if len(q) > 2 and q[1] == "'":  # O'Brien, D'Alema
                q = q[:2] + q[2:3].upper() + q[3:]
            if q.startswith("Mc") and len(q) > 3:
                q = "Mc" + q[2:3].upper() + q[3:]
            out.append(q)
    return "-".join(out)


def title_case(phrase, acronyms=False):
    ws = words_of(phrase)
    return " ".join(cap_word(w, i == 0, acronyms) for i, w in enumerate(ws))


def person_name(phrase, title_words=frozenset()):
    """The person's name: the phrase less its leading title words ("RUSSIAN_PRESIDENT_YELTSIN"
    -> "Yeltsin"), or "" when nothing is left."""
    ws = words_of(phrase)
    k = 0
    while k < len(ws) and (ws[k].lower() in LEADING_TITLES or ws[k].lower() in title_words):
        k += 1
    ws = ws[k:]
    return " ".join(cap_word(w, i == 0, False) for i, w in enumerate(ws))


# ---------------------------------------------------------------- our tables

class Ours:
    """What our own data holds: states by CAMEO prefix, organizations, names taken."""

    def __init__(self, data_dir):
        with open(ISO_JSON, encoding="utf-8") if os.path.exists(ISO_JSON) else open(os.devnull) as f:
            text = f.read()
        if not text:
            fail(ISO_JSON + " is missing: install Debian's iso-codes package (scripts/setup.sh does)")
        iso = {e["alpha_3"]: e for e in json.loads(text)["3166-1"]}
        self.state = {}  # CAMEO 3-letter prefix -> (iso3, canonical name as our loader has it)
        for r in read_tsv(os.path.join(data_dir, "actors", "states.tsv")):
            iso3, name, cameo = r[0], r[2], r[7] if len(r) > 7 else ""
            if not name and iso3 in iso:
                name = iso[iso3].get("common_name") or iso[iso3].get("name", "")
            self.state[cameo or iso3] = (iso3, name)
            self.state.setdefault(iso3, (iso3, name))
        self.org_by_code = {}  # CAMEO code -> our organization's name (top-level first)
        self.org_names = set()
        for r in read_tsv(os.path.join(data_dir, "actors", "organizations.tsv")):
            name, code, aliases = r[0], r[3], r[4].split("|") if r[4] else []
            parent = r[5] if len(r) > 5 else ""
            if code and (code not in self.org_by_code or not parent):
                if code not in self.org_by_code or self.org_by_code[code][1]:
                    self.org_by_code[code] = (name, parent)
            self.org_names.update(norm(n) for n in [name] + aliases)
        self.person_names = set()
        for r in read_tsv(os.path.join(data_dir, "actors", "people.tsv")):
            self.person_names.update(norm(n) for n in [r[0]] + (r[3].split("|") if r[3] else []))
        self.taken = set(self.org_names) | self.person_names
        for r in read_tsv(os.path.join(data_dir, "actors", "states.tsv")):
            self.taken.update(norm(n) for n in [r[2]] + r[3].split("|") + r[4].split("|") if n)
        for e in iso.values():
            for k in ("name", "common_name", "official_name"):
                if e.get(k):
                    self.taken.add(norm(e[k]))
        self.titles = [norm(r[0]).split() for r in
                       read_tsv(os.path.join(data_dir, "lexicon", "titles.tsv"))]
        # Words that open a phrase before a person's name: titles, demonyms, a few more.
        self.title_words = {w for t in self.titles for w in t} | {
            "communist", "acting", "chief", "lord", "former", "deputy", "first", "supreme"}
        for r in read_tsv(os.path.join(data_dir, "actors", "states.tsv")):
            self.title_words.update(norm(d) for d in r[4].split("|") if d)
        self.title_words -= {"of", "the", "and", "for"}
        self.phrases = set()  # groups.tsv and bodies.tsv phrases
        for f in ("groups.tsv", "bodies.tsv"):
            self.phrases.update(norm(r[0]) for r in read_tsv(os.path.join(data_dir, "lexicon", f)))

    def affiliation(self, code, extra_orgs):
        """(country iso3, affiliation name) of a person's code, or None."""
        if code[:3] in self.state and code[:3] not in ("IGO", "NGO"):
            return self.state[code[:3]]
        for k in range(len(code), 5, -3):  # IGOUNOKID -> IGOUNOKID, IGOUNO
            if code[:k] in self.org_by_code:
                return ("", self.org_by_code[code[:k]][0])
            if code[:k] in extra_orgs:
                return ("", extra_orgs[code[:k]])
        return None


# ---------------------------------------------------------------- persons

def is_person(entry, source):
    # A person's codes name a sector of a state ("RUSGOV") or an organization ("IGOUNO"); an
    # entry whose codes are bare states ("RUS", "IRQ") or regions ("BIHSRP") is a place.
    sectors = [c for c in entry.codes
               if c[0][:3] in ("IGO", "NGO") or c[0][3:6] in SECTOR_ROLES]
    if not sectors:
        return False
    if any(c[3] for c in entry.codes):
        return True
    # IGOrulers.txt lists heads of organizations; CountryInfo.txt lists leaders.
    return "CountryInfo" in entry.comment or "IGOrulers" in entry.comment


BODY_WORDS = {"ministry", "government", "council", "parliament", "army", "police", "department",
              "agency", "committee", "office", "service", "forces", "party", "court", "bank",
              "assembly", "commission", "university", "union", "front", "movement", "republic",
              "kingdom", "state", "states", "cabinet", "administration", "regime", "militia",
              "brigade", "brigades", "guard", "organization", "organisation", "group",
              "coalition", "soviet", "nationalities", "national", "council", "congress"}


def body_like(name):
    return any(w.lower() in BODY_WORDS for w in name.split())


def convert_people(entries, ours, extra_orgs, words, given_names, counts):
    persons = []  # (name, aliases, rows)
    alias_owners = collections.defaultdict(set)
    for source, e in entries:
        if not is_person(e, source):
            if source == COUNTRIES:
                counts["Countries entries skipped: states, places, bodies (no person)"] += 1
            continue
        # CountryInfo.txt's phrases are plain names ("SULTAN_ALI_KESHTMAND_", "SHEIKH_HASINA_");
        # others may open with a title ("RUSSIAN_PRESIDENT_YELTSIN").
        plain = "CountryInfo" in e.comment
        name = person_name(e.phrase, frozenset() if plain else ours.title_words)
        if plain and words_of(name) != words_of(e.phrase):
            name = title_case(e.phrase)
        if name != title_case(e.phrase) and len(words_of(name)) < 2:
            counts["persons dropped: a title and a surname only"] += 1
            continue
        # "COMMUNIST_LEADER_LEONID_BREZHNEV" +LEONID_BREZHNEV: the synonym that ends the phrase
        # is the name without its title.
        pw = [w.upper() for w in words_of(e.phrase)]
        tails = [s for s in e.synonyms
                 if 2 <= len(words_of(s)) < len(pw) and pw[-len(words_of(s)):] ==
                 [w.upper() for w in words_of(s)]]
        if tails:
            name = title_case(max(tails, key=lambda s: (len(words_of(s)), s)))
        # One word ("Abdullah", "Hassan", run-together "Mauwilliamson") names no one surely.
        if len(words_of(name)) < 2:
            counts["persons dropped: one-word name"] += 1
            continue
        if norm(name) in ours.taken:
            counts["persons dropped: name in our data"] += 1
            continue
        # Ours wins: a person whose several-word alias our people.tsv lists is one of ours.
        if any(len(words_of(s)) > 1 and norm(title_case(s)) in ours.person_names
               for s in [e.phrase] + e.synonyms):
            counts["persons dropped: an alias names one of our people"] += 1
            continue
        if body_like(name):
            counts["persons dropped: name of a body, not a person"] += 1
            continue
        counts["code blocks dropped: malformed date"] += e.bad_codes
        rows = []
        for code, lo, hi, dated in e.codes:
            if code in ("---", "###"):
                continue
            aff = ours.affiliation(code, extra_orgs)
            if aff is None:
                counts["role rows dropped: code names no state or organization we know"] += 1
                continue
            if code[:3] in ("IGO", "NGO"):
                role = DEFAULT_ROLE
            else:
                role = SECTOR_ROLES.get(code[3:6], DEFAULT_ROLE)
            rows.append((aff[0], code, role, aff[1], lo, hi, dated))
        rows = sorted(set(rows), key=lambda r: (r[4] is None, r[4] or datetime.date.min,
                                                r[5] or datetime.date.max, r[1]), reverse=True)
        if not rows:
            counts["persons dropped: no role row left"] += 1
            continue
        # First row: the term open today when there is one, else the undated default code,
        # else the latest. Our loader takes the person's code from it.
        open_now = [r for r in rows if r[6] and r[5] is None]
        undated = [r for r in rows if not r[6]]
        first = open_now[0] if open_now else undated[0] if undated else rows[0]
        rows.remove(first)
        rows.insert(0, first)
        aliases = []
        primary = title_case(e.phrase)
        for s in [e.phrase] + e.synonyms:
            a = title_case(s)
            if a and norm(a) != norm(name) and a not in aliases:
                aliases.append(a)
        persons.append([name, aliases, rows])
        for a in aliases:
            if len(words_of(a)) == 1:
                alias_owners[norm(a)].add(norm(name))
        del primary
    out = []
    seen = set()
    for name, aliases, rows in persons:
        key = norm(name)
        if key in seen:
            counts["persons dropped: repeated name"] += 1
            continue
        seen.add(key)
        kept = []
        for a in aliases:
            if len(words_of(a)) == 1:
                w = norm(a)
                if len(w.replace(" ", "")) < 4:
                    counts["aliases dropped: one word shorter than 4 letters"] += 1
                    continue
                if w in words:
                    counts["aliases dropped: one word that is an English word"] += 1
                    continue
                # "Albert", "Clinton": names the word list knows name many people.
                if w in given_names:
                    counts["aliases dropped: one word that is a common name"] += 1
                    continue
                if len(alias_owners[w]) > 1:
                    counts["aliases dropped: one word shared by several persons"] += 1
                    continue
                if w in ours.taken:
                    counts["aliases dropped: a name in our data"] += 1
                    continue
            elif norm(a) in ours.taken:
                counts["aliases dropped: a name in our data"] += 1
                continue
            kept.append(a)
        counts["aliases"] += len(kept)
        out.append((name, kept, rows))
    return out


def write_people(path, people, sources, counts):
    lines = header_lines(sources, [
        "Persons of the Phoenix actor dictionaries, one line per dated role (format of",
        "people.tsv; the first line of a person gives its code and aliases). Role: the sector of",
        "the CAMEO code (GOV government, MIL military, ...; 'member' for organizations). Dates:",
        "PETRARCH's inclusive limits, the end written as the day after (our convention).",
    ])
    lines.append("name\tcountry\tcode\taliases\trole\taffiliation\tfrom\tto")
    for name, aliases, rows in sorted(people, key=lambda p: (norm(p[0]), p[0])):
        for i, (country, code, role, aff, lo, hi, _) in enumerate(rows):
            al = "|".join(aliases) if i == 0 else ""
            lines.append("\t".join([name, country, code, al, role, aff,
                                    lo.isoformat() if lo else "", hi.isoformat() if hi else ""]))
        counts["persons"] += 1
        counts["role rows"] += len(rows)
    write(path, lines)


# ---------------------------------------------------------------- organizations

def convert_orgs(entries, ours, words, given_names, generic, counts):
    orgs = {}
    for source, e in entries:
        if source == INTERNATIONAL and is_person(e, source):
            continue
        codes = [c for c in e.codes if c[0] not in ("---", "###")]
        if not codes:
            counts["organizations dropped: no code"] += 1
            continue
        code = next((c[0] for c in codes if not c[3]), codes[-1][0])
        ws = words_of(e.phrase)
        if ws and ws[0].upper() == "THE" and len(ws) > 1:
            ws = ws[1:]
        name = title_case("_".join(ws), acronyms=True)
        names = [name] + [title_case(s, acronyms=True) for s in e.synonyms]
        if any(norm(n) in ours.taken for n in names):
            counts["organizations dropped: name in our data"] += 1
            continue
        # "NGO", "International Government Organization", "Aid Group": a kind, not a body.
        if norm(name) in generic:
            counts["organizations dropped: a generic name (an agent noun)"] += 1
            continue
        if len(ws) == 1 and (len(norm(name)) < 3 or norm(name) in words):
            counts["organizations dropped: one-word name that is an English word"] += 1
            continue
        if source == INTERNATIONAL and code[:3] in ("IGO", "NGO") and person_like(ws, given_names):
            counts["organizations dropped: undated International entry that reads as a person"] += 1
            continue
        if source == MILNONSTATE:
            kind = "armed_group"
        elif code.startswith("MED") or code[3:6] == "MED":
            kind = "media"  # news outlets: "BBC" [MED], like our TASS [RUSMED]
        else:
            kind = "organization"
        if len(ws) == 1 and name.isalpha() and (len(name) <= 4 or not set(name.upper()) & VOWELS):
            name = name.upper()  # "ICCO", "CNN": one short word is an acronym
        country = ours.state[code[:3]][0] if code[:3] in ours.state else ""
        aliases = []
        for a in names[1:]:
            if not a or norm(a) == norm(name) or a in aliases:
                continue
            if len(words_of(a)) == 1 and (len(norm(a)) < 3 or norm(a) in words):
                counts["aliases dropped: one word that is an English word"] += 1
                continue
            aliases.append(a)
        key = norm(name)
        if key in orgs:
            counts["organizations dropped: repeated name"] += 1
            continue
        orgs[key] = (name, kind, country, code, aliases)
    return list(orgs.values())


ORG_WORDS = {
    "organization", "organisation", "agency", "commission", "committee", "council", "court",
    "fund", "bank", "union", "association", "federation", "league", "alliance", "front",
    "movement", "party", "army", "group", "brigade", "brigades", "forces", "force", "program",
    "programme", "institute", "foundation", "centre", "center", "office", "society", "network",
    "mission", "assembly", "parliament", "conference", "forum", "board", "secretariat", "treaty",
    "community", "cooperation", "co-operation", "initiative", "panel", "tribunal", "authority",
    "unit", "service", "services", "international", "nations", "red", "cross", "crescent",
    "watch", "amnesty", "doctors", "peacekeepers", "peacekeeping", "corps", "ministry",
    "bureau", "partnership", "coalition", "campaign", "project", "trust", "church", "council",
    "order", "club", "academy", "university", "college", "school", "system", "facility",
    "dialogue", "summit", "group", "world", "global", "european", "african", "asian", "arab",
    "islamic", "united", "inter", "intergovernmental", "relief", "aid", "rights", "health",
    "development", "peace", "economic", "monetary", "trade", "energy", "atomic", "nuclear",
    "environment", "environmental", "human", "refugees", "children", "women", "food", "labour",
    "labor", "red", "company", "corporation", "inc", "ltd", "observers", "monitors", "delegation",
}


def person_like(ws, given_names):
    """An undated International entry is a person, not an organization, when it reads as a
    given name and one or two more words ("GILLIAN_MELLSOP_"): such entries of IGO and NGO
    codes are dropped (companies, MNC codes, are often named after persons)."""
    low = [w.lower() for w in ws]
    return (2 <= len(ws) <= 3 and low[0] in given_names and all(w.isalpha() for w in ws) and
            not set(low) & ORG_WORDS)


def write_orgs(path, orgs, sources, counts):
    lines = header_lines(sources, [
        "International bodies (organization) and militant groups (armed_group) of the Phoenix",
        "dictionaries that our organizations.tsv lacks (format of organizations.tsv).",
    ])
    lines.append("name\tkind\tcountry\tcode\taliases\tparent")
    for name, kind, country, code, aliases in sorted(orgs, key=lambda o: (norm(o[0]), o[0])):
        lines.append("\t".join([name, kind, country, code, "|".join(aliases), ""]))
        counts["organizations (" + kind + ")"] += 1
    write(path, lines)


# ---------------------------------------------------------------- agents

def plural(phrase):
    """The regular plural PETRARCH forms of an agent phrase (words joined by '_'), in English
    spelling: -ies after a consonant, -es after a sibilant, nothing for a word already in -s."""
    w = phrase
    if w.endswith("Y") and len(w) > 1 and w[-2] not in "AEIOU":
        return w[:-1] + "IES"
    if w.endswith(("SS", "US", "IS", "SH", "CH", "X", "Z")):
        return w + "ES"
    if w.endswith("S"):
        return None
    return w + "S"


def read_agents(path, counts):
    subst, out = {}, []
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.split("#", 1)[0].rstrip("\n").strip()
            if not line or line.startswith("<!"):
                continue
            m = re.match(r"^!([A-Z]+)!\s*=\s*(.*)$", line)
            if m:
                subst[m.group(1)] = [s.strip() for s in m.group(2).split(",") if s.strip()]
                continue
            if "[" not in line:
                continue
            head, code = line.split("[", 1)
            code = code.split("]", 1)[0].strip()
            if not code.startswith("~"):
                counts["agents dropped: [XXX~] code (prefix)"] += 1
                continue
            code = code[1:]
            irregular = None
            if "{" in head:
                irregular = head[head.index("{") + 1:head.index("}")].strip() if "}" in head else ""
                head = head[:head.index("{")]
            head = head.strip()
            forms = []
            m = re.search(r"!([A-Z]+)!", head)
            if m:
                if m.group(1) not in subst:
                    counts["agents dropped: unknown substitution set"] += 1
                    continue
                # Every member of the set, with no plural formed (PETRARCH's rule).
                forms = [head[:m.start()] + s + head[m.end():] for s in subst[m.group(1)]]
            else:
                forms = [head]
                if irregular:
                    forms.append(irregular)
                elif irregular is None:
                    # A stopped phrase ("MINISTRY_") gets its plural before the stop.
                    forms.append(plural(head.rstrip("_")))
            stem = not head.endswith("_") and not m
            for fm in forms:
                if fm:
                    out.append((fm, code, stem))
    return out


FUNCTION_WORDS = {"of", "to", "in", "for", "and", "the", "on", "at", "by", "from", "with", "a"}


def convert_agents(path, ours, words, counts):
    table = {}
    prefixes = set()
    for w in words:
        for k in range(4, len(w)):
            prefixes.add(w[:k])
    for form, code, stem in read_agents(path, counts):
        phrase = " ".join(w.lower() for w in words_of(form.replace("!", "")))
        if not phrase:
            continue
        toks = phrase.split()
        last = toks[-1]
        # PETRARCH matches a phrase not closed by '_' as a stem ("MINIST"): ours match words.
        if stem and last not in words and last in prefixes:
            counts["agents dropped: a stem, not a word"] += 1
            continue
        if toks[-1] in FUNCTION_WORDS:
            counts["agents dropped: ends in a function word"] += 1
            continue
        # Titles ("minister", "ambassador") name persons in our reader: a group would hide them.
        singular = [t[:-1] if t.endswith("s") else t for t in toks]
        if any(has_seq(t, title) for t in (toks, singular) for title in ours.titles):
            counts["agents dropped: holds a title of titles.tsv"] += 1
            continue
        sector = code[:3]
        name = AGENT_NAMES.get(sector)
        if name is None:
            counts["agents dropped: sector with no name"] += 1
            continue
        if norm(phrase) in ours.phrases:
            counts["agents dropped: phrase in our groups.tsv/bodies.tsv"] += 1
            continue
        if phrase in table:
            if table[phrase] != (name, sector):
                counts["agents dropped: phrase given two sectors (first kept)"] += 1
            continue
        table[phrase] = (name, sector)
    return table


def has_seq(toks, seq):
    n = len(seq)
    return any(toks[i:i + n] == seq for i in range(len(toks) - n + 1))


def write_agents(path, table, counts):
    lines = header_lines([AGENTS], [
        "Agent nouns of the Phoenix dictionary ([~XXX] codes; plurals and substitution sets",
        "expanded) that our groups.tsv and bodies.tsv lack (format of groups.tsv). Name: a",
        "readable label of the sector, the first three letters of the agent code.",
    ])
    lines.append("phrase\tname\tsector")
    for phrase in sorted(table):
        name, sector = table[phrase]
        lines.append("\t".join([phrase, name, sector]))
    counts["agents"] = len(table)
    write(path, lines)


# ---------------------------------------------------------------- run-time dictionaries

def user_dictionary(path, data_dir=None, today=None):
    """Converts any PETRARCH/TABARI actor dictionary (e.g. PETR.Validate.actors.txt) into the
    JSON format of `extract --dict` ({"actors": [...]}, src/extract/dictionaries.cpp). Returns
    (the JSON object, counts of what was kept and what could not be expressed).

    An entry whose code is a bare state code of ours (ISR) gives its phrase and synonyms to our
    state as aliases; another 3-letter code (ARN) is a state new to us, named by the first entry
    with that code, the later ones its aliases (PETRARCH codes by code: BILBO and FRODO are both
    HOB). A longer code is an actor of its own: an organization for IGO/NGO codes, an armed group
    for IMG and ...REB/...INS, media for ...MED, a person when dated or opened by a title, else a
    government body. Our format holds one code an actor: of dated codes ([HOB <950601]) the
    undated one is kept, else the latest; null codes ([---]) and compound codes ([ELR/GAL]: the
    first kept) are counted."""
    if data_dir is None:
        data_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
    today = today or datetime.date.today()
    ours = Ours(data_dir)
    counts = collections.Counter()
    entries = read_actors(path, xml_comments=True)
    counts["entries"] = len(entries)
    actors = []
    by_code = {}  # a new state's code -> its JSON object
    ours_aliases = {}  # our state's code -> its JSON object (aliases added)
    for e in entries:
        codes = []
        for raw in e.raw_codes:
            text = raw.strip().upper()
            if text.split()[0:1] and "/" in text.split()[0]:
                counts["compound codes ([ELR/GAL]: the first kept)"] += 1
                text = text.split("/", 1)[0] + text[len(text.split()[0]):]
            if text.startswith(("---", "+++", "###")):
                counts["null or discard codes ([---], [+++]): no actor"] += 1
                continue
            parsed = parse_code(text)
            if parsed is None:
                counts["malformed code blocks"] += 1
                continue
            codes.append(parsed)
        if not codes:
            counts["entries with no usable code"] += 1
            continue
        dated = [c for c in codes if c[3]]
        undated = [c for c in codes if not c[3]]
        if dated:
            counts["entries with dated codes (one code kept)"] += 1
            counts["dated code lines not expressible"] += len(dated)
        if undated:
            code = undated[-1][0]
        else:
            open_now = [c for c in dated if (c[1] is None or c[1] <= today) and
                        (c[2] is None or today < c[2])]
            pick = open_now or sorted(dated, key=lambda c: c[1] or datetime.date.min)
            code = pick[-1][0]
        def name_of(phrase):
            # "THE_AU" -> "Au", as convert_orgs does for data/: names without the article (the
            # annotator steps over "the" before a name, and gazetteer names drop it, so the text
            # "the AU" finds either form).
            ws = words_of(phrase)
            if len(ws) > 1 and ws[0].upper() == "THE":
                counts["names opening with 'The' (the article dropped)"] += 1
                ws = ws[1:]
            return title_case("_".join(ws), acronyms=True)

        name = name_of(e.phrase)
        synonyms = []
        for syn in e.synonyms:
            t = name_of(syn)
            if t and norm(t) != norm(name) and t not in synonyms:
                synonyms.append(t)
        if not name:
            counts["entries with an empty phrase"] += 1
            continue
        if len(code) == 3 and code in ours.state and code not in ("IGO", "NGO"):
            obj = ours_aliases.get(code)
            if obj is None:
                obj = {"name": ours.state[code][1], "kind": "state", "aliases": []}
                ours_aliases[code] = obj
                actors.append(obj)
            for n in [name] + synonyms:
                if norm(n) != norm(obj["name"]) and n not in obj["aliases"]:
                    obj["aliases"].append(n)
            counts["entries naming one of our states"] += 1
            continue
        if len(code) == 3 and code not in ("IGO", "NGO", "IMG"):
            obj = by_code.get(code)
            if obj is None:
                obj = {"name": name, "kind": "state", "country": code, "code": code, "aliases": []}
                by_code[code] = obj
                actors.append(obj)
                counts["new states (3-letter codes)"] += 1
                names = synonyms
            else:
                counts["entries merged into a new state of the same code"] += 1
                names = [name] + synonyms
            for n in names:
                if norm(n) != norm(obj["name"]) and n not in obj["aliases"]:
                    obj["aliases"].append(n)
            continue
        head = code[:3]
        if head in ("IGO", "NGO"):
            kind = "organization"
        elif head == "IMG" or code[3:6] in ("REB", "INS"):
            kind = "armed_group"
        elif code[3:6] == "MED" or code[-3:] == "MED":
            kind = "media"
        elif dated or words_of(e.phrase)[0].lower() in LEADING_TITLES:
            kind = "person"
        else:
            kind = "government"
        obj = {"name": name, "kind": kind, "code": code}
        if head in ours.state and head not in ("IGO", "NGO", "IMG"):
            obj["country"] = ours.state[head][0]
        elif head in by_code:
            obj["country"] = head
        if synonyms:
            obj["aliases"] = synonyms
        actors.append(obj)
        counts["actors with a longer code (" + kind + ")"] += 1
    for obj in actors:
        if "aliases" in obj and not obj["aliases"]:
            del obj["aliases"]
    return {"actors": actors}, counts


# ---------------------------------------------------------------- output

def header_lines(sources, what):
    return (["# " + w for w in what] +
            ["# Converted by scripts/petrarch/actors.py from " + ", ".join(sources) + " of",
             "# " + REPO + " commit " + COMMIT + ",",
             "# " + LICENCE + ". Do not edit: rerun the converter."])


def write(path, lines):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")


def convert(peers_dir, out_dir, data_dir=None):
    """Writes the three tables under out_dir from the Phoenix files in peers_dir; returns the
    counts. Our own tables are read from data_dir (default: the repository's data/)."""
    if data_dir is None:
        data_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data")
    for f in (COUNTRIES, INTERNATIONAL, MILNONSTATE, AGENTS):
        if not os.path.exists(os.path.join(peers_dir, f)):
            fail("missing " + os.path.join(peers_dir, f))
    words, given_names = english_words()
    ours = Ours(data_dir)
    counts = collections.Counter()
    entries = []
    for f in (COUNTRIES, INTERNATIONAL, MILNONSTATE):
        es = read_actors(os.path.join(peers_dir, f))
        counts["entries read: " + f] = len(es)
        entries += [(f, e) for e in es]
    generic = {"ngo", "igo", "mnc", "international government organization",
               "non governmental organization", "nongovernmental organization"}
    generic |= {" ".join(w.lower() for w in words_of(f.replace("!", "")))
                for f, _, _ in read_agents(os.path.join(peers_dir, AGENTS), collections.Counter())}
    generic |= {norm(n) for n in AGENT_NAMES.values()}
    orgs = convert_orgs([(s, e) for s, e in entries if s != COUNTRIES], ours, words,
                        given_names, generic, counts)
    extra_orgs = {}
    for name, kind, country, code, aliases in sorted(orgs, key=lambda o: o[0]):
        extra_orgs.setdefault(code, name)
    people = convert_people(entries, ours, extra_orgs, words, given_names, counts)
    write_people(os.path.join(out_dir, "actors", "phoenix.people.tsv"), people,
                 [COUNTRIES, INTERNATIONAL, MILNONSTATE], counts)
    write_orgs(os.path.join(out_dir, "actors", "phoenix.organizations.tsv"), orgs,
               [INTERNATIONAL, MILNONSTATE], counts)
    write_agents(os.path.join(out_dir, "lexicon", "agents.tsv"),
                 convert_agents(os.path.join(peers_dir, AGENTS), ours, words, counts), counts)
    for k in sorted(counts):
        print("%s: %d" % (k, counts[k]), file=sys.stderr)
    return counts


def main():
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--peers", default=os.path.join(root, "..", "shared", "peers", "petrarch2"))
    p.add_argument("--out", default=os.path.join(root, "data"))
    a = p.parse_args()
    convert(a.peers, a.out)


if __name__ == "__main__":
    main()
