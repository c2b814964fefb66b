"""Undefined acronyms: a check kind after Vale's `conditional` (an acronym is fine once defined).

An acronym is a word of capital letters ("MARAC", "LADO", "PLO"), or one with digits ("S47"),
with its endings set aside ("NFA'd", "LACs", "CME's"). It is a finding unless:
- the rule allows it (everyday abbreviations: GP, DOB, A&E, TV, NHS ...);
- another rule already matched it (the known acronyms keep their own rules and alternatives,
  and a local lexicon marks its own the same way);
- the note has defined it, here or earlier: "Multi-Agency Risk Assessment Conference (MARAC)",
  whose words' initials spell it, or "MARAC (the meeting where ...)";
- it stands in a heading written in capitals ("HOME VISIT - SAM"), or is a capitalised
  surname after a first name ("Sam JONES"), or is a plain word in capitals ("NOT", "URGENT").

Word lists and thresholds are the rule's params (lexicons/jargon.yaml, J072).

Section references ("s136", "s.83", "section 7") are a second kind here: a statute's section
written short, found by its shape (a prefix from the rule's params, then a number).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import Iterator

from spacy.attrs import IDX, IS_ALPHA, IS_SPACE, IS_UPPER, ORTH
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from .components import CANDIDATES_KEY
from .docs import doc_text
from .lexicon import Rule


def undefined_acronyms(doc: Doc, rule: Rule, lemmas=None) -> Iterator[tuple[int, int]]:
    allowed = rule.param("allowed")
    plain = rule.param("plain_words")
    small = rule.param("small_words")
    endings = sorted(rule.param("endings"), key=len, reverse=True)
    least, most = int(rule.number("min_letters", 2)), int(rule.number("max_letters", 7))
    digits = int(rule.number("max_digits", 0))
    initials = int(rule.number("initials_letters", 0))
    title_letters = int(rule.number("title_letters", 0))
    role_reach = int(rule.number("role_reach", 0))
    family_nouns = rule.param("family_nouns")
    starts = _two_capitals(doc)
    if not starts:
        return
    covered = {i for span in doc.spans.get(CANDIDATES_KEY, []) for i in range(span.start, span.end)}
    headings = _heading_tokens(doc, float(rule.number("heading_share", 0.6)))
    spelled_out = _long_forms(doc, starts, small, endings)
    if headings:
        # A word of a heading in capitals that the note also writes in capitals in its running
        # text is an acronym in the heading too: "YJS HOME VISIT" ... "at the YJS office".
        body = {_core(doc[i].text, endings) for i in starts if i not in headings}
        headings = {i for i in headings if _core(doc[i].text, endings) not in body}
    # Initials that sign the note, or stand with a worker's role, name that person throughout it
    # ("KT (SW), unannounced" ... "KT to take food bank voucher" ... "KT" on the last line).
    defined: set[str] = _signed_initials(doc, starts, endings, initials) if initials else set()
    name_initials: dict[str, int] | None = None
    children: set[int] | None = None
    for tok in (doc[i] for i in starts):
        core = _core(tok.text, endings)
        if core is None or not least <= sum(c.isalpha() for c in core) <= most \
                or sum(c.isdigit() for c in core) > digits:
            continue
        if tok.i in covered or tok.i in headings:
            if tok.i in headings and core not in defined and _defines(doc, tok, core, small):
                defined.add(core)  # "EMERGENCY DUTY TEAM (EDT) - OUT OF HOURS LOG" spells it out for the note
            continue
        if tok.i in spelled_out:
            continue  # "INITIAL CHILD PROTECTION CONFERENCE (ICPC)": the words an acronym stands for
        low = core.lower()
        if low in allowed or tok.lower_ in allowed or low in plain or _plain_word(low):
            continue  # "SATs" is allowed as written, though its core is "SAT"
        if core in defined:
            continue
        if name_initials is None:
            name_initials = _name_initials(doc)
        if name_initials.get(core, len(doc)) < tok.i:
            # "RJ" for Ruby-Jean Armitage: a person's initials, not a team's acronym; or a name
            # written out before, "Family Nurse Partnership visit ... the FNP sheet" (not one
            # written out only after: "PF notification ... Private Fostering & Kinship Team")
            continue
        if children is None:
            children = _child_name_tokens(doc)
        if tok.i in children:
            defined.add(core)  # and the same child later on: "YP: LM" ... "LM kicked off after tea"
            continue  # a child named by initials, as the people patterns find children: "TJ (Y3) and KJ (Y1)"
        if initials and len(core) == initials and _in_initials_list(doc, tok, initials):
            defined.add(core)  # and the same person later on: "Swore at JS."
            continue  # "Staff on shift: JB, MK": people listed by their initials
        if ((initials and len(core) == initials) or (len(core) > 3 and core.isalpha()
                                                     and (tok.i == 0 or doc[tok.i - 1].is_space))) and _aged(doc, tok) \
                or _name_in_capitals_aged(doc, tok):
            defined.add(core)  # and the same person later on: "Police: CH stop-searched"
            # "Young person CH (16)": a person's initials with their age, as a child is named; or
            # their surname in capitals opening a line, as custody records do ("DANIELS (15)."),
            # or their whole name ("KYLE FERGUSON (19) - contact log")
            continue
        if initials and len(core) == initials and _after_a_role(doc, tok, role_reach):
            defined.add(core)
            continue  # "Manager on call (SP) informed": the person in the role, by their initials
        if initials and len(core) == initials and _signs_a_line(doc, tok):
            defined.add(core)
            continue  # "Database updated. AC": an entry signed with the writer's initials
        if _defines(doc, tok, core, small):
            defined.add(core)
            continue
        first = tok  # a hyphenated surname in capitals is read from its first part: "Jayden OKAFOR-REID"
        while first.i >= 2 and doc[first.i - 1].text == "-" and not doc[first.i - 1].whitespace_ \
                and not doc[first.i - 2].whitespace_ and doc[first.i - 2].is_upper and doc[first.i - 2].is_alpha:
            first = doc[first.i - 2]
        before = doc[first.i - 1] if first.i > 0 else None
        named = False
        if before is not None and before.text == ")":
            # past an age in brackets, a capitalised word is a name: "Jaxon (6) and Mia (3) HOLLIS"
            opening = next((j for j in range(tok.i - 2, max(-1, tok.i - 5), -1) if doc[j].text == "("), None)
            before = doc[opening - 1] if opening else None
            named = opening is not None and any(t.like_num for t in doc[opening + 1:tok.i - 1])
        after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if before is not None and before.is_title and before.is_alpha and (named or not _plain_word(before.lower_)) \
                and len(core) > 3 and core.isalpha() and not _names_a_service(after):
            continue  # "Sam JONES": a surname in capitals, as some records write them (not "Avonmere IDVA service")
        if after is not None and after.lower_ in family_nouns and len(core) > 3 and core.isalpha():
            continue  # "Re: BRENNAN children": the family's surname, as case files write it
        if _surname_first(doc, tok) and len(core) > 3 and core.isalpha():
            continue  # "Subject: JACKSON, Reece": the surname first, as case files list people
        if _inside_a_name(doc, tok):
            continue  # "Kirkby Fell CE Primary": part of an organisation's name
        if len(core) <= title_letters and core == tok.text and _before_a_name(doc, tok.i + 1):
            continue  # "DC Simmons", "TM Colin Ashby": a worker's role before their name
        yield tok.i, tok.i + 1


# Where an acronym can start: two capitals in a row (a shape, not a word list).
# Or a capital, one lower-case letter and a capital: the mixed-case short forms of teams and roles
# ("CiC", "HoY", "PfA").
_TWO_CAPITALS = re.compile(r"[A-Z][A-Z0-9&]|\b[A-Z][a-z][A-Z]")


def _two_capitals(doc: Doc) -> list[int]:
    """The tokens that start with two capitals, found in the text rather than token by token."""
    text = doc_text(doc)
    found = [m.start() for m in _TWO_CAPITALS.finditer(text)]
    if not found:
        return []
    idx = doc.to_array(IDX).tolist()
    out = []
    for pos in found:
        i = bisect.bisect_right(idx, pos) - 1
        if i >= 0 and idx[i] == pos and (not out or out[-1] != i):
            out.append(i)
    return out


def _core(text: str, endings: list[str]) -> str | None:
    """The acronym in a token ("NFA'd" -> "NFA", "LACs" -> "LAC"; a numbered form's, "ASQ-3" ->
    "ASQ"), or None for other words."""
    numbered = _NUMBERED.match(text)
    if numbered and _is_acronym(numbered.group(1)):
        return numbered.group(1)
    for ending in endings:
        if text.endswith(ending) and len(text) > len(ending):
            stem = text[:-len(ending)]
            if _is_acronym(stem):
                return stem
    return text if _is_acronym(text) else None


# A questionnaire's or form's number after its letters: "ASQ-3", "PHQ-9" (a shape, not a word list).
_NUMBERED = re.compile(r"^([A-Z][A-Za-z&]*[A-Z])-\d{1,2}$")


def _is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if len(letters) == 3 and text.isalpha() and letters[0].isupper() and letters[1].islower() and letters[2].isupper():
        return True  # "CiC", "HoY": the shape _TWO_CAPITALS also finds
    return len(letters) >= 2 and all(c.isupper() for c in letters) and all(c.isalnum() or c == "&" for c in text)


@lru_cache(maxsize=4096)
def _plain_word(low: str) -> bool:
    """An ordinary English word written in capitals ("NOT", "HOME", "URGENT"): spaCy's stop
    words, or a word of the polarity lexicon."""
    from spacy.lang.en.stop_words import STOP_WORDS

    if low in STOP_WORDS:
        return True
    from .strengths import polarity_lexicon

    return low in polarity_lexicon()


def _defines(doc: Doc, tok: Token, core: str, small: frozenset[str]) -> bool:
    """Whether this use defines the acronym: "(MARAC)" after words whose initials spell it,
    "MARAC (" followed by words, or "ESDT - " followed by words whose initials spell it (a
    heading: "ESDT - Emergency Social Duty Team")."""
    i = tok.i
    letters = "".join(c for c in core if c.isalpha()).upper()  # ("PfA" for "Preparing for Adulthood")
    if i + 1 < len(doc) and doc[i + 1].text == "(" and i + 3 < len(doc) and doc[i + 2].is_alpha and doc[i + 3].is_alpha \
            and not _titled_name(doc[i + 2]) and not (doc[i + 2].is_upper and len(doc[i + 2].text) > 1
                                                      and not _names_a_service(doc[i + 3])) \
            and not _named_in_brackets(doc, i + 2, letters, small):
        # (not a person named in the brackets: "SALT (Ms Kemp)" says who, not what; nor details
        # that open with another acronym: "PPN (DV incident 02/02)" says what happened, not what
        # it is, where "CAMHS (RISE service)" names the service)
        return True
    if i + 2 < len(doc) and doc[i + 1].text in ("-", "–", ":"):
        after = []
        for word in doc[i + 2:min(len(doc), i + 2 + len(core) + 6)]:
            if (word.is_punct and word.lower_ not in small) or (
                    word.is_alpha and not word.is_title and word.lower_ not in small):
                break  # a name in capitals, not a sentence: "DA - Dad said ..." defines nothing
            if word.is_alpha:
                after.append(word.text[0].upper())
        if any(_in_order(letters, "".join(after[:n])) for n in range(len(letters), len(after) + 1)):
            return True
    return _spelled_out_from(doc, tok, core, small) is not None


def _named_in_brackets(doc: Doc, start: int, letters: str, small: frozenset[str]) -> bool:
    """Brackets that open with capitalised words whose initials do not spell the acronym name
    someone or somewhere: "EHP (Dawn Price, chair)" says who, where "SALT (Speech and Language
    Therapy)" says what."""
    words = []
    for word in doc[start:start + len(letters) + 4]:
        if not word.is_alpha or not (word.is_title or word.lower_ in small):
            break
        words.append(word)
    titled = [w for w in words if w.is_title]
    # (an organisation's name says what it is: "IDVA (Avonmere Women's Service)")
    return len(titled) >= 2 and not any(_names_a_service(w) for w in words) \
        and not _in_order(letters, "".join(w.text[0].upper() for w in words))


