"""The child's voice: does a note about direct work with a child give the child's own view?

Three stages, each reading the parsed note and writing what it found to the Doc as a span
group, then one decision over the whole note (all its Docs, and what the recording system sent):

1. **Who** (`doc.spans["langcheck_people"]`, labels "child" and "adult"): the children and adults
   the note names, and who each subject stands for (langcheck/people.py, shared with the
   strengths check; its data is lexicons/people.yaml).
2. **What kind of note** (the summary's `child_voice_detail.note_type`): metadata first, then the heading
   (the first line), then the note's structure (an attendee list; lines that start with times
   or dates, as in a log or a chronology), then the verbs of contact in the body (visited, seen,
   met; or phoned, emailed). A voice is expected only of direct work with a child.
3. **Evidence** (`doc.spans["langcheck_voice"]`, labelled with its kind): a verb of saying,
   feeling, wishing or choosing whose subject is a child; a quotation whose speaker is a child;
   the child's view named as a thing ("Sam's wish is ..."); how the view was gathered (a tool,
   signs and symbols; being seen alone is a chance to hear the child, not their view); for a
   child who does not talk yet or does not use words, what they were seen to do; a refusal to
   talk ("chose not to attend"), with the next step the writer will take.

Every word list, pattern and threshold is in lexicons/notes.yaml (rule C001) and lexicons/people.yaml.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable, Mapping

import numpy
from spacy.attrs import DEP, IS_QUOTE, IS_SPACE, LEMMA, LOWER, POS, SENT_START
from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token

from .docs import doc_text, in_sorted, quoted_tokens, sentence_starts, topic_marks
from .lexicon import Rule
from .people import People, Person, Resolver, compile_patterns, find_people, people_data, subject_of, word_hashes

VOICE_KEY = "langcheck_voice"


@dataclass(frozen=True)
class VoiceResult:
    expected: bool
    present: bool
    children: tuple[str, ...]
    evidence: str | None  # what showed the voice
    note_type: str = ""  # what kind of note it was taken to be, and from what


# A header field holds at most this many words ("Date: 7/12", "Visit: 6-8 week review, home"),
# and so does each part of a title line ("CSC - Thornbury team. S47 home visit"); a longer one is prose.
_FIELD_WORDS = 8


# -- the decision ---------------------------------------------------------------------------
def assess(docs: Iterable[Doc], text: str, rule: Rule, meta: Mapping[str, Any],
           people: People | None = None, labels: list[tuple[int, int]] = ()) -> VoiceResult:
    """`labels`: the character ranges of the note's critical-label findings."""
    docs = [d for d in docs if len(d)]
    people = people if people is not None else find_people(docs, text, meta)
    expected, note_type = expects_voice(docs, text, rule, meta, people)
    if expected and not _mentions_a_child(docs, people, rule):
        expected, note_type = False, f"{note_type}, but no child is mentioned"
    children = people.child_names()
    if not expected:
        return VoiceResult(False, False, children, None, note_type)
    evidence = None
    offset = 0
    for doc in docs:
        length = len(doc_text(doc))
        here = [(s - offset, e - offset) for s, e in labels if offset <= s and e <= offset + length]
        found = find_evidence(doc, rule, people, here)
        if found and evidence is None:
            evidence = found
        offset += length
    if evidence is None and len(children) == 1:
        evidence = _answered(text, rule)
    return VoiceResult(True, evidence is not None, children, evidence, note_type)


def _answered(text: str, rule: Rule) -> str | None:
    """A question-and-answer form with one child (a return interview: "Q. Where did you go?
    A. 'Town.'"): an answer line that quotes or speaks as "I" is the child's own answer."""
    questions, answers = rule.param("question_labels"), rule.param("answer_labels")
    asked = False
    for line in text.split("\n"):
        low = line.strip().lower()
        if any(low.startswith(q) for q in questions):
            asked = True
        elif asked and any(low.startswith(a) for a in answers):
            said = low[next(len(a) for a in answers if low.startswith(a)):].strip()
            if said[:1] in ("\"", "'", "“", "‘") or said.split(" ", 1)[0] in ("i", "i'm", "i’m", "i've", "my"):
                return "answered: " + line.strip()[:60]
    return None


def _only_a_greeting(verb: Token, greetings: frozenset[str]) -> bool:
    """Whether all the verb says is a greeting: "said hello", "said bye and went back to the TV"."""
    said = [c for c in verb.children if c.dep_ in ("intj", "dobj", "ccomp", "xcomp", "attr", "oprd")]
    return bool(said) and all(c.lower_ in greetings and not list(c.children) for c in said)


# -- stage 2: what kind of note -----------------------------------------------------------
def expects_voice(docs: list[Doc], text: str, rule: Rule, meta: Mapping[str, Any],
                  people: People) -> tuple[bool, str]:
    note_type = str(meta.get("note_type") or "").replace("_", " ").strip().lower()
    if note_type:
        decided = _heading_cue(note_type, rule)
        if decided is not None:
            return decided[0], f"{decided[1]} (from the note type sent)"
    if people.letter_to_child:
        return True, "a letter or record written to the child"
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if _correspondence(lines, rule):
        return False, "an email or a letter to an adult (from its greeting and sign-off or header fields)"
    parts, taken = _heading_lines(lines, rule.param("type_fields"))
    heading = " / ".join(parts)
    decided, where = _heading_cue(heading, rule), "the heading"
    if decided is None:
        # A heading that only names the record and the child ("Case note - Jordan Pike (15) -
        # ARC Team") leaves the kind of note to the body's first words ("Home visit following ...").
        opening = _first_sentence(lines[taken]).lower() if len(lines) > taken else ""
        found = _heading_cue(opening, rule) if opening else None
        # (only a kind of direct work: "Referral from police ..." says how the work began, not what it was)
        if found is not None and found[0] and _find_word(opening, found[1].strip("'")) == 0:
            decided, heading, where = found, opening, "the note's first words"
    attendees = _attendee_fields(lines, rule)
    cue = decided[1].strip("'") if decided is not None else None
    if decided is not None and not decided[0] and cue in rule.param("meetings_the_child_may_attend") \
            and (_lists_the_child(attendees, rule, people) or _with_the_child(heading, rule, people)
                 or _child_attended(docs, rule, people)):
        # "Referral Order Panel ... Present: Harvey and his mum", "Attendance panel meeting held
        # 13/03 with Mum and Sienna": a meeting with the young person
        return True, f"{decided[1]} (from {where}) with the child present"
    if decided is not None and not decided[0] and cue in rule.param("before_the_birth") \
            and _says_at_home(lines, taken, rule) \
            and any((age := people.child(n).age_years) is not None and age < rule.number("born_child_below_age", 0)
                    for n in people.child_names()):
        # "Re: Unborn baby of Stacey Lomax and sibling Tyler (3) / Antenatal visit": a child already
        # born is there to hear
        return True, f"{decided[1]} (from {where}), at home with a child of the family already born"
    if decided is not None and decided[0] and _with_an_adult(heading, cue, rule, people):
        # "Meeting with Chantelle Price, birth mother of Leo (4)": work with a parent, not the child
        return False, f"{decided[1]} (from {where}) with an adult"
    if decided is not None:
        visit = decided[0] and cue not in rule.param("meetings_about_the_child")
        contact = _contact_in_body(docs, rule, people) if visit else None
        absent = rule.param("no_access") | (rule.param("no_show") if cue in rule.param("appointments") else frozenset())
        if visit and any(_has_word(heading, w) for w in absent) \
                and not (contact is not None and contact[0]):
            # (unless the body records a child seen after all: "no answer ... Returned 2.15pm.
            # Tyler and Summer seen briefly in the living room"; the body's "No answer at 16:10"
            # is often followed by someone coming to the door)
            return False, f"{decided[1]} (from {where}), but nobody was seen"
        # (the heading's own words too, where the kind of note came from the body's first words:
        # "Viability - PGF Mr Ashworth / Re: Ellie-Mae (4)" then "Visit to PGF's flat.")
        carers_heading = heading if where == "the heading" else f"{heading} / {' / '.join(parts)}"
        for phrase in rule.param("not_carer_visits") or ():
            carers_heading = carers_heading.replace(phrase, " ")
        if visit and (contact is None or contact == _NOT_SEEN) \
                and any(_has_word(carers_heading, w) for w in rule.param("carer_visits")):
            # A visit to the carers at which the child was not seen (or nothing says they were) is
            # no direct work with them; a visit to see the child, or a meeting or review about
            # them, expects their view (ANNOTATION.md: a visit is direct work), and the note
            # should say why it has none.
            seen = "but the child was not seen" if contact == _NOT_SEEN else "and nothing says the child was seen"
            return False, f"{decided[1]} (from {where}), {seen}"
        return decided[0], f"{decided[1]} (from {where})"
    if _with_the_child(heading, rule, people):
        return True, "work with the child (from the heading)"
    if attendees:
        # (who was there: not those who sent apologies, "Apologies: Mum (text at 8.50am)")
        absent = rule.param("absent_labels") or frozenset()
        listed = " ".join(f for f in attendees if not _starts_with_label(f.lower(), absent)).lower()
        # (or a parent or carer by name: "Attendees: Jade, SW (Tom Reece), safeguarding MW")
        family = rule.param("family_in_meetings") | {n.lower() for n in people.child_names()} \
            | {n.lower() for n, role in people.adults.items() if role == "family"}
        if any(_has_word(listed, w) for w in family):
            return True, "a meeting with the family (from its attendee list)"
        return False, "a professionals' meeting (from its attendee list)"
    # A log whose entries record being with or talking to the child (an out-of-hours log:
    # "02:20 Spoke with Jade") is work with the child; otherwise a log records events.
    contact = _contact_in_body(docs, rule, people)
    if contact is not None and contact[0]:
        return contact
    if docs and _event_lines(docs, rule) >= rule.number("event_lines", 3):
        if _talked_with_child(docs, rule, people):
            # an out-of-hours log in which the worker talked with the child, even by phone: the
            # child's account of the night is expected
            return True, "a log in which the worker talked with the child"
        return False, "a log or chronology (lines start with times or dates)"
    if contact is not None:
        return contact
    return False, "nothing says the writer was with a child"


def _with_the_child(heading: str, rule: Rule, people: People) -> bool:
    """Whether the heading says the work was with a child: "Meeting in school with Kacper W (Y9)
    and HoY"."""
    low_heading = heading.lower()
    for word in rule.param("with_words"):
        at = _find_word(low_heading, word)
        with_whom = _before_a_topic(low_heading[at + len(word):], rule) if at >= 0 else ""
        if with_whom and any(_has_word(with_whom, n.lower()) for n in people.child_names()):
            return True
    return False


def _before_a_topic(words: str, rule: Rule) -> str:
    """The words up to a topic's preposition: in "with SG re: contact for Mia (8)" the work was
    with SG, and Mia is what it was about."""
    cuts = [at for w in rule.param("topic_prepositions") if (at := _find_word(words, w)) >= 0]
    return words[:min(cuts)] if cuts else words


def _with_an_adult(heading: str, cue: str, rule: Rule, people: People) -> bool:
    """Whether a heading's "meeting with", "session with" names an adult as who it was with:
    "Meeting with Chantelle Price, birth mother of Leo (4)" was work with her, "Meeting with PC
    Daniel Shaw" with him."""
    if not any(cue.endswith(" " + w) for w in rule.param("with_words")):
        return False
    low = heading.lower()
    with_whom = _before_a_topic(low[_find_word(low, cue) + len(cue):], rule).split()
    first = with_whom[0].strip(",.:;()") if with_whom else ""
    adults = {n.lower() for n, role in people.adults.items() if role in ("family", "professional")} \
        | people_data().professional_nouns
    # (and no child listed with them: "Meeting with Mum and Leo (14)", not "birth mother of Leo")
    children = {n.lower() for n in people.child_names()}
    listed = any(w.strip(",.:;()") in children and (with_whom[k - 1] in ("and", "&") or with_whom[k - 1].endswith(","))
                 for k, w in enumerate(with_whom) if k)
    return bool(first) and (first in adults or first in rule.param("family_in_meetings")) and not listed


def _says_at_home(lines: list[str], taken: int, rule: Rule) -> bool:
    """Whether the heading, its fields or the first sentence after them say the work was at the
    family's home ("Antenatal visit under pre-birth plan.", "Venue: home, Flat 4")."""
    top = " ".join(lines[:taken]).lower()
    if len(lines) > taken:
        top += " " + _first_sentence(lines[taken]).lower()
    return any(_has_word(top, w) for w in rule.param("at_home"))


def _attendee_fields(lines: list[str], rule: Rule) -> list[str]:
    """The fields that list who was at a meeting ("Present: Mum, DSL, EWO"). Header fields may
    share a line ("Date: 7/12. Present: Mum, DSL, EWO"): each field is read. (A full stop after a
    lone capital is an initial, "Ward sister (L. Grant)", not a field's end; after an acronym,
    "PCSO. Apologies: Mum", it is.)"""
    labels, openings = rule.param("attendee_labels"), rule.param("attendee_openings")
    return [field for line in lines for field in _FIELD_BREAK.split(line)
            if _starts_with_label(field.lower(), labels) or _first_words(field.lower(), openings)]


# Where one header field ends and the next begins on a line (see _attendee_fields): compiled
# once, not looked up in re's cache for every line.
_FIELD_BREAK = re.compile(r"(?<!\b[A-Z])\.\s+|;\s+|\s\|\s")


def _lists_the_child(attendees: list[str], rule: Rule, people: People) -> bool:
    """Whether an attendee list names the child, by name or as "YP"."""
    absent = rule.param("absent_labels") or frozenset()
    listed = " ".join(f for f in attendees if not _starts_with_label(f.lower(), absent)).lower()
    return any(_has_word(listed, w) for w in rule.param("child_attendees") | {n.lower() for n in people.child_names()})


def _child_attended(docs: list[Doc], rule: Rule, people: People) -> bool:
    """Whether the body says the child came to the meeting: "JS attended with Dad", "Tyler and
    his mum attended" (not "did not attend"). Read from the words: the child's name among the few
    words before the verb, with only names, "and" and family words between (the model is not run
    on every sentence)."""
    forms = word_hashes(rule.param("attending_forms") or frozenset())
    joins = rule.param("attending_joins") or frozenset()
    for doc in docs:
        resolve = people.resolver(doc)
        # (only the verb's own forms become Tokens: the Doc's hash array against theirs, in C)
        for i in numpy.flatnonzero(in_sorted(doc.to_array(LOWER), forms)).tolist():
            tok = doc[i]
            j = tok.i - 1
            while j >= 0 and j >= tok.i - 4 and (doc[j].lower_ in joins or doc[j].text[:1].isupper()):
                if resolve.is_child(doc[j]):
                    return True
                j -= 1
    return False


def heading_has(text: str, words: frozenset[str]) -> bool:
    """Whether the note's heading (see _heading) holds one of the words."""
    heading = _heading([line.strip() for line in text.split("\n", 6)[:6] if line.strip()])
    return any(_has_word(heading, w) for w in words)


def _heading(lines: list[str], type_fields: frozenset[str] = frozenset()) -> str:
    """The note's first line, with any header fields above it ("Child: Tyler (9)" then "Stat
    visit completed ..."): a field is a short line with a label of at most three words, or a
    name or date line of at most three words with a number in it ("Callum, 15", "Sat 16/12/23")."""
    return " / ".join(_heading_lines(lines, type_fields)[0])


def _heading_lines(lines: list[str], type_fields: frozenset[str] = frozenset()) -> tuple[list[str], int]:
    """The heading's parts (see _heading), and how many of the note's lines they take."""
    top: list[str] = []
    read = 0
    titled = False
    for line in lines[:6]:
        read += 1
        # (a field's colon, not a time's: "Appointment 10:00, 11/09, Wellington Road office")
        at = next((m.start() for m in re.finditer(":", line)
                   if not (0 < m.start() < len(line) - 1 and line[m.start() - 1].isdigit()
                           and line[m.start() + 1].isdigit())), -1)
        label, colon, value = (line[:at], ":", line[at + 1:]) if at >= 0 else (line, "", "")
        short = len(line.split()) <= 3 and not line.endswith(".") and any(c.isdigit() for c in line)
        field = short or colon and label.strip() and len(label.split()) <= 3 and len(line.split()) <= _FIELD_WORDS
        if titled:
            if not (short or colon and label.strip() and len(label.split()) <= 3):
                read -= 1
                break  # the body
            if label.strip().lower() in type_fields:
                top.append(_first_sentence(line).lower())
            continue
        if not field and (titled or top or len(line.split()) > _FIELD_WORDS or line.endswith(".")):
            top.append(_first_sentence(line).lower())
            break
        # a title line with no full stop ("Marlhaven 0-19 Service - Health Visiting") may
        # have a field under it that names the kind of note ("Visit: 6-8 week review, home")
        titled = titled or not field
        top.append(line.lower())
    return top, read


def _first_sentence(line: str) -> str:
    """A first line that runs on into the note ("Tyler came home at 4. He could not have his
    phone ...") is a heading only up to its first full stop; a title in short parts with no
    full stop at its end ("CSC - Thornbury team. S47 home visit - 3 Lavender Close") is read whole."""
    ends = [i for i in (line.find(". "), line.find("! "), line.find("? ")) if i > 0]
    if ends and not line.rstrip().endswith((".", "!", "?")) \
            and all(len(part.split()) <= _FIELD_WORDS for part in re.split(r"[.!?]\s", line)):
        return line
    return line[:min(ends)] if ends else line