def _spelled_out_from(doc: Doc, tok: Token, core: str, small: frozenset[str]) -> int | None:
    """Where the words start whose initials spell the acronym in brackets after them
    ("Review Child Protection Conference (RCPC)"), or None."""
    i = tok.i
    if i == 0 or doc[i - 1].text != "(":
        return None
    letters = "".join(c for c in core if c.isalpha()).upper()  # ("PfA" for "Preparing for Adulthood")
    initials: list[tuple[str, int]] = []
    j = i - 2
    while j >= 0 and len(initials) < len(core) + 4:
        word = doc[j]
        if word.is_punct and word.text != "-" and word.lower_ not in small:
            break  # ("&" is one of the small words: "Assessment & Intervention Team (AIT)")
        if word.is_alpha:
            # a small word's initial may be in the acronym or not ("Children in Need Team (CINT)",
            # "Team Around the Family (TAF)"): _in_order skips the initials it does not need
            initials.append((word.text[0].upper(), j))
        j -= 1
    initials.reverse()
    spellings = [letters]
    if i + 2 < len(doc) and doc[i + 1].text == "-" and not tok.whitespace_ and doc[i + 2].is_upper:
        # "(FST-W)" for "... Team West"; or a form's version after the name, "Multidimensional
        # Assessment of Caring Activities questionnaire (MACA-YC18)"
        spellings.insert(0, letters + "".join(c for c in doc[i + 2].text if c.isalpha()))
    # a team's acronym may leave out its last word ("Through Care Team (AVTC)")
    for letters, words in ((spelling, w) for spelling in spellings for w in (initials, initials[:-1])):
        if _in_order(letters, "".join(c for c, _ in words)):
            # the words from the one that gives the acronym's first letter (matched from the end)
            k = len(letters) - 1
            for c, at in reversed(words):
                if k >= 0 and c == letters[k]:
                    k -= 1
                    if k < 0:
                        return at
    return None