def _mentions_a_child(docs: list[Doc], people: People, rule: Rule) -> bool:
    """Direct work with a child needs a child in the note: a name or a noun such as "the
    children" (a visit to a landlord about the boiler expects no child's voice), or a first
    line that gives a date of birth and no adult's role: "DOB 12/01/2025 - 6-8 wk review"."""
    if people.child_names() or people.letter_to_child:
        return True
    data = people_data()
    if any(t.lower_ in data.child_nouns for doc in docs for t in doc):
        return True
    first = next((d for d in docs if len(d)), None)
    if first is None:
        return False
    line = first.text.split("\n", 1)[0].lower()
    return any(_has_word(line, w) for w in rule.param("birth_fields")) \
        and not any(_has_word(line, w) for w in data.adult_nouns)


def _correspondence(lines: list[str], rule: Rule) -> bool:
    """An email or a letter: header fields ("From:", "Subject:") at the top, or a greeting
    line at the top ("Hi Mel,") and a sign-off line at the end ("Thanks,")."""
    top = [line.lower() for line in lines[:6]]
    fields = sum(1 for line in top if _starts_with_label(line, rule.param("email_fields")))
    if fields >= 2 and any(_starts_with_label(line, rule.param("address_fields")) for line in top):
        return True  # ("Subject:" and "Date:" alone head many a visit record)
    greeted = any(_first_words(line, rule.param("greetings")) and len(line.split()) <= 6 for line in top)
    # "Thanks,", "Kind regards, Ollie", or a last sentence "Thanks, Sam"
    endings = [part.strip() for line in lines[-4:] for part in line.split(". ")]
    signed = any(_first_words(part.rstrip(",.! "), rule.param("sign_offs")) and len(part.split()) <= 4
                 for part in endings)
    return greeted and signed


def _first_words(line: str, phrases: frozenset[str]) -> bool:
    low = line.lower()
    first = low.split(maxsplit=1)[0].strip(",.:;!?") if low.strip() else ""
    # (a phrase the line starts with has the line's first character: only those are tried)
    return any(p.startswith(first) and low.startswith(p) and (len(low) == len(p) or not low[len(p)].isalnum())
               for p in _by_initial(phrases).get(low[:1], ())) if first else False


@lru_cache(maxsize=64)
def _by_initial(phrases: frozenset[str]) -> dict[str, tuple[str, ...]]:
    """A rule's phrases by their first character (made once per list)."""
    found: dict[str, list[str]] = {}
    for p in phrases:
        found.setdefault(p[:1], []).append(p)
    return {initial: tuple(ps) for initial, ps in found.items()}


def _heading_cue(heading: str, rule: Rule) -> tuple[bool, str] | None:
    """The earliest cue in a heading; at the same place the longer one ("contact supervision"
    over "supervision")."""
    best: tuple[int, int, str, bool] | None = None
    weak = rule.param("weak_direct_work")
    for expects, words in ((True, rule.param("direct_work")), (False, rule.param("not_direct_work"))):
        for cue in words:
            if cue not in heading:
                continue  # (most cues: a substring test first, without a call)
            pos = _find_word(heading, cue)
            if pos > 0 and cue in weak and not set(heading[:pos].split()) <= rule.param("weak_direct_work_openers"):
                continue  # (shorthand only as the heading's first word: not "from the HV team")
            if pos > 0 and heading[:pos].split()[-1:] and heading[:pos].split()[-1] in rule.param("owner_words"):
                continue  # a thing someone has, not the kind of note: "asked to hand in his phone"
            if pos >= 0 and (best is None or (pos, -len(cue)) < (best[0], -best[1])):
                best = (pos, len(cue), cue, expects)
    if best is None:
        return None
    if best[3] and best[2] in rule.param("plain_sessions"):
        parents = _first_cue(heading, rule.param("parent_work"))
        if parents is not None:
            return False, f"'{parents}'"  # "Group session record: Incredible Years parenting group"
    if best[2] in weak and best[0] == 0:
        # a shorthand that is direct work only when nothing else in the heading says otherwise:
        # "HV 12/02 14:00. Unannounced." is a home visit, "HV telephone contact" a call (after
        # how the visit was arranged, "Unannounced HV 16:30 following referral from neighbour",
        # it is a visit whatever follows)
        causes = [at for w in rule.param("cause_words") or () if (at := _find_word(heading, w)) >= 0]
        other = _first_cue(heading[:min(causes)] if causes else heading, rule.param("not_direct_work"))
        if other is not None:
            return False, f"'{other}'"
    return best[3], f"'{best[2]}'"


def _first_cue(heading: str, cues: frozenset[str]) -> str | None:
    """The cue that stands first in the heading, the longer at the same place: the same one in
    every process (a set's own order changes with Python's hash seed)."""
    found = [(at, -len(cue), cue) for cue in cues if cue in heading and (at := _find_word(heading, cue)) >= 0]
    return min(found)[2] if found else None


def _find_word(text: str, word: str) -> int:
    pos = text.find(word)
    while pos >= 0:
        before = text[pos - 1] if pos else " "
        after = text[pos + len(word)] if pos + len(word) < len(text) else " "
        if not (before.isalnum() or after.isalnum()):
            return pos
        pos = text.find(word, pos + 1)
    return -1


def _has_word(text: str, word: str) -> bool:
    return _find_word(text, word) >= 0


def _starts_with_label(line: str, labels: frozenset[str]) -> bool:
    head, sep, _ = line.partition(":")
    return bool(sep) and head.strip() in labels


def _event_lines(docs: list[Doc], rule: Rule) -> int:
    """Lines that start with a time or a date."""
    count = 0
    for doc in docs:
        compiled = _line_patterns(rule, doc.vocab)
        starts = {0} | {i + 1 for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist() if "\n" in doc[i].text}
        starts |= {i + 1 for i in list(starts) if i < len(doc) and doc[i].text in ("-", "*", "•")}
        count += len({start for _group, start, _ in compiled.matches(doc) if start in starts})
    return count


_LINE_PATTERNS: dict[tuple[str, int], Any] = {}


def _line_patterns(rule: Rule, vocab):
    key = (rule.id, id(vocab))
    if key not in _LINE_PATTERNS:
        _LINE_PATTERNS[key] = compile_patterns(vocab, {"line": rule.patterns_param("line_start_patterns")},
                                               {"months": rule.param("months")})
    return _LINE_PATTERNS[key]


def _contact_in_body(docs: list[Doc], rule: Rule, people: People) -> tuple[bool, str] | None:
    """A verb of being with someone whose other party is a child ("I visited Sam", "the
    children were seen"), or only contact at a distance."""
    in_person = rule.param("in_person_verbs")
    opening_forms = rule.param("in_person_openings")
    remote, devices = rule.param("remote_words"), rule.param("remote_devices")
    far = unseen = False
    carried_contact: tuple[bool, str] | None = None
    not_seen = rule.param("not_seen_verbs")
    presence = rule.param("presence_words")
    # Only the tokens whose form or lemma is one of the rule's words become Tokens (the Doc's
    # hash arrays against the words' hashes, in C).
    escorting = rule.param("escort_verbs")
    writer = rule.param("writer_nouns")
    talking = rule.param("conversation_verbs")
    away = rule.param("away_places")
    sightings = rule.param("sighting_words")
    participles = rule.param("participle_forms") or frozenset()
    visit_words = rule.param("visit_words") or frozenset()
    visit_preps = rule.param("visit_time_preps") or frozenset()
    visit_days = rule.param("visit_day_words") or frozenset()
    home_places = rule.param("home_places") or frozenset()
    topics = rule.param("topic_prepositions")
    refusals = rule.param("refusal_verbs")
    staff = rule.param("staff_nouns") or frozenset()
    possible = rule.param("possibility_modals") or frozenset()
    reporting = rule.param("reporting_words") or frozenset()
    towards = rule.param("towards_preps") or frozenset()
    forms = word_hashes(opening_forms | remote | presence | away | visit_words | visit_days | staff)
    lemmas = word_hashes(in_person | remote | escorting | refusals)
    for doc in docs:
        resolve = people.resolver(doc)
        arr = doc.to_array([LOWER, LEMMA])
        for i in numpy.flatnonzero(in_sorted(arr[:, 0], forms) | in_sorted(arr[:, 1], lemmas)).tolist():
            tok = doc[i]
            lemma = tok.lemma_.lower()
            if tok.lower_ in opening_forms and _opens_line_or_sentence(tok) \
                    and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                # "Met YP at her flat.", "Collected Kyle from school": a note's opening verb, with
                # no subject, which the model may read as a name or an adjective
                if any(resolve.is_child(t) and not _possessor(t) for t in doc[tok.i + 1:min(len(doc), tok.i + 4)]):
                    return True, f"'{tok.text}' a child (from the body)"
            if (lemma in remote or tok.lower_ in remote) and not far \
                    and (lemma not in devices or tok.dep_ in ("pobj", "compound")
                         and not any(c.dep_ == "poss" for c in tok.children)):
                # at a distance from the child: "spoke to Tyler by phone", not "Mum informed by phone"
                # (nor "was on his phone past 10": his own phone is a thing he has)
                far = any(resolve.is_child(t) for t in tok.sent)
            if tok.lower_ in presence and tok.dep_ in ("acomp", "ROOT") and tok.pos_ == "ADJ":
                # "Children were present during the visit": the writer was with them
                verb = tok.head if tok.dep_ == "acomp" else tok
                subject = subject_of(verb)
                if subject is not None and resolve.is_child(subject) \
                        and not any(c.dep_ == "neg" for c in verb.children):
                    return True, f"'{tok.text}' a child (from the body)"
            if tok.lower_ in staff and tok.dep_ == "pobj" and tok.head.lower_ in towards and not far:
                # "Lewis was rude and defiant with night staff", "swore at me": behaviour in front of them
                acted = tok.head.head
                verb = acted.head if acted.dep_ in ("acomp", "conj") and acted.pos_ == "ADJ" else acted
                while verb.dep_ == "conj" and verb.pos_ == "ADJ" and verb.head.i != verb.i:
                    verb = verb.head
                if verb.dep_ == "acomp":
                    verb = verb.head
                subject = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
                if subject is None and verb.pos_ in ("VERB", "AUX") and _opens_line_or_sentence(verb):
                    subject = _carried_subject(verb, resolve)
                clause = verb
                while clause.dep_ == "conj" and clause.head.i != clause.i:
                    clause = clause.head
                # (not what is said of them, "he can be aggressive with staff", nor what someone
                # reported, "Staff report he was verbally aggressive to night staff")
                modal = any(c.dep_ == "aux" and c.lower_ in possible for c in verb.children)
                told = subject is not None and any(t.lemma_.lower() in reporting for t in doc[tok.sent.start:subject.i])
                if subject is not None and resolve.is_child(subject) and not _planned(verb) and not modal \
                        and clause.dep_ != "ccomp" and not told:
                    return True, f"'{tok.head.text} {tok.text}' a child (from the body)"
            if tok.lower_ in visit_words and tok.dep_ == "pobj" and tok.head.lower_ in visit_preps \
                    and _there_for_the_visit(tok.head.head, resolve, away):
                # "Chloe was at home for the visit", "Sami stayed upstairs during the visit": there
                return True, f"'{tok.head.text} the {tok.text}' a child (from the body)"
            if tok.lower_ in visit_days and tok.dep_ in ("npadvmod", "advmod", "prep") \
                    and _there_for_the_visit(tok.head, resolve, away) and any(
                        t.lower_ in home_places and t.head.lower_ in ("at", "in") for t in tok.head.subtree):
                # "Nevaeh was at home today", "Arjun and Simran were at home throughout": there
                return True, f"'{tok.text}' a child at home (from the body)"
            if tok.lower_ in away and tok.i and doc[tok.i - 1].lower_ == "at" \
                    and _away(tok, resolve, rule.param("away_joiners"), rule.param("away_relatives"),
                                    rule.param("away_trailers")):
                unseen = True  # "Children at school.", "Kai was at nursery": not there to be seen
                continue
            if lemma in escorting and tok.pos_ == "VERB" and not _planned(tok) \
                    and not any(c.dep_ == "neg" for c in tok.children):
                # "Collected Jayden from school", "Children conveyed to the carers": the
                # writer with the child on the way; not "Mum collected Sam" (the writer was not there)
                subject = subject_of(tok)
                # a note's passive fragment is the writer's act ("Children conveyed to carers");
                # a full passive reports anyone's ("Amelia has been collected late")
                # (or read as a past tense with no object: "Children conveyed to carers" - these verbs take one)
                deps = {c.dep_ for c in tok.children}
                passive = tok.tag_ in ("VBN", "VBD") and not deps & {"aux", "auxpass"} \
                    and ("agent" in deps or "dobj" not in deps)
                carried = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
                if passive and subject is not None:
                    carried.append(subject)
                if (subject is None or subject.lower_ in ("i", "we") or passive) \
                        and any(resolve.is_child(c) for c in carried):
                    return True, f"'{tok.text}' a child (from the body)"
            if lemma in refusals and tok.pos_ == "VERB" and not far:
                # "Connor refused to say where he had been": asked, so the writer was with him (not
                # "refused to speak to police": someone else asked)
                said = next((c for c in tok.children if c.dep_ == "xcomp" and (
                    c.lemma_.lower() in talking or c.lemma_.lower() in rule.param("voice_verbs"))), None)
                subject = subject_of(tok)
                if said is not None and subject is not None and resolve.is_child(subject) and not any(
                        c.dep_ == "prep" and not any(_names_the_writer(g, writer) for g in c.children if g.dep_ == "pobj")
                        and any(g.dep_ == "pobj" for g in c.children) and c.lower_ in ("to", "with")
                        for c in said.children):
                    return True, f"'{tok.text}' to talk, a child (from the body)"
            if lemma not in in_person or tok.pos_ not in ("VERB", "AUX") or _planned(tok):
                continue  # (a plan to see the child, "SW to see both children", is no contact yet)
            if tok.dep_ == "pcomp" and tok.head.lower_ in topics:
                continue  # "Craig asked about seeing the children": what was asked about, not a visit
            if any(c.dep_ == "agent" and not any(_names_the_writer(g, writer) for g in c.children)
                   for c in tok.children):
                continue  # "Children asleep upstairs, checked by officers": someone else was with them
            if any(c.dep_ == "advmod" and c.lower_ in sightings for c in tok.children) \
                    or (tok.i and tok.doc[tok.i - 1].lower_ in sightings):
                continue  # "Last seen at 19:00 getting into a car": a sighting reported, not the writer's
            negated = any(c.dep_ == "neg" for c in tok.children)
            if not negated and any((t.lemma_.lower() in remote or t.lower_ in remote) for t in tok.sent):
                continue  # "spoke to Tyler by phone": contact at a distance, read above
            others = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            others += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                       for g in c.children if g.dep_ == "pobj"]
            if any(c.dep_ == "auxpass" for c in tok.children):
                others.append(subject_of(tok))  # "Tyler and Skye were at school and were not seen"
            if lemma in talking and any(_names_the_writer(g, writer) for c in tok.children
                                        if c.dep_ == "prep" and c.lower_ in ("with", "to")
                                        for g in c.children if g.dep_ == "pobj"):
                others.append(subject_of(tok))  # "He refused to speak to me": the child the writer was with
            if (tok.tag_ == "VBN" or tok.lower_ in participles) and not any(c.dep_ in ("aux", "auxpass") for c in tok.children):
                # a note's fragment: "Baby seen.", "Child in placement: Mia - not seen" (the model's "dep")
                others += [c for c in tok.children if c.dep_ in ("nsubj", "dep") and (
                    c.pos_ in ("NOUN", "PROPN", "PRON") or (c.pos_ == "DET" and c.dep_ == "nsubj"))]  # ("Both seen")
                if tok.i and tok.doc[tok.i - 1].is_sent_start and tok.doc[tok.i - 1].head.i == tok.i:
                    others.append(tok.doc[tok.i - 1])  # the sentence's first word, however tagged: "Tilly seen, clean"
                if tok.dep_ == "acl":
                    others.append(tok.head)  # "Tyler seen in the living room, appeared fine."
                if tok.dep_ == "ROOT" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
                    carried = _carried_subject(tok, resolve)  # "Lacey admitted overnight. Seen on ward."
                    if not negated and carried is not None and resolve.is_child(carried) \
                            and not any(o is not None and resolve.is_child(o) for o in others):
                        # (the child carried from a heading's field may not be who was seen: "Child:
                        # Precious (7) / Seen at the applicants' home. Precious was at school.")
                        carried_contact = carried_contact or (True, f"'{tok.text}' a child (from the body)")
                        continue
            if not any(o is not None and resolve.is_child(o) for o in others):
                continue
            if negated:
                if lemma in not_seen and not any(t.lower_ in ("alone", "own") for t in tok.subtree):
                    unseen = True  # "Mia (11) at school, not seen"; not "was not seen alone"
                continue
            return True, f"'{tok.text}' a child (from the body)"
    if unseen:
        return _NOT_SEEN  # (in person, the child was not there, whatever was said by phone)
    if carried_contact is not None:
        return carried_contact
    return (False, "contact at a distance only (from the body)") if far else None


def _possessor(tok: Token) -> bool:
    """Whether a name is, with any names joined to it, the owner of what follows: "Visited Ellis
    and Poppy's address" visited a place, not the children."""
    doc, i = tok.doc, tok.i + 1
    while i < len(doc) and (doc[i].lower_ in ("and", "&", "-") or doc[i].is_title):
        i += 1
    return i < len(doc) and doc[i].text in ("'s", "’s", "'", "’")


def _there_for_the_visit(verb: Token, resolve: Resolver, away: frozenset[str]) -> bool:
    """Whether the clause a visit's time phrase hangs on puts a child there: its subject is a
    child, it is not negated, and it names no place away ("at school during the visit")."""
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in verb.children):
        return False
    subject = subject_of(verb)
    if subject is None or not resolve.is_child(subject):
        return False
    return not any(t.lower_ in away and t.i and t.doc[t.i - 1].lower_ == "at" for t in verb.subtree)