def acronym_core(text: str, endings: list[str]) -> str | None:
    """The acronym a token writes ("RHIs" -> "RHI"), or None for other words: for the context
    stage, with its own endings."""
    return _core(text, endings)


def defined_here(tok: Token, small: frozenset[str], core: str | None = None) -> bool:
    """Whether this use of an acronym is where the note spells it out ("Review Child Protection
    Conference (RCPC)", "RCPC (review child protection conference)", "Return home interviews
    (RHIs)"): the context stage's test, for the known acronyms' own rules. `core`: the acronym
    without its ending, if the token has one."""
    doc = tok.doc
    core = core or tok.text
    if not _is_acronym(core):
        return False
    if _spelled_out_from(doc, tok, core, small) is not None:
        return True
    # (brackets after it define it only when their words spell it: "IRO (Sue Parkes)" and
    # "DSL (Oakfield Prim)" say who or where)
    if tok.i + 2 < len(doc) and doc[tok.i + 1].text == "(":
        initials = []
        for word in doc[tok.i + 2:tok.i + 2 + len(core) + 4]:
            if word.is_punct and word.text != "-" and word.lower_ not in small:
                break
            if word.is_alpha:
                initials.append(word.text[0].upper())
        return _in_order("".join(c for c in core if c.isalpha()).upper(), "".join(initials))
    return False