def _away(place: Token, resolve: Resolver, joiners: frozenset[str], relatives: frozenset[str],
          trailers: frozenset[str]) -> bool:
    """Whether the sentence says no more than that the children were at that place ("Children at
    school.", "Kai and Mia were at nursery"), or ends with a relative clause that says it of a
    child ("... and one child in placement, Leo (9), who was at school."), read from its words: a
    sentence the model was not run on has no parse (langcheck/selective.py)."""
    sent, doc = place.sent, place.doc
    # (from a field's colon or an opening bracket before it: "Child in placement: Kacper (9), at
    # school", "28/01, 10am (children at school)")
    start = max((t.i + 1 for t in doc[sent.start:place.i] if t.text == ":" or (
        t.text == "(" and not any(u.text == ")" for u in doc[t.i + 1:place.i]))), default=sent.start)
    end = next((t.i for t in doc[place.i + 1:sent.end] if t.lower_ in trailers or t.text == ")"), sent.end)
    words = [t for t in doc[start:end] if not (t.is_punct or t.is_space)]
    if len(words) < 3 or words[-1].i != place.i:
        return False
    before = words[:-2]  # (the words before "at")
    k = len(before) - 1
    while k > 0 and before[k].lower_ in joiners:
        k -= 1
    if before[k].lower_ in relatives:
        # the relative's antecedent: the word before it, past brackets and an age ("Leo (9), who")
        j = before[k].i - 1
        while j >= sent.start and (doc[j].is_punct or doc[j].like_num):
            j -= 1
        return j >= sent.start and resolve.is_child(doc[j])
    # (an age beside a name is part of the naming: "Lily (8) was at school")
    return any(resolve.is_child(t) for t in before) and all(
        resolve.is_child(t) or t.lower_ in joiners or t.like_num for t in before)


def _a_professional(noun: Token, resolve: Resolver) -> bool:
    """A worker or a service, by its noun ("SW", "the police CSE team") or as the note knows them."""
    data = resolve.data
    person = resolve.person(noun)
    if person is not None:
        return person.role == "professional"
    heads = data.professional_nouns | data.organisation_heads | data.institution_nouns
    return noun.lower_ in heads or noun.lemma_.lower() in heads


def _names_the_writer(noun: Token, writer: frozenset[str]) -> bool:
    """"me", "this worker", "the allocated social worker": the one writing the note."""
    words = " ".join(t.lower_ for t in noun.subtree if t.dep_ in ("compound", "amod") or t.i == noun.i)
    return noun.lower_ in writer or words in writer or any(words.endswith(" " + w) for w in writer)


def _talked_with_child(docs: list[Doc], rule: Rule, people: People) -> bool:
    """A conversation verb ("spoke with Connor", "talked to YP on the phone") whose other party
    is a child, not negated and not planned."""
    talking = rule.param("conversation_verbs")
    for doc in docs:
        resolve = people.resolver(doc)
        for tok in doc:
            # (the past form opening a log line, "00:45 Spoke with Connor", may be read as a name)
            if (tok.lemma_.lower() not in talking and tok.lower_ not in talking) or _planned(tok) \
                    or any(c.dep_ == "neg" for c in tok.children):
                continue
            others = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("with", "to")
                      for g in c.children if g.dep_ == "pobj"]
            if any(resolve.is_child(o) for o in others):
                return True
    return False


# No verb of being with a child, and one saying that a child was not seen.
_NOT_SEEN = (False, "the child was not seen (from the body)")


def _can_be_noun(tok: Token) -> bool:
    """Whether the word can be a noun or a verb's form at all (lemminflect's English lexicon):
    the tagger takes "throughout" for a noun in "Tired, quiet throughout, said ..."."""
    from lemminflect import getAllLemmas

    known = getAllLemmas(tok.lower_)
    return not known or bool({"NOUN", "PROPN", "VERB"} & set(known))


def _carried_subject(verb: Token, resolve) -> Token | None:
    """The subject a telegraphic sentence leaves out ("Settled quickly when Mum picked her
    up."): the person the sentence before was about, its subject or its first word ("S. alert,
    fixing and following face."), looking back at most two sentences."""
    doc = verb.doc
    start = verb.sent.start
    looked = 0
    while looked < 2:
        if start == 0:
            return None
        before = doc[start - 1].sent
        if not before.text.strip():
            start = before.start  # a blank line is no sentence
            continue
        looked += 1
        subject = subject_of(before.root)
        if not any(t.pos_ in ("VERB", "AUX") for t in before):
            # a heading or field line with no verb ("SV - Harvey Lund (10) - foster home", "HV
            # contact - baby Noah"): the child it names is who the note goes on about
            named = next((t for t in before if resolve.is_child(t)), None)
            if named is not None:
                return named
            if any(t.text == ":" for t in before[:4]):
                start = before.start  # another field ("Carer: Mrs Hall"): the note is about the child above
                continue
        if subject is not None and subject.pos_ == "NUM":
            subject = None  # a log's time read as the subject: "02:05 spoke to Kai by phone."
        if subject is None and any(t.pos_ in ("VERB", "AUX") for t in before):
            # a line that opens with whom it is about, its verb misread ("Mum chaotic and
            # uncooperative, refused to let SW see Tyler's bedroom."): that person, not the child
            # named later in it
            first = next((t for t in before if t.is_alpha), None)
            if first is not None and first.i != before.root.i \
                    and (person := resolve.person(first)) is not None and person.kind == "adult":
                return first
            # the writer's own telegraphic act ("02:05 spoke to Kai by phone."): the child it was with
            named = next((t for t in before if resolve.is_child(t)), None)
            if named is not None:
                return named
            if before.root.pos_ == "VERB" and before.root.i == next((t.i for t in before if t.is_alpha), -1):
                return None  # the writer's act with no child in it ("Discussed with TM."): theirs runs on
        for candidate in (subject, before[0]):
            if candidate is not None and resolve.person(candidate) is not None:
                return candidate
        if subject is not None:
            return None  # the sentence before was about something else
        start = before.start
    return None


def _opens_line_or_sentence(tok: Token) -> bool:
    if tok.i == 0:
        return True
    before = tok.doc[tok.i - 1]
    if before.text[:1].isdigit() and before.i > 0:
        # a log entry after its time: "17:45 Collected Lachlan from the unit" (one time, not a run of numbers)
        tok, before = before, tok.doc[before.i - 1]
    elif before.text[:1].isdigit():
        return True
    return (before.is_space and "\n" in before.text) or before.text in (".", "!", "?") or "\n" in before.whitespace_


# -- stage 3: evidence -----------------------------------------------------------------------
def find_evidence(doc: Doc, rule: Rule, people: People, labels: list[tuple[int, int]] = ()) -> str | None:
    """The first evidence of a child's voice in the Doc (all of it goes to doc.spans). Evidence
    inside a critical label ("her lifestyle choices", "refused") is the writer's verdict, not
    the child's voice."""
    strings = doc.vocab.strings
    resolve = people.resolver(doc)
    found: list[tuple[int, int, str]] = []
    arr = doc.to_array([LOWER, LEMMA, DEP, POS, SENT_START])
    starts = sentence_starts(arr[:, 4])
    # Only the tokens whose lemma is one of the rule's words become strings and Tokens: the
    # rest are compared as hashes (spaCy's lemmas of verbs and common nouns are lower case).
    speech, observed = rule.param("voice_verbs"), rule.param("observed_verbs")
    refusals, nouns = rule.param("refusal_verbs"), rule.param("voice_nouns")
    wishes = rule.param("wish_verbs")
    impressions = rule.param("impression_verbs")
    object_free = rule.param("object_free_verbs")
    possible = rule.param("possibility_modals")
    topics = rule.param("topic_prepositions")
    clause_only = rule.param("clause_only_verbs")
    content_only = rule.param("content_only_verbs")
    speech_objects, said_things = rule.param("speech_object_verbs"), rule.param("speech_nouns")
    breaks = rule.param("clause_breaks")
    greetings = rule.param("greeting_words")
    # (the tokens with one of these lemmas are found by a binary search of the Doc's lemma
    # column, in C, not by a Python test of every token's lemma)
    wanted = numpy.flatnonzero(in_sorted(arr[:, 1], word_hashes(speech | observed | refusals | nouns)))
    lemmas = {i: strings[h] for i, h in zip(wanted.tolist(), arr[wanted, 1].tolist())}
    neg = strings.add("neg")
    negated = {bisect.bisect_right(starts, i) - 1 for i in numpy.flatnonzero(arr[:, 2] == neg).tolist()}
    refused_sentences = {bisect.bisect_right(starts, i) - 1 for i, lemma in lemmas.items() if lemma in refusals}
    quoted = quoted_tokens(doc) if lemmas else set()
    quoted_order = sorted(quoted)
    talking_age = rule.number("talking_age", 3)
    lowered = doc_text(doc).lower()
    not_talking_note = any(_has_word(lowered, w) for w in rule.param("not_talking"))
    young_words = rule.param("too_young_words")
    baby_note = any(_has_word(lowered, w) for w in young_words)

    next_step: list[bool] = []  # _next_step's answer for the Doc, read once when first asked

    def has_next_step() -> bool:
        if not next_step:
            next_step.append(_next_step(doc, rule, resolve))
        return next_step[0]

    def observable(subject: Token) -> bool:
        """Whether what the child was seen to do or to be is their voice."""
        person = resolve.person(subject)
        return not_talking_note or _too_young(person, people, talking_age, young_words) or (
            baby_note and not _talks(person, people, talking_age))
    for i, lemma in sorted(lemmas.items()):
        if lemma not in speech and lemma not in observed:
            continue
        tok = doc[i]
        if tok.pos_ not in ("VERB", "AUX") or i in quoted or tok.dep_ in ("nsubj", "nsubjpass", "csubj"):
            continue  # (a verb as a subject names an activity: "Writing remains below expected")
        kids = list(tok.children)  # (read a dozen times below: walked once)
        if i + 2 < len(doc) and doc[i + 1].text == ":" and doc[i + 2].text not in _OPENING_QUOTES \
                and _opens_line_or_sentence(tok):
            continue  # "Agreed: new attendance contract, review in 6 weeks": a field's label, not an act
        # (a verb opening its sentence: "Settled quickly."; not "Info shared w/ SW", done to a thing)
        # (or one the model hung on the quotation it introduces: "Stated 'I'm not writing it'")
        opens_quote = i + 1 < len(doc) and doc[i + 1].text in _OPENING_QUOTES and tok.head.i > i + 1
        telegraphic = (tok.dep_ == "ROOT" or opens_quote) \
            and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in kids) and _opens_line_or_sentence(tok)
        # (a past tense joined to another is the model's VBN at times: "kept her eyes on Mum's face
        # and quietened")
        past_conj = tok.dep_ == "conj" and tok.head.tag_ == "VBD" and not any(c.dep_ == "auxpass" for c in kids)
        if tok.tag_ == "VBN" and not telegraphic and not past_conj \
                and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in kids):
            continue  # "when asked", "was told": done to the child, not their view ("Settled quickly." is a note's past tense)
        if any(c.dep_ in ("auxpass", "agent") for c in kids):
            continue  # "has been picked for the football team", "Written by: Lee Marsh": done by someone else
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in refusals:
            continue  # "refused to say where she had been": a refusal, read below with its next step
        # "which he seems to enjoy": someone's impression of the child, not their view (for a
        # baby, what the writer saw, however hedged: "Leo seemed to enjoy the stacking cups")
        impression = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in impressions
        if any(c.dep_ == "aux" and c.lower_ in possible for c in kids):
            continue  # "he can show her any message he gets": a permission, not something he did
        if tok.dep_ == "pcomp" and tok.head.lower_ in topics:
            continue  # "Mum was prompted about Isla climbing the bookcase": a topic, not an act seen
        if lemma in speech and tok.dep_ in ("xcomp", "advcl") and _planned(tok.head):
            continue  # "I will text Kayleigh to ask how she is": the writer's plan, not her words
        if (any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in kids)
                or (tok.dep_ == "ccomp" and tok.left_edge.tag_ in ("WRB", "WP"))) and _planned(tok.head):
            # "I will ask if he would like anyone with him", "to ask how she would like to meet": a
            # question still to ask, not his view
            continue
        subject = subject_of(tok)
        if subject is not None and (subject.pos_ == "VERB" or (subject.pos_ == "NOUN" and not _can_be_noun(subject))):
            # "Cried when put down, calmed ...": the model made one verb the other's subject; "Tired,
            # quiet throughout, said ...": a function word it took for a noun
            subject = None
        if subject is not None and subject.pos_ == "NOUN" and subject.i < i and doc[i - 1].text == "," \
                and lemma not in speech and resolve.person(subject) is None:
            # "Good eye contact with mum, turned towards her voice": a list of what was seen, the
            # comma parting a thing from the verb; the verb's subject is left out, as notes do
            # (not for speech, whose speaker a note names: "Call from M - upset, says ...")
            subject = None
        if subject is not None and tok.dep_ == "conj" and tok.head.dep_ == "advcl" and subject.head.i != i \
                and subject.pos_ == "NOUN" and resolve.person(subject) is None:
            # a thing cannot speak: "Ruby was at the window when Mum's car pulled up and shouted
            # 'Mama!'", the model joining "shouted" to the time clause
            subject = subject_of(tok.head.head)
        if subject is not None and subject.i < i:
            cut = max((t.i for t in doc[subject.i + 1:i] if t.text in breaks
                       and (t.whitespace_ or doc[t.i - 1].whitespace_)), default=None)
            # "Kayden not at school - mum said he had a temperature": two clauses run together,
            # the second's subject is after the break ("Kai - said he was fine" has none there;
            # a hyphen inside a word, "Ellie-Mae", is no break)
            # (a subject, not an owner or an object in a phrase: "- used planned ignoring for Kai's
            # whining ... and said" has none after the break)
            subject = next((t for t in doc[cut + 1:i] if t.pos_ in ("NOUN", "PROPN", "PRON")
                            and not (t.dep_ == "pobj" and t.head.i > cut) and t.dep_ != "poss"
                            and not (t.i + 1 < i and doc[t.i + 1].dep_ == "case")), subject) \
                if cut is not None else subject
        if subject is not None and subject.i > i and \
                bisect.bisect_left(quoted_order, i) == bisect.bisect_left(quoted_order, tok.sent.start):
            # A subject after its verb is a quotation's speaker only after the quotation ("'No,' said
            # Ellie"); before it, the name is what was said: "Mum ... said Ellie 'poorly again'".
            continue
        if subject is None:
            # A run of verbs with one subject that the model split ("She kept her hood up, said
            # 'not today'" parsed with "kept" as what was said): the earlier verb's subject.
            # (or a dash: "Mum failed to attend – says she had no credit")
            subject = next((subject_of(c) for c in kids if c.dep_ in ("ccomp", "conj") and c.i < i
                            and c.right_edge.i + 1 < i and (doc[c.right_edge.i + 1].text == ","
                                                            or doc[c.right_edge.i + 1].text in breaks)), None)
        if subject is None and not _opens_line_or_sentence(tok) and resolve.person(tok.sent[0]) is not None and (
                tok.dep_ == "ROOT" or any(t.text == ":" for t in doc[tok.sent.start:i])):
            # "Mum hostile and minimising, states she is ...", "Baby observed throughout: alert,
            # fixed and followed my face": the fragment's first word
            subject = tok.sent[0]
        if subject is None and tok.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in kids):
            continue  # a bare verb with no subject is a step to take: "Next steps: write a letter to Housing"
        if subject is None and (tok.dep_ == "ROOT" or _opens_line_or_sentence(tok)):
            # (a verb opening its sentence has left its subject out, whatever the model made the
            # root: 'Said school was "boring"', parsed with "boring" as the root)
            if any(c.dep_ in ("dobj", "dative") and (p := resolve.person(c)) is not None and p.kind == "adult"
                   for c in kids):
                continue  # "Told Kerry I will discuss it with my manager": the writer telling an adult
            if any(c.dep_ == "prep" and any(_a_professional(g, resolve) for g in c.children if g.dep_ == "pobj")
                   for c in kids):
                continue  # "Shared with SW and the police at 17:00": the writer passing it on
            if lemma in clause_only:
                continue  # "Agreed that discharge will not go ahead ...": a meeting's decision, no one's view
            subject = _carried_subject(tok, resolve)
        if subject is None or not resolve.is_child(subject) or (impression and not observable(subject)):
            continue
        if _wants_the_child(tok, subject, resolve):
            continue  # "when her daughter asks to see Tyler": who asks for the child is not the child
        if lemma in wishes and _reported_by_family(tok, resolve):
            continue  # "Mum said Lily-Mae doesn't like nursery": a parent speaking for the child
        if lemma in wishes and _occasion_of_anothers_act(tok, resolve, rule.param("occasion_marks")):
            continue  # "he gave her a warning when Ama did not want to leave the park": his account of an event
        # (an object denied is the verb denied: "showed no remorse" is "did not show remorse")
        denied = any(c.dep_ == "neg" or (c.dep_ == "dobj" and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children))
                     for c in kids)
        # (a wish to take part is no refusal: "to ask how she would like to meet")
        refusing = (denied and _refuses_conversation(tok, rule)) or _chose_not_to_take_part(tok, rule)
        if refusing or (denied and lemma not in wishes):
            # "did not want to talk", "chose not to attend": a refusal, the voice only with the
            # next step; "did not say" says nothing. A negated wish about anything else is the
            # child's view: "Kai did not want to go to school", "she does not like the new flat".
            if refusing and has_next_step():
                found.append((i, i + 1, "declined, with the next step"))
            continue
        if lemma in object_free and (any(c.dep_ == "dobj" and c.i not in quoted for c in kids)
                                     or (tok.dep_ == "relcl" and tok.head.pos_ == "NOUN")):
            continue  # "signed the behaviour contract", "the contract he signed": a form signed, not a sign made
        if lemma in clause_only and not any(c.dep_ == "ccomp" for c in kids):
            continue  # "YP agreed to plan", "agreed to attend boxing": procedure, not a view
        if lemma in content_only and not any(c.dep_ in ("ccomp", "dobj", "xcomp", "attr", "oprd", "intj")
                                             for c in kids) \
                and not any(t.i in quoted for t in doc[i + 1:min(len(doc), i + 4)]):
            continue  # "was shouting at staff": behaviour described, not what was said
        if lemma in speech and any(c.dep_ in ("dobj", "advmod") and c.lemma_.lower() in rule.param("not_speech_objects")
                                   for c in kids):
            continue  # "answered the door", "said very little": no answer given
        if lemma in speech_objects and any(
                c.dep_ == "dobj" and c.i not in quoted and c.lemma_.lower() not in nouns
                and c.lemma_.lower() not in said_things for c in kids):
            continue  # "Dylan and Tomos no longer share a bed": a thing shared, not a view
        if lemma in speech and _only_a_greeting(tok, greetings):
            continue  # "Dylan said hello": manners, not a view
        if lemma in speech:
            found.append((i, i + 1, "said or felt"))
        elif not _screen(tok, rule) and not any(
                c.dep_ == "prt" and f"{lemma} {c.lower_}" in rule.param("reported_behaviours") for c in kids) \
                and not any(c.dep_ in ("dobj", "attr", "npadvmod") and c.like_num for c in kids) \
                and observable(subject) and not _reported_by_family(tok, resolve, rule.param("occasion_marks")):
            # (what a parent says happened was not seen: "Mum's explanation was that his sister had
            # rolled a toy car onto her")
            # (a phrasal verb of behaviour reported is no act seen: "kicking off" is no kick,
            # though "screwed up her face" is; nor is a number its object: "when Oliver turns 18")
            found.append((i, i + 1, "observed"))
    for i in numpy.flatnonzero(in_sorted(arr[:, 0], word_hashes(rule.param("speech_openings")))).tolist():
        tok = doc[i]
        if tok.pos_ not in ("VERB", "AUX") and tok.i not in quoted and _opens_line_or_sentence(tok):
            # 'Said school was "boring"': a note's subjectless speech verb that the model read as a
            # name; the speaker is who the note was just about
            subject = _carried_subject(tok, resolve)
            if subject is not None and resolve.is_child(subject):
                found.append((tok.i, tok.i + 1, "said or felt"))
    for i, lemma in sorted(lemmas.items()):
        if lemma in refusals and doc[i].pos_ == "VERB":
            subject = subject_of(doc[i])
            if subject is not None and resolve.is_child(subject) and has_next_step():
                found.append((i, i + 1, "declined, with the next step"))
        elif lemma in nouns and doc[i].pos_ == "NOUN":
            owner = next((c for c in doc[i].children if c.dep_ == "poss"), None)
            k = bisect.bisect_right(starts, i) - 1
            ends_line = i + 1 < len(doc) and (doc[i + 1].text == ":" or (doc[i + 1].is_space and "\n" in doc[i + 1].text))
            colon = _introduces_a_quote(doc[i]) if owner is not None else None
            if colon is not None and resolve.is_child(owner) \
                    and not any(t.dep_ == "neg" for t in doc[starts[k]:colon]):  # (the quotation's own "not" is theirs)
                # "Ruby's own words were read out at the start:" then the words, quoted
                found.append((i, i + 1, "quoted"))
            elif owner is not None and resolve.is_child(owner) and k not in negated \
                    and not _still_to_hear(doc[i]) and not (ends_line and _opens_line_or_sentence(owner)):
                # (a field's label or a heading, "Callum's views: Callum attended", "3. Children's
                # views" on its own line, is no view: its content may be)
                found.append((i, i + 1, "view named"))
    # A feeling said of the child, plainly ("Kai is worried about moving school", "she felt
    # scared"), not as the writer's impression ("seemed happy": appear, seem, look).
    feelings, plain_copulas = rule.param("feeling_words"), rule.param("feeling_copulas")
    states = rule.param("observed_states")
    table = word_hashes(feelings | states)  # sorted: a binary search per token, in C
    lowers_arr = arr[:, 0]
    at = numpy.minimum(numpy.searchsorted(table, lowers_arr), len(table) - 1)
    for i in numpy.flatnonzero(table[at] == lowers_arr).tolist():
        tok = doc[i]
        if tok.pos_ != "ADJ" or tok.dep_ not in ("acomp", "ROOT") or i in quoted:
            continue
        verb = tok.head if tok.dep_ == "acomp" else tok
        if verb.lemma_.lower() not in plain_copulas and verb is not tok:
            continue
        if any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "neg" for c in tok.children):
            continue
        subject = subject_of(verb)
        if subject is None or not resolve.is_child(subject):
            continue
        if tok.lower_ not in feelings and not observable(subject):
            continue  # a state seen ("awake and alert") is the voice of a baby, not of a child who talks
        reporter = subject_of(verb.head) if verb.dep_ == "ccomp" else None
        if reporter is not None and not resolve.is_child(reporter):
            continue  # "Mum said he is angry": her account of him, not what he felt in his words
        found.append((i, i + 1, "said or felt"))
    tools = rule.phrases("gathered_by").hashed(strings)
    lowers = arr[:, 0].tolist()
    for k in sorted(tools.sentences_with(lowers, None, starts) - negated - refused_sentences):
        end = starts[k + 1] if k + 1 < len(starts) else len(doc)
        tool = tools.find(lowers[starts[k]:end])
        if _tool_in_use(doc, starts[k], end, tool, strings, resolve) and not _in_child_field(doc, starts[k], end, tool):
            found.append((starts[k], end, "gathered by: " + tool))
    quote = _quoted_child(doc, resolve)
    if quote is not None:
        found.append(quote)
    if labels:
        # a word inside a critical label is the writer's verdict, not the child's voice: "her
        # lifestyle choices", "is choosing to stay at his flat", "Kelsey refused to take part"
        # ("did not want to talk; I will try again" is her answer, and counts)
        found = [f for f in found if f[2].startswith(("gathered", "quoted")) or not any(
            s <= doc[f[0]].idx < e or any(s <= c.idx < e for c in doc[f[0]].children if c.dep_ == "dobj")
            for s, e in labels)]  # (nor a verb whose object is one: "continues to show little motivation")
    marks = topic_marks(doc)
    if marks:
        # what follows "re" or "regarding" names the topic of a call or a referral ("anon call to
        # police re shouting + child screaming"), not what the child said or showed
        found = [f for f in found if not (f[2] in ("said or felt", "observed") and any(
            starts[bisect.bisect_right(starts, f[0]) - 1] <= m < f[0] for m in marks))]
    found.sort()
    doc.spans[VOICE_KEY] = [Span(doc, s, e, label=kind) for s, e, kind in found]
    if not found:
        return None
    s, e, kind = found[0]
    return f"{kind}: {doc[s:e].text}" if not kind.startswith("gathered") else kind