def _long_forms(doc: Doc, starts: list[int], small: frozenset[str], endings: list[str]) -> set[int]:
    """The tokens of spelled-out forms before a bracketed acronym: words, though written in
    capitals ("INITIAL CHILD PROTECTION CONFERENCE (ICPC)")."""
    out: set[int] = set()
    for i in starts:
        core = _core(doc[i].text, endings)
        if core is not None and i and doc[i - 1].text == "(":
            first = _spelled_out_from(doc, doc[i], core, small)
            if first is not None:
                out.update(range(first, i - 1))
    return out


def _names_a_service(tok: Token | None) -> bool:
    """A word that ends an organisation's name ("service", "team"): what stands before it is the
    organisation's, not a person's surname (people.yaml's organisation_heads)."""
    from .people import people_data

    return tok is not None and tok.lower_ in people_data().organisation_heads


def _titled_name(tok: Token) -> bool:
    """A title before a capitalised name: "Ms Kemp", "Dr. Shah"."""
    from .people import people_data

    doc = tok.doc
    nxt = tok.i + (2 if tok.i + 1 < len(doc) and doc[tok.i + 1].text == "." else 1)
    return tok.lower_ in people_data().titles and nxt < len(doc) and doc[nxt].is_title


def _in_initials_list(doc: Doc, tok: Token, letters: int) -> bool:
    """Whether the token stands in a list of tokens of the same few capitals ("JB, MK",
    "JB and MK"): the way a record lists people, where a team's acronyms rarely come in pairs."""
    def initials_at(j: int) -> bool:
        return 0 <= j < len(doc) and doc[j].is_upper and doc[j].is_alpha and len(doc[j].text) == letters

    for step in (-1, 1):
        sep = tok.i + step
        if 0 <= sep < len(doc) and doc[sep].text in (",", "and", "&", "/") and initials_at(sep + step):
            return True
    return False


def _name_initials(doc: Doc) -> dict[str, int]:
    """The initials of every name in the note, a name being capitalised words in a row whose
    parts may be hyphenated ("Ruby-Jean Armitage": RJ, RJA, RA), each with the first token
    from which they stand for it: a person's anywhere ("Ref: FS/22817/MB" ... "Mark Brennan"),
    an organisation's from where its name is written out ("Family Nurse Partnership visit ...
    the FNP sheet", not "PF notification ... Private Fostering & Kinship Team")."""
    from .people import people_data

    heads = people_data().organisation_heads
    out: dict[str, int] = {}
    run: list[list[str]] = []  # the names' words, each as its hyphenated parts
    start = 0
    for tok in list(doc) + [None]:
        if tok is not None and _DOTTED_INITIALS.match(tok.text):
            out[tok.text.replace(".", "")] = -1  # "YP: J.B. (14)" is "JB" later on
        if tok is not None and tok.is_title and tok.is_alpha and tok.i > 0 and doc[tok.i - 1].text == "-" \
                and not doc[tok.i - 1].whitespace_ and run:
            run[-1].append(tok.text)  # "Jean" of "Ruby-Jean"
            continue
        if tok is not None and (tok.text == "-" and not tok.whitespace_ and run):
            continue
        if tok is not None and tok.is_title and tok.is_alpha and len(tok.text) > 1:
            if not run:
                start = tok.i
            run.append([tok.text])
            continue
        if tok is not None and tok.text == "&" and run and tok.i + 1 < len(doc) and doc[tok.i + 1].is_title:
            continue  # one organisation's name goes on: "Private Fostering & Kinship Team"
        if run:
            first = "".join(p[0] for p in run[0])
            whole = "".join(p[0] for word in run for p in word)
            since = start if any(word[0].lower() in heads for word in run) else -1
            for x in (first, whole, first + run[-1][0][0] if len(run) > 1 else ""):
                if len(x) >= 2:
                    out[x] = min(out.get(x, since), since)
            run = []
    return out


# A person's initials written with full stops: "J.B.", "T.M.R" (a shape, not a word list).
_DOTTED_INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}[A-Z]\.?$")


def _child_name_tokens(doc: Doc) -> set[int]:
    """The tokens the people patterns capture as a child's name ("YP: LM", "TJ (Y3)", "AB (8)")."""
    from .people import people_data

    compiled = people_data().compiled(doc.vocab)
    return {t.i for group, _start, captured in compiled.matches(doc) if group == "child"
            for t in captured.get("name", [])}


def _in_order(letters: str, initials: str) -> bool:
    """Every letter of the acronym among the initials, in order, ending at the last word
    ("Multi-Agency Risk Assessment Conference" -> "MARAC"), starting at any."""
    if not initials or not letters or initials[-1] != letters[-1]:
        return False
    k = 0
    for c in initials:
        if k < len(letters) and c == letters[k]:
            k += 1
    return k == len(letters)


def _aged(doc: Doc, tok: Token) -> bool:
    """Whether a child's age in brackets follows: "CH (16)", "JB (15 yrs)" (not "(2024)", a
    year): a number no older than the people data's oldest young person, then ")" or a unit."""
    from .people import people_data

    data, i = people_data(), tok.i
    return i + 3 < len(doc) and doc[i + 1].text == "(" and doc[i + 2].text.isdigit() \
        and int(doc[i + 2].text) <= data.max_child_age \
        and (doc[i + 3].text == ")" or doc[i + 3].lower_ in data.age_units)


def _name_in_capitals_aged(doc: Doc, tok: Token) -> bool:
    """A first name and surname in capitals opening a line, with an age after them: "KYLE
    FERGUSON (19)"."""
    start = tok.i
    while start > 0 and doc[start - 1].is_alpha and doc[start - 1].is_upper and len(doc[start - 1]) > 1:
        start -= 1
    end = tok.i
    while end + 1 < len(doc) and doc[end + 1].is_alpha and doc[end + 1].is_upper and len(doc[end + 1]) > 1:
        end += 1
    return end > start and end - start < 3 and (start == 0 or doc[start - 1].is_space) \
        and all(len(t) > 3 for t in doc[start:end + 1]) and _aged(doc, doc[end])