def _tool_in_use(doc: Doc, start: int, end: int, tool: str, strings, resolve) -> bool:
    """A tool named as something a child has or where they were ("in the front room with his
    PECS book", "she has a communication book") is not how their view was gathered; named with
    a verb of doing ("I used the three houses", "using Makaton, Kai ...") or as a heading, it is,
    unless an adult who is no professional is the one doing it ("Mum has completed the Makaton
    course": her effort), or the child in the present tense, which says how they communicate,
    not that it was used this time ("he uses PECS")."""
    first = strings.add(tool.split()[0])
    for tok in doc[start:end]:
        if tok.lower != first:
            continue
        node = tok
        for _ in range(5):
            if node.pos_ in ("VERB", "AUX") and node.i != tok.i:
                if node.lemma_.lower() not in _HAVING:
                    doer = subject_of(node)
                    person = resolve.person(doer) if doer is not None else None
                    if person is not None and person.kind == "adult" and person.role != "professional":
                        return False
                    if node.tag_ in ("VBZ", "VBP") and doer is not None and resolve.is_child(doer):
                        return False  # "Reuben is non-verbal and uses PECS": how he talks, not what he said
                    return not _planned(node)
                break
            if node.head.i == node.i:
                return True  # a fragment or heading named by the tool ("Three houses: ...")
            node = node.head
    return False


def _in_child_field(doc: Doc, start: int, end: int, tool: str) -> bool:
    """A tool named in a header field about the child ("Child: Ethan, 13 (non-verbal, uses some
    Makaton)") says how they communicate, not that it was used to gather their view."""
    labels = people_data().child_labels
    first = tool.split()[0]
    for tok in doc[start:end]:
        if tok.lower_ != first:
            continue
        line = tok.i
        while line > 0 and not (doc[line - 1].is_space and "\n" in doc[line - 1].text):
            line -= 1
        words = [t.lower_ for t in doc[line:min(tok.i, line + 4)]]
        if ":" in words and " ".join(words[:words.index(":")]) in labels:
            return True
    return False