def _after_a_role(doc: Doc, tok: Token, reach: int) -> bool:
    """Whether the initials stand in brackets just after a worker's role, a family member's or a
    child's: "Manager on call (SP)", "the duty social worker (KM)", "with their mother (DB)", "New
    YP (DF) due 4pm", "SSW (FN, Brightpath Fostering)"."""
    from .people import people_data

    i = tok.i
    # (or first in the brackets, before the team: "SSW (FN, Brightpath Fostering)")
    if not (0 < i < len(doc) - 1 and doc[i - 1].text == "(" and doc[i + 1].text in (")", ",")):
        return False
    data = people_data()
    roles = data.professional_nouns | data.family_nouns | data.child_nouns
    return any(t.lower_ in roles or t.lemma_.lower() in roles for t in doc[max(0, i - 1 - reach):i - 1])


def _signed_initials(doc: Doc, starts: list[int], endings: list[str], letters: int) -> set[str]:
    """Initials of this many letters that sign the note (alone on its last line) or stand beside
    a worker's role ("KT (SW)", "Worker AB", "SW: HP"): a person's, wherever the note uses them."""
    from .people import people_data

    data = people_data()
    # (a person's role, not an institution's or a group's: "police CE team", "school SN" are teams)
    roles = data.professional_nouns - data.institution_nouns - data.collective_nouns
    found: set[str] = set()
    last = next((t.i for t in reversed(doc) if not t.is_space), -1)
    for i in starts:
        core = _core(doc[i].text, endings)
        if core is None or len(core) != letters or not core.isalpha():
            continue
        # (the last word of the note, on a line of its own or after the last sentence's full stop)
        alone_at_end = i == last and (i == 0 or (doc[i - 1].is_space and "\n" in doc[i - 1].text)
                                      or doc[i - 1].text == ".")
        role_after = i + 3 < len(doc) and doc[i + 1].text == "(" and doc[i + 2].lower_ in roles and doc[i + 3].text == ")"
        role_before = i > 0 and doc[i - 1].lower_ in roles and (doc[i - 1].is_lower or doc[i - 1].is_title) \
            and not (i + 1 < len(doc) and doc[i + 1].is_alpha and doc[i + 1].is_lower)
        # a role's field, its label in any case: "Case manager: TB.", "SW: HP   TM: GD"
        role_field = i > 1 and doc[i - 1].text == ":" and doc[i - 2].lower_ in roles
        if alone_at_end or role_after or role_before or role_field:
            found.add(core)
    return found


def _signs_a_line(doc: Doc, tok: Token) -> bool:
    """Initials standing alone after a full stop at the end of a line or the note."""
    before = doc[tok.i - 1] if tok.i else None
    after = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return before is not None and before.text == "." and (
        after is None or (after.is_space and "\n" in after.text) or (after.i == len(doc) - 1 and after.is_space))


def _surname_first(doc: Doc, tok: Token) -> bool:
    """A word in capitals opening a line or field, then a comma or colon and a capitalised first
    name ("JACKSON, Reece", "NOWAK: Lena (13), Filip (10)")."""
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text not in (",", ":") or not doc[tok.i + 2].is_title:
        return False
    before = doc[tok.i - 1] if tok.i else None
    return before is None or before.text in (":", "&", "and", "-") or "\n" in before.text


def _before_a_name(doc: Doc, i: int) -> bool:
    """A person's name starts at i: a capitalised word that is not an ordinary one, then another
    capitalised word or the end of the phrase ("Karen Hale", "Simmons (CAIT)"; not "Reg 4")."""
    if i >= len(doc) or not (doc[i].is_title and doc[i].is_alpha and doc[i].pos_ == "PROPN") \
            or _plain_word(doc[i].lower_):
        return False
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is None or nxt.is_title or (nxt.is_punct and nxt.text not in ("-", "/")) or nxt.is_space