def _reported_by_family(verb: Token, resolve, occasions: frozenset[str] = frozenset()) -> bool:
    """Whether the clause is what a parent or carer reported ("Mum told me Amara ... does not want
    to see her father"): the family speaking for the child, not the child's own words. (What
    the child said, passed on, is still theirs, "Mum said Amir told her he was scared"; and a
    professional's report is of what they heard from the child: "Mrs Dunn told me she loves the
    reading club".)"""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    if node.dep_ != "ccomp":
        return False
    if any(c.dep_ in ("advmod", "mark") and c.lower_ in occasions and c.i < node.head.i for c in node.head.children):
        # a time clause the model took for a report: "When Mum said my name he turned his head"
        return False
    reporter = subject_of(node.head)
    person = resolve.person(reporter) if reporter is not None else None
    if person is None and reporter is not None:
        # whose account it is: "Mum's explanation was that the baby's sibling had rolled a toy car onto her"
        owner = next((c for c in reporter.children if c.dep_ == "poss"), None)
        person = resolve.person(owner) if owner is not None else None
    return person is not None and person.kind == "adult" and person.role == "family"


def _occasion_of_anothers_act(verb: Token, resolve, occasions: frozenset[str]) -> bool:
    """Whether the clause is only the occasion of someone else's act ("He talked me through how
    he used the plan when Ama did not want to leave the park"): an event in their account, not a
    view the child gave. (The child's own act on the occasion is theirs: "she smiled when ...".)"""
    if verb.dep_ != "advcl" or not any(c.dep_ in ("advmod", "mark") and c.lower_ in occasions for c in verb.children):
        return False
    subject = subject_of(verb.head)
    person = resolve.person(subject) if subject is not None else None
    return person is not None and person.kind == "adult"


def _wants_the_child(verb: Token, subject: Token, resolve) -> bool:
    """Whether the child a subject was taken for is also the object of what they do or want
    ("Tyler asks to see Tyler" cannot be), or is known only by a relation and wants a named child
    ("her daughter asks to see Tyler"): then the subject is someone else. (Not an owner: "Kai
    asked me to ring Kai's mum".)"""
    child = resolve.person(subject)
    if child is None:
        return False
    # (a child known only by a relation, "her daughter", who wants to see a child named: the
    # relation is of someone else, an adult's daughter)
    unnamed = child.name == subject.lower_
    return any(t.dep_ in ("dobj", "pobj") and t.pos_ == "PROPN" and t.i != subject.i
               and (other := resolve.person(t)) is not None and other.kind == "child"
               and (other.name == child.name or unnamed)
               for c in verb.children if c.dep_ in ("dobj", "xcomp", "ccomp") for t in c.subtree)


def _planned(verb: Token) -> bool:
    """A verb in a plan, not yet done: "Dan to see Mia using the three houses", "I will use
    the three houses": up through its clause, a bare infinitive or a future auxiliary."""
    node = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in ("to", "will", "'ll", "’ll", "shall") for c in node.children):
            finite = any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP") for c in node.children)
            return not (finite or node.dep_ == "xcomp" and node.head.tag_ in ("VBD", "VBZ", "VBP"))
        if node.dep_ not in ("acl", "advcl", "xcomp", "ccomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _introduces_a_quote(noun: Token) -> int | None:
    """The colon after which the words the noun names are quoted, or None: "Ruby's words: \"I'm
    not being lazy\"", "Ruby's own words were read out at the start:" and the quotation on the
    next line. (A few words at most, on the noun's line: a colon further on starts something else.)"""
    doc = noun.doc
    colon = noun.i + 1
    while colon < min(len(doc), noun.i + 12) and doc[colon].text != ":" and "\n" not in doc[colon].text:
        colon += 1
    if colon >= len(doc) or doc[colon].text != ":":
        return None
    j = colon + 1
    while j < len(doc) and doc[j].is_space:
        j += 1
    return colon if j < len(doc) and doc[j].text in _OPENING_QUOTES else None


def _still_to_hear(noun: Token) -> bool:
    """A view named in a plan ("Her views to be gathered before the review", "Kai's wishes
    will be sought") is not yet heard: the verb it is subject, object or head of is planned;
    one said only to have been gathered ("his views were obtained") gives no view."""
    if noun.dep_ == "nsubjpass":
        return True  # "Ethan's views were obtained": that they were heard, not what they are
    verbs = [c for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and noun.head.pos_ in ("VERB", "AUX"):
        verbs.append(noun.head)
    return any(_planned(v) for v in verbs)


_HAVING = {"be", "have"}  # copulas and possession: where the tool is, not what was done with it


def _too_young(person: Person | None, people: People, talking_age: float, young_words: frozenset[str]) -> bool:
    """A child too young to talk: a baby noun, or a named child under the talking age."""
    if person is None:
        return False
    if person.name in young_words:
        return True
    child = people.child(person.name)
    return child is not None and child.age_years is not None and child.age_years < talking_age


def _talks(person: Person | None, people: People, talking_age: float) -> bool:
    """A named child whose age says they talk."""
    child = people.child(person.name) if person is not None else None
    return child is not None and child.age_years is not None and child.age_years >= talking_age


def _screen(tok: Token, rule: Rule) -> bool:
    """"watching TV" is not what the child showed; "looked well" is a verdict, not an observation."""
    screens, verdicts = rule.param("not_observing"), rule.param("nothing_wrong_states")
    return any(c.dep_ in ("dobj", "pobj", "prep") and (c.lemma_.lower() in screens or
               any(g.lemma_.lower() in screens for g in c.children))
               or c.dep_ in ("acomp", "oprd", "attr", "advmod") and c.lower_ in verdicts for c in tok.children)


def _refuses_conversation(verb: Token, rule: Rule) -> bool:
    """"did not want to talk to me": the negated wish is about taking part."""
    participation = rule.param("participation_verbs")
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in participation for c in verb.children)


def _chose_not_to_take_part(verb: Token, rule: Rule) -> bool:
    """"chose not to attend", "wanted not to come": a wish whose complement is a negated taking part."""
    participation = rule.param("participation_verbs")
    return any(c.dep_ == "xcomp" and c.lemma_.lower() in participation and any(g.dep_ == "neg" for g in c.children)
               for c in verb.children)


def _next_step(doc: Doc, rule: Rule, resolve: Resolver) -> bool:
    """The note says what the writer or another professional will do next to hear the child:
    a next-step verb ("I will try again on Friday"), or any planned action with the child
    ("his mentor will go through the three houses with him")."""
    verbs, writers = rule.param("next_step_verbs"), rule.param("writer_words")
    for i in numpy.flatnonzero(doc.to_array(POS) == VERB).tolist():  # (the verbs only become Tokens)
        tok = doc[i]
        future = any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "’ll", "shall", "wo") for c in tok.children)
        planned = tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("plan", "arrange", "go", "intend", "hope", "agree")
        if not (future or planned):
            continue  # (tested first: most verbs are neither, and need not be looked at further)
        if tok.lemma_.lower() not in verbs and not any(resolve.is_child(o) for o in _objects(tok)):
            continue
        subject = subject_of(tok if not planned else tok.head)
        if subject is None or subject.lower_ in writers:
            return True
        person = resolve.person(subject)
        if person is None or person.role == "professional":
            return True
    return False


def _objects(verb: Token) -> list[Token]:
    """Who a verb is done to or with: its object, or the object of its "with" ("saw Sam",
    "went through the sheet with him")."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "dative")]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        found += [g for g in prep.children if g.dep_ == "pobj"]
        if prep.lower_ != "with":  # "through the sheet with him": one level down
            found += [gg for g in prep.children for p in g.children if p.dep_ == "prep" and p.lower_ == "with"
                      for gg in p.children if gg.dep_ == "pobj"]
    return found


def _quoted_child(doc: Doc, resolve: Resolver) -> tuple[int, int, str] | None:
    """A direct quotation whose speaker (as textacy finds it) is a child."""
    if not doc.to_array(IS_QUOTE).any():
        return None  # textacy finds quotations from quotation-mark tokens only
    try:
        from .quotations import direct_quotations
        for speaker, cue, content in direct_quotations(doc):
            if speaker[0].i > cue[0].i and content[0].i > cue[0].i:
                continue  # a name after its verb speaks only after the quotation ("'No,' said Ellie")
            if any(resolve.is_child(t) for t in speaker):
                return content[0].i, content[-1].i + 1, "quoted"
    except Exception:  # textacy's heuristics can trip on odd quoting; the parse above decided
        pass
    return None



def might_expect_voice(rule: Rule, text: str) -> bool:
    """False when the note's text alone, before any model has run, shows it is not direct work
    with a child: correspondence, or a heading that names a call, an email or a meeting of
    professionals. The selective runner then leaves the voice check's cue words alone."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines:
        return False
    lowered = text.lower()
    if "your " in lowered and any(f"your {k}" in lowered for k in people_data().kin_of_child):
        return True  # a letter or record written to the child
    if _correspondence(lines, rule):
        return False
    decided = _heading_cue(_heading(lines, rule.param("type_fields")), rule)
    return decided is None or decided[0]


_OPENING_QUOTES = frozenset({"'", "‘", '"', "“"})