def _inside_a_name(doc: Doc, tok: Token) -> bool:
    """Between two capitalised words of a name, mid-sentence ("Kirkby Fell CE Primary")."""
    if tok.i < 2 or tok.i + 1 >= len(doc):
        return False
    before, after = doc[tok.i - 1], doc[tok.i + 1]
    if before.text in ("'s", "’s") and doc[tok.i - 2].is_title:
        before = doc[tok.i - 2]  # "St Aidan's CE Primary"
    return before.is_title and before.is_alpha and after.is_title and after.is_alpha \
        and before.i > 0 and not doc[before.i - 1].is_space and doc[before.i - 1].text not in (".", "!", "?", ":")


_SEPARATORS = ("-", "–", ":", "|")
_SEPARATOR_HASHES = frozenset(hash_string(s) for s in _SEPARATORS)  # compared with the ORTH column
# (a heading's words in capitals may end at a bracket: "WILLOW HOUSE – SHIFT HANDOVER (lates to nights)")
_OPEN_BRACKET = hash_string("(")


def _heading_tokens(doc: Doc, share: float) -> set[int]:
    """Tokens of lines written in capitals ("HOME VISIT - SAM (8)"), read from the Doc's arrays
    (no Token made per word)."""
    out: set[int] = set()
    alpha, upper, space, orth = (col.tolist() for col in doc.to_array([IS_ALPHA, IS_UPPER, IS_SPACE, ORTH]).T)
    line: list[int] = []
    for i in range(len(doc) + 1):
        if i == len(doc) or (space[i] and "\n" in doc[i].text):
            words = [k for k in line if alpha[k]]
            capitals = sum(upper[k] for k in words)
            if len(words) >= 2 and capitals >= share * len(words):
                out.update(line)
            elif capitals >= 2:
                # a heading in capitals in a line's part between dashes or colons ("DAILY DIARY -
                # Fostering Marrowdale", "DAILY LOG - ASH HOUSE - Unit 2"): two or more words in
                # capitals, then the separator or the line's end
                k = 0
                while k < len(line):
                    run = 0
                    while k + run < len(line) and alpha[line[k + run]] and upper[line[k + run]]:
                        run += 1
                    if run >= 2 and (k + run == len(line) or orth[line[k + run]] in _SEPARATOR_HASHES
                                     or orth[line[k + run]] == _OPEN_BRACKET) \
                            and (k == 0 or orth[line[k - 1]] in _SEPARATOR_HASHES):
                        out.update(line[k:k + run])
                    k += run + 1
            line = []
        else:
            line.append(i)
    return out


# -- section references ---------------------------------------------------------------------
def section_references(doc: Doc, rule: Rule, lemmas=None) -> Iterator[tuple[int, int]]:
    """A section of an Act written short ("s136", "s.83", "section 7", "S38"): a prefix of the
    rule's, an optional full stop, then a number of at most max_digits digits (and one letter:
    "s31A"). A capital S needs capital_min_digits digits ("S2" is a Scottish school year).
    Found in the text with one pattern built from the rule's prefixes, then mapped to tokens;
    the sections with rules of their own ("s47", "section 20") keep them."""
    pattern = _section_pattern(frozenset(rule.param("prefixes")), int(rule.number("max_digits", 3)))
    capital_least = int(rule.number("capital_min_digits", 2))
    covered = None
    for match in pattern.finditer(doc_text(doc)):
        if match.group("letter") == "S" and len(match.group("number")) < capital_least:
            continue
        span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None:
            continue
        if covered is None:
            covered = {i for s in doc.spans.get(CANDIDATES_KEY, []) for i in range(s.start, s.end)}
        if not any(i in covered for i in range(span.start, span.end)):
            yield span.start, span.end


@lru_cache(maxsize=8)
def _section_pattern(prefixes: frozenset[str], digits: int) -> "re.Pattern[str]":
    """One pattern for all the prefixes: a word may stand apart from its number ("section 7"),
    a letter only against it ("s7", "s.7"), so "Kai's 12" is no section."""
    words = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True) if len(p) > 1) or "(?!)"
    letters = "".join(re.escape(p) for p in prefixes if len(p) == 1) or "(?!)"
    return re.compile(rf"(?<![\w.'’])(?:(?i:{words})\.?\s?|(?P<letter>[{letters}{letters.upper()}])\.?)"
                      rf"(?P<number>\d{{1,{digits}}})[A-Za-z]?(?![\w/])")
