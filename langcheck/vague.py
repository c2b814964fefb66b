"""Vague language found from the dependency parse: hedges, agentless passives and empty
evaluations (check kinds declared in langcheck/kinds.py). Word lists come from the rules'
`params` in lexicons/vague.yaml; the parse decides whether a word is used in the vague way
("appeared upset" vs "appeared at the door", "it was agreed" vs "it was agreed between Mrs
Patel and me").

Each finder takes (doc, rule, lemma index) and yields token ranges; the span-checks component
adds them as candidates next to the lexicon matcher's, so the same context rules (quotes,
mentions) apply to both.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterator

from spacy.attrs import LEMMA, LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from .lexicon import Rule, quote_pairs


def lemma_index(doc: Doc, words: frozenset[str] | None = None) -> dict[str, list[int]]:
    """Lower-case lemma -> the tokens that have it, in order (only the lemmas in `words`, when
    given). Each check then looks only at the tokens of its own words: one string per distinct
    lemma, not one per token and rule."""
    strings = doc.vocab.strings
    lowers, lemmas = (col.tolist() for col in doc.to_array([LOWER, LEMMA]).T)
    if words is None:
        lower_of = {h: strings[h].lower() for h in set(lemmas)}
    else:
        # A lemma that is some token's lower-case form is already lower case, so its hash says
        # whether it is one of the words; only the others ("Home" as a proper noun) need
        # their string.
        hashed = _hashed(words)
        distinct = set(lemmas)
        lower_of = {h: hashed[h] for h in hashed.keys() & distinct}  # (iterates the smaller: the note's)
        for h in distinct.difference(lowers):
            if h not in lower_of:
                low = strings[h].lower()
                if low in words:
                    lower_of[h] = low
    index: dict[str, list[int]] = {}
    for i in [i for i, h in enumerate(lemmas) if h in lower_of]:
        index.setdefault(lower_of[lemmas[i]], []).append(i)
    if words is not None:
        # Where the lemmatizer gave back the word itself ("appeared" read as an auxiliary keeps
        # "appeared"), an inflection of one of the words still counts as that word.
        forms = _inflected(words)
        present = forms.keys() & set(lowers)  # set operations in C: most notes hold none
        for i in [i for i, low in enumerate(lowers) if low in present and lemmas[i] == low] if present else ():
            base = forms[lowers[i]]
            if i not in index.get(base, ()):
                index.setdefault(base, []).append(i)
                index[base].sort()
    return index


@lru_cache(maxsize=64)
def _inflected(words: frozenset[str]) -> dict[int, str]:
    """Hash of an inflected form -> its base word, for the words' regular inflections."""
    from .components import _inflections

    return {hash_string(f): w for w in words for f in _inflections(w) if f != w}


@lru_cache(maxsize=64)
def _hashed(words: frozenset[str]) -> dict[int, str]:
    """Hash -> word for a check's word list, made once per list (a string's hash is the same
    in every StringStore)."""
    return {hash_string(w): w for w in words}


def _tokens_with_lemma(doc: Doc, words: frozenset[str], lemmas: dict[str, list[int]] | None) -> Iterator[Token]:
    if lemmas is None:
        lemmas = lemma_index(doc, words)
    for i in sorted(i for w in words & lemmas.keys() for i in lemmas[w]):
        yield doc[i]


def hedges(doc: Doc, rule: Rule, lemmas: dict[str, list[int]] | None = None) -> Iterator[tuple[int, int]]:
    """"appeared tired", "seemed happy", "appears to be settling"; not "appeared at the door".

    With `group_subjects` in its params, the same kind finds an opinion verb whose subject is
    a group ("professionals felt", "staff think").
    """
    verbs = rule.param("verbs")
    arrival = rule.param("arrival_sense")  # "appear" only: the words after it that mean "arrived"
    groups = rule.param("group_subjects")  # "Professionals felt": whose view is it?
    for tok in _tokens_with_lemma(doc, verbs, lemmas):
        if tok.pos_ not in ("VERB", "AUX") and tok.lemma_.lower() in verbs:
            continue  # (an inflection the tagger misread keeps its own lemma: "..., appeared content")
        if groups:
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.lower_ in groups and not any(
                    c.dep_ in ("poss", "compound") or c.pos_ == "PROPN" for c in subject.children) \
                    and any(c.dep_ == "ccomp" for c in tok.children):
                # an opinion is a clause held ("school feel she is at risk"), not a
                # likeness ("school felt like a prison")
                yield subject.left_edge.i, tok.i + 1
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if tok.lemma_.lower() == "appear":
            if nxt is None or nxt.is_punct or nxt.lower_ in arrival:
                continue
        yield tok.i, tok.i + 1


def _told_as_a_warning(verb: Token, warning_verbs: frozenset[str]) -> bool:
    """A clause that is what someone was reminded, warned or told of, or one joined to it; a
    "that" clause the model joined to the telling verb itself is one too ("reminded of the
    curfew and that further missing episodes will be reported")."""
    clause = verb
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        if clause.head.lemma_.lower() in warning_verbs and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            return True
        clause = clause.head
    return clause.dep_ == "ccomp" and clause.head.lemma_.lower() in warning_verbs


def _says_none(noun: Token, rule: Rule) -> bool:
    """Whether a passive's subject says there was none ("no one was hurt", "No safeguarding
    concerns identified"), so no act and no actor is hidden. A bare worry is the exception:
    "No concerns raised." says neither what was looked for nor who looked."""
    if not any(c.dep_ == "det" and c.lower_ in rule.param("negative_subjects") for c in noun.children):
        return False
    bare_worry = (noun.lower_ in rule.param("worry_nouns") or noun.lemma_.lower() in rule.param("worry_nouns")) \
        and not any(c.dep_ in ("amod", "compound", "nmod") for c in noun.children)
    return not bare_worry


def agentless_passives(doc: Doc, rule: Rule, lemmas: dict[str, list[int]] | None = None) -> Iterator[tuple[int, int]]:
    """"It was agreed", "concerns were raised", "would be looked into": who acted is hidden.

    Not a finding when the sentence names the agent: "by the school nurse", "between Mrs
    Patel and me", "with Mum".
    """
    verbs = rule.param("verbs")
    agent_preps = rule.param("agent_preps")
    only_with_it = rule.param("only_with_it")
    decisions = rule.param("telegraphic_decisions")
    hearsay = rule.param("hearsay_verbs") or frozenset()
    passive_only = rule.param("passive_only_hearsay")
    states = rule.param("hearsay_states")
    negatives = rule.param("negative_subjects")
    light = rule.param("light_verbs")
    for tok in _tokens_with_lemma(doc, verbs | hearsay | light, lemmas):
        if tok.lemma_.lower() in light and not _light_act(tok, rule):
            continue
        if tok.lemma_.lower() in hearsay:
            # "is known to be volatile", "known to associate with older males": whose knowledge,
            # resting on what? Not "known to police" (whom the person is known to).
            xcomp = next((c for c in tok.children if c.dep_ == "xcomp" and c.i > tok.i), None)
            if xcomp is not None and tok.lemma_.lower() in rule.param("hearsay_to_be_only") and not (
                    xcomp.lemma_ in states and any(c.dep_ == "aux" and c.lower_ == "to" for c in xcomp.children)):
                xcomp = None  # "seen playing", "reported to police": not "seen to be low", "reported to have"
            # a passive the tagger read as a past tense: "Partner believed to have ...", or with no
            # subject, "..., thought to be at his mother's" (not "Said to ring her", the writer's act)
            misread = tok.tag_ == "VBD" and xcomp is not None and not any(
                c.dep_ in ("dobj", "aux") for c in tok.children) and (
                tok.lemma_.lower() in passive_only or (
                    xcomp.lemma_ in states and not any(c.dep_ == "nsubj" for c in tok.children)))
            if xcomp is not None and (tok.tag_ == "VBN" or misread):
                if not any(c.dep_ == "auxpass" for c in tok.children):
                    # a note's fragment or a reduced clause: "Known to be associating with ...",
                    # "Dad not present, thought to be at his mother's"
                    yield tok.i, tok.i + 1
                    continue
            elif tok.lemma_.lower() not in verbs:
                continue
        if tok.lemma_.lower() in decisions and tok.dep_ == "ROOT" and tok.tag_ in ("VBD", "VBN") \
                and _opens_sentence(tok) and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "auxpass")
                                                     and c.i < tok.i for c in tok.children) \
                and not any(t.lower_ in ("i", "we") for t in tok.sent):
            # a note's "Agreed that ...", "Decided to close": who decided is left out (not where
            # the sentence names the writer as a party: "Agreed that we will meet on Friday";
            # not a section's label, "Agreed:", nor with its parties, "Agreed with Nadia")
            if not (tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":") and not any(
                    c.dep_ in ("prep", "agent") and c.lower_ in agent_preps for c in tok.children):
                yield tok.i, tok.i + 1
            continue
        if tok.tag_ == "VBD" and tok.lemma_.lower() not in only_with_it and not any(
                c.dep_ in ("dobj", "ccomp", "xcomp") for c in tok.children):
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.i == tok.i - 1 and subject.lower_ in rule.param("worry_nouns") \
                    and not _says_none(subject, rule) \
                    and not any(c.dep_ == "prep" and c.lower_ in agent_preps for c in tok.children):
                # "Concerns raised about his weight" read as a past tense: a worry raises nothing,
                # so it is a note's passive, and who raised it is left out
                yield subject.left_edge.i, tok.i + 1
                continue
        if tok.tag_ != "VBN":
            continue
        children = list(tok.children)
        if tok.dep_ == "acl" and tok.head.dep_ == "ROOT" and tok.head.i == tok.i - 1 and tok.head.pos_ == "NOUN" \
                and not any(c.dep_ == "agent" for c in children):
            if _says_none(tok.head, rule):
                continue  # "No safeguarding concerns identified": none, so no one hidden
            if tok.lemma_.lower() in only_with_it:
                continue  # "Leaflets given": the recorder gave them
            if tok.lemma_.lower() in rule.param("perception_verbs") and tok.head.lower_ not in rule.param("worry_nouns"):
                continue  # "Dog faeces noted in the kitchen": what the recorder saw (not "concerns noted")
            yield tok.head.left_edge.i, tok.i + 1  # a note's fragment: "Advice given", "Concerns raised"
            continue
        if tok.dep_ == "acl" and tok.head.i == tok.i - 1 and tok.head.lower_ in rule.param("worry_nouns") \
                and tok.lemma_.lower() not in only_with_it \
                and not _says_none(tok.head, rule) \
                and not any(c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ in agent_preps) for c in children):
            # a worry's participle anywhere: "dismissive of concerns raised at conference" (not
            # "no concerns raised", which says there were none)
            yield tok.head.i, tok.i + 1
            continue
        auxes = [c for c in children if c.dep_ in ("auxpass", "aux") and c.i < tok.i]
        if not any(c.dep_ == "auxpass" for c in children):
            continue
        if auxes and all(a.tag_ == "VBG" for a in auxes):
            # "being" with no finite auxiliary: a gerund inside a phrase ("after being assaulted",
            # "result in the case being escalated") names an event, and a note's "Baby being
            # monitored for NAS", "meds being given as prescribed" an ongoing routine; neither
            # records a decision whose maker is hidden ("is being looked into" does)
            continue
        if any(c.dep_ == "agent" for c in children) or any(
                t.lower_ == "by" and t.dep_ in ("agent", "prep") and _by_of(tok, t)
                and any(_names_someone(g) for g in t.children if g.dep_ == "pobj") for t in tok.subtree):
            continue  # "was described as defiant by his teacher": the agent hung on the complement
        if any(c.dep_ == "aux" and c.lower_ in rule.param("possibility_modals") for c in children):
            continue  # "it can be shared", "this may be considered": a possibility, not a hidden actor
        if any(c.dep_ == "aux" and c.lower_ in rule.param("consequence_modals") for c in children) and any(
                t.lower_ in rule.param("condition_marks") for t in doc[tok.sent.start:tok.i]):
            continue  # "if there are further incidents the case will be escalated": a warning, no act yet
        if any(c.dep_ == "aux" and c.lower_ in rule.param("consequence_modals") for c in children) \
                and _told_as_a_warning(tok, rule.param("warning_verbs")):
            continue  # "reminded that further missing episodes will be reported": what they were warned of
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in children) and not (
                tok.dep_ == "xcomp" and tok.head.tag_ == "VBD" and tok.head.lemma_.lower() in rule.param("obligation_verbs")):
            continue  # "a meeting to be arranged": a plan, not an act whose actor is hidden ("had to be
            # prompted" is one that happened)
        if any(c.dep_ in ("oprd", "xcomp", "acomp") and c.lower_ in rule.param("status_complements") for c in children):
            continue  # "Kai was reported missing": a status the police record, not a hidden decision
        if tok.i + 1 < len(doc) and f"{tok.lemma_.lower()} {doc[tok.i + 1].lower_}" in rule.param("status_verbs"):
            continue  # "Jack is looked after": a child's legal status, not a hidden act
        if any(c.dep_ == "mark" and c.lower_ in rule.param("question_marks") for c in children) or any(
                c.dep_ in ("nsubjpass", "nsubj") and c.tag_ == "WP" and c.lower_ in rule.param("question_marks")
                for c in children):
            # "I asked if anyone was hurt": a question asserts no act, so hides no actor; nor does
            # "I explained what was decided", which names the decision the sentence goes on to give
            continue
        subject_tok = next((c for c in children if c.dep_ in ("nsubjpass", "expl")), None)
        # A worry as the subject hides who holds it, whatever the verb: "Worries were shared about
        # a new partner", "concerns were discussed with ward staff" (whose worries?)
        worry = subject_tok is not None and (subject_tok.lower_ in rule.param("worry_nouns")
                                             or subject_tok.lemma_.lower() in rule.param("worry_nouns"))
        if tok.dep_ == "advcl" and not worry and any(
                c.dep_ in ("mark", "advmod") and c.lower_ in rule.param("occasion_marks") for c in children):
            # "hostile when home conditions were discussed": the occasion, with the writer as its
            # actor (not "defensive when concerns were raised": whose concerns?)
            continue
        if any(c.dep_ == "preconj" and c.lower_ in negatives for c in children) or (
                subject_tok is not None and (subject_tok.lower_ in negatives or _says_none(subject_tok, rule))):
            continue  # "police confirm neither was hurt": no act asserted, so no actor hidden
        informing = tok.lemma_.lower() in rule.param("tell_with_clause") and any(c.dep_ == "ccomp" for c in children)
        # "is considered to be at risk" is a view whose holder is hidden, as "is known to be" is
        judged = tok.lemma_.lower() in hearsay and any(c.dep_ == "xcomp" and c.i > tok.i for c in children)
        if (tok.lemma_.lower() in only_with_it or informing) and (subject_tok is None or subject_tok.lower_ != "it") \
                and not worry and not judged:
            # "is being considered" is a plan; "it is considered that ..." hides who. "Mum was
            # advised that the plan requires ..." tells her something, as "was told that" does.
            continue
        if any(c.dep_ == "prep" and c.lower_ in agent_preps and (not worry or c.lower_ == "by")
               and any(g.dep_ == "pobj" for g in c.children) for c in children):
            continue
        subject = next((c for c in children if c.dep_ in ("nsubjpass", "expl")), None)
        start = min([tok.i] + [a.i for a in auxes])
        if subject is not None and (subject.lower_ == "it" or subject.i == start - 1 or
                                    subject.right_edge.i == start - 1) \
                and (subject.lower_ == "it" or start - subject.left_edge.i <= rule.number("subject_words", 3)):
            # a short subject is part of the phrase ("concerns were raised"); a long one has its
            # own words to weigh ("some issues with Cai's behaviour in school | were discussed")
            start = subject.left_edge.i if subject.lower_ != "it" else subject.i
        end = tok.i + 1
        prt = [c for c in children if c.dep_ in ("prt",) or (c.dep_ == "prep" and c.i == tok.i + 1 and
                                                              not list(c.children))]
        if prt:
            end = max(end, max(p.i for p in prt) + 1)
        yield start, end


def _light_act(verb: Token, rule: Rule) -> bool:
    """A light verb's passive that names an act: "a referral has been made" (someone referred),
    "the school has been made aware" (someone told them); not "Amara was made captain"."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is not None and subject.lemma_.lower() in rule.param("act_nouns"):
        return True
    return any(c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ in rule.param("light_states") for c in verb.children)


def _complement(verb: Token) -> set[int]:
    """The verb and the words of its "as" or predicative complement ("described as defiant")."""
    out = {verb.i}
    for c in verb.children:
        if (c.dep_ == "prep" and c.lower_ == "as") or c.dep_ in ("advcl", "oprd", "acomp", "xcomp"):
            out |= {t.i for t in c.subtree if t.dep_ not in ("relcl", "ccomp")}
    return out


def _by_of(verb: Token, by: Token) -> bool:
    """Whether a "by" phrase is the verb's agent where the parse hung it elsewhere: on the
    verb's complement ("described as defiant by his teacher") or on the object of the verb's
    own preposition ("referred to MASH on 12/03 by the police")."""
    head = by.head
    if head.i in _complement(verb):
        return True
    if not (head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.i == verb.i):
        return False
    # only a named agent, not a time: "reviewed on Monday by the end of the day"
    from .people import people_data

    professionals = people_data().professional_nouns
    return any(g.dep_ == "pobj" and (g.pos_ in ("PROPN", "PRON") or g.lower_ in professionals) for g in by.children)


def _names_someone(noun: Token) -> bool:
    """A name, a pronoun or a determined noun ("his teacher", "the school"), not a bare noun of
    manner ("by choice", "by phone")."""
    return noun.pos_ in ("PROPN", "PRON") or any(c.dep_ in ("det", "poss") for c in noun.children)


def _opens_sentence(tok: Token) -> bool:
    """The first word of its sentence, after any bullet or list punctuation."""
    return all(t.is_punct or t.is_space for t in tok.doc[tok.sent.start:tok.i])


def empty_evaluations(doc: Doc, rule: Rule, lemmas: dict[str, list[int]] | None = None) -> Iterator[tuple[int, int]]:
    """"home conditions poor", "presentation was concerning", "room in poor condition",
    "attendance remains a concern", "behaviour has deteriorated"."""
    subjects = rule.param("subjects")
    adjectives = rule.param("adjectives")
    negated = rule.param("negated_verdicts")
    as_verbs = rule.param("as_verbs")
    irrealis = rule.param("irrealis_words")

    def verdict(t: Token, words: frozenset[str] = adjectives) -> bool:
        # "poor", or a good word denied: "Home conditions not great"
        return _said(t, words) or (_said(t, negated) and _negated(t))

    for tok in _tokens_with_lemma(doc, subjects, lemmas):
        if tok.pos_ not in ("NOUN", "PROPN") and tok.dep_ not in ("nsubj", "nsubjpass") \
                and not any(c.dep_ == "compound" for c in tok.children):
            continue  # (a subject, or a word with a noun modifier, is a noun whatever the tagger said: "Home conds poor")
        left = _compound_start(tok)
        predicate_only = tok.lemma_.lower() in rule.param("predicate_only") or tok.lower_ in rule.param("predicate_only")
        before = doc[tok.i - 1] if tok.i else None
        for child in tok.children:  # "poor condition", "poor home conditions"
            if child.dep_ == "amod" and child.lemma_.lower() in adjectives and not predicate_only:
                yield min(child.i, left), max(child.i, tok.i) + 1
                break
        else:
            if before is not None and before.lower_ in adjectives and before.pos_ == "ADJ" and not predicate_only:
                yield before.i, tok.i + 1  # "a poor state": the words say it when the parse hangs "poor" elsewhere
                continue
            if irrealis and _irrealis(tok, irrealis):
                continue  # "what would make things better": a wish or a question, not a verdict
            adj = _predicate_adjective(tok, verdict, as_verbs)
            if adj is not None and not any(t.is_quote for t in doc[min(tok.i, adj.i):max(tok.i, adj.i)]) \
                    and not _counted(adj, rule):
                yield left, adj.i + 1  # (not a verdict quoted from the family: his home is "mostly good")
    copulas = rule.param("copulas")
    explained, specifying = rule.param("explained_by"), rule.param("specifying_preps")
    for adj in _tokens_with_lemma(doc, rule.param("any_subject") | negated, lemmas):
        if not verdict(adj, rule.param("any_subject")) or adj.dep_ not in ("acomp", "attr", "oprd") \
                or adj.head.lemma_ not in copulas:
            continue
        if any(c.dep_ == "prep" and c.lower_ in specifying for c in adj.children) \
                or (adj.i + 1 < adj.sent.end and doc[adj.i + 1].is_punct and doc[adj.i + 1].lower_ in explained) \
                or _counted(adj, rule):
            # what it is measured against, or a dash or colon right after it that says: "Her
            # account is inconsistent with what she told the school", "is inconsistent - he stated ..."
            continue
        subject = _subject(adj.head)
        if subject is None or subject.pos_ not in ("NOUN", "PROPN") or subject.lemma_.lower() in subjects:
            continue  # no noun said to be poor, or one the subjects above already cover
        own = subject.head == adj.head  # (a subject shared with an earlier verb is that verb's finding)
        yield min(_compound_start(subject), subject.left_edge.i) if own else adj.head.i, adj.i + 1
    yield from _verdict_nouns(doc, rule, lemmas, copulas, as_verbs)
    yield from _changes(doc, rule, lemmas)
    impressions = rule.param("impression_verbs")
    for adj in _tokens_with_lemma(doc, rule.param("nothing_wrong"), lemmas):
        verb = adj.head
        # "Children looked ok", "looked well in himself": how they looked, and only that nothing
        # was wrong (not in someone's quoted words, nor a wish: "if he looks ok")
        if adj.dep_ not in ("acomp", "advmod", "oprd", "attr") or verb.lemma_.lower() not in impressions \
                or not 0 < adj.i - verb.i <= 2 or (irrealis and _irrealis(adj, irrealis)) \
                or any(t.is_quote for t in doc[verb.sent.start:verb.i]):
            continue
        yield verb.i, adj.i + 1


def _said(tok: Token, words: frozenset[str]) -> bool:
    return tok.lower_ in words or tok.lemma_.lower() in words  # (the form too: the lemma of "better" is "well")


def _negated(tok: Token) -> bool:
    """"not great", "isn't good": a negation on the word or on its verb."""
    before = tok.doc[tok.i - 1] if tok.i else None
    return (before is not None and before.dep_ == "neg") or any(
        c.dep_ == "neg" for c in (*tok.children, *(tok.head.children if tok.dep_ in ("acomp", "attr") else ())))


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares as the second of two verbs ("attendance was
    flagged ... and remains poor")."""
    while True:
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None or verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
            return subject
        verb = verb.head


def _counted(verdict: Token, rule: Rule) -> bool:
    """Whether a count follows the verdict in brackets or after a mark, saying how much: "is poor
    (3 of the last 6 missed)"."""
    doc, i = verdict.doc, verdict.i
    return i + 2 < verdict.sent.end and doc[i + 1].text in rule.param("counted_by") and doc[i + 2].like_num


def _verdict_nouns(doc: Doc, rule: Rule, lemmas, copulas: frozenset[str], as_verbs: frozenset[str]) -> Iterator[tuple[int, int]]:
    """"Attendance remains a concern", "was flagged as an issue": a worry as what something is,
    with nothing of what the worry is (not "a concern because ...", nor "no longer an issue")."""
    explained, specifying = rule.param("explained_by"), rule.param("specifying_preps")
    for noun in _tokens_with_lemma(doc, rule.param("verdict_nouns"), lemmas):
        if noun.pos_ != "NOUN" or noun.tag_ == "NNS":
            continue
        if any(c.dep_ in ("poss", "relcl", "acl") or (c.dep_ == "prep" and c.lower_ in specifying)
               or (c.dep_ == "det" and c.lower_ not in ("a", "an")) for c in noun.children):
            continue  # "our main concern", "a concern about his weight", "no issue": said or denied
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "as" and verb.head.lemma_.lower() in as_verbs:
            verb = verb.head  # "flagged as an issue"
            if any(c.dep_ == "agent" for c in verb.children):
                continue  # "flagged by college as a concern": whose worry it is, and the rest is theirs
        elif noun.dep_ not in ("attr", "oprd") or verb.lemma_ not in copulas \
                or any(c.dep_ == "expl" for c in verb.children):
            continue  # ("there is a problem" is the trouble rule's)
        if any(c.dep_ == "neg" for c in verb.children) or _subject(verb) is None:
            continue
        if any(t.lower_ in explained for t in doc[noun.i + 1:noun.sent.end]):
            continue
        top = verb
        while top.dep_ == "xcomp" and top.head.i < top.i:
            top = top.head  # "continues to be a concern"
        yield top.i, noun.i + 1


def _changes(doc: Doc, rule: Rule, lemmas) -> Iterator[tuple[int, int]]:
    """"Her behaviour has deteriorated", "concerns are escalating": a change for the worse in a
    thing, with nothing of what changed (not "... since Christmas: 9 behaviour points", nor "if
    worries escalate"; a person who "escalated" is the hedge and label rules' business)."""
    explained, irrealis = rule.param("explained_by"), rule.param("irrealis_words")
    for verb in _tokens_with_lemma(doc, rule.param("change_verbs"), lemmas):
        if verb.pos_ != "VERB" or any(c.dep_ in ("dobj", "prep") and c.lower_ == "to" or c.dep_ == "dobj"
                                      for c in verb.children):
            continue  # "escalated to the team manager", "escalate it": an act, not a change
        subject = _subject(verb)
        if subject is None or subject.pos_ != "NOUN" or _irrealis(verb, irrealis) \
                or any(c.dep_ == "mark" for c in verb.children) or verb.dep_ in ("advcl",):
            continue
        if any(t.lower_ in explained for t in doc[verb.i + 1:verb.sent.end]):
            continue
        yield min(_compound_start(subject), subject.left_edge.i), verb.i + 1


def _irrealis(tok: Token, words: frozenset[str]) -> bool:
    """Whether the verb of the word's own clause carries a modal or a conjunction of condition
    or question ("would make things better", "if home conditions are poor"); a verb further up
    does not ("asked whether ..., as things have been difficult")."""
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return verb is not None and any(c.dep_ in ("aux", "mark") and c.lower_ in words for c in verb.children)


def _compound_start(tok: Token) -> int:
    start = tok.i
    for child in tok.lefts:
        if child.dep_ in ("compound", "poss") or (child.dep_ == "amod" and child.i == start - 1):
            start = min(start, child.left_edge.i if child.dep_ == "poss" else child.i)
    return start


def _predicate_adjective(subject: Token, verdict: Callable[[Token], bool], as_verbs: frozenset[str]) -> Token | None:
    sent_end = subject.sent.end
    # "Home conditions poor -": a fragment with no verb, the adjective right after the noun.
    for j in range(subject.i + 1, min(sent_end, subject.i + 4)):
        t = subject.doc[j]
        # (a lower-case word is no proper noun, whatever the tagger said: "Home cluttered, dog ...")
        if verdict(t) \
                and (t.pos_ in ("ADJ", "NOUN", "VERB", "ADV") or (t.pos_ == "PROPN" and t.is_lower)):
            return t
        if t.pos_ in ("VERB", "AUX") and t.lemma_ not in ("be", "remain", "find", "seem", "appear", "look", "have"):
            break
        if any(a.i > t.i and verdict(a) for a in t.ancestors):
            continue  # the adjective's own degree words: "Home a bit cluttered"
        if t.pos_ in ("PRON", "PROPN", "NOUN", "DET"):
            break  # "the thing she finds hardest": a clause about someone's view, not a verdict
        if t.text in (",", ";") or t.is_quote or t.lower_ == "of":
            break  # "Kai was at home, fine", "the house of good things", a quotation: not its verdict
    # "home conditions being found to be very poor": the noun's own clause.
    stack = [c for c in subject.children if c.dep_ in ("acl", "relcl")]
    if subject.dep_ in ("nsubj", "nsubjpass"):
        stack.append(subject.head)
    for _ in range(3):  # "were found to be very poor": follow xcomp/acomp a few levels
        nxt = []
        for v in stack:
            for c in v.children:
                if c.dep_ in ("acomp", "attr", "oprd") and verdict(c):
                    return c
                if c.dep_ == "prep" and c.lower_ == "as" and v.lemma_.lower() in as_verbs:
                    said = next((g for g in c.children if verdict(g)), None)
                    if said is not None:
                        return said  # "described as poor"
                if c.dep_ in ("xcomp", "ccomp", "acomp", "attr"):
                    nxt.append(c)
        stack = nxt
    return None


def unquantified_counts(doc: Doc, rule: Rule, lemmas: dict[str, list[int]] | None = None) -> Iterator[tuple[int, int]]:
    """"a few sessions", "several months", "various worries", "a couple of times": a count word on
    a plural noun, with no number in the noun phrase."""
    quantifiers = rule.param("quantifiers")
    uncounted = rule.param("not_counted")
    amounts = rule.param("amount_quantifiers") or frozenset()
    durations = rule.param("durations") or frozenset()
    writers = rule.param("writer_subjects") or frozenset()
    reporting = rule.param("reporting_verbs") or frozenset()
    for tok in _tokens_with_lemma(doc, quantifiers | amounts, lemmas):
        if tok.lower_ in amounts and tok.lower_ not in quantifiers:
            # "some" is vague as a determiner of any common noun, counted or not ("some marks",
            # "some upset"), but not as a pronoun ("some of it") nor in the writer's own act
            # ("I brought some leaflets": what the writer did, not what they found)
            head = tok.head
            if tok.dep_ != "det" or head.pos_ != "NOUN" or head.i < tok.i or head.lemma_.lower() in uncounted | durations:
                continue
            verb = head.head if head.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") else head.head.head
            if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in writers for c in verb.children):
                continue
            if any(doc[i].like_num or doc[i].pos_ == "PROPN" for i in range(tok.i + 1, head.i + 1)):
                continue  # a number, or a named kind that says what ("some Makaton signs")
            if any(t.lower_ == ":" for t in doc[head.i + 1:tok.sent.end]):
                continue  # "some things need sorting: ...": what they are follows
            if _reported(head, reporting):
                continue  # a person's own account: "you said some girls had laughed at you"
            yield tok.i, head.i + 1
            continue
        if tok.tag_ in ("JJR", "JJS"):
            continue  # "would mean fewer injections": a comparison, not a count left out
        if tok.i > 0 and doc[tok.i - 1].lower_ in rule.param("question_words"):
            continue  # "unsure how many scoops she uses": a question, not a count left out
        if tok.i > 0 and doc[tok.i - 1].lower_ in rule.param("future_spans"):
            continue  # "will stay for the next few nights": a span ahead, not events left uncounted
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:  # "a couple of times", "several of the sessions": the noun after "of"
            head = next((g for g in of.children if g.dep_ == "pobj"), None)
            if head is None:
                continue
        elif tok.dep_ in ("amod", "det", "nummod", "quantmod", "advmod", "npadvmod"):
            head = tok.head
        else:
            continue
        if head.tag_ not in ("NNS", "NNPS"):
            continue
        if head.lemma_.lower() in uncounted or head.lower_ in uncounted:
            continue  # "many thanks"
        phrase = range(min(tok.i, head.i), max(tok.i, head.i) + 1)
        if any(doc[i].like_num and doc[i].i != tok.i for i in phrase) or any(
                c.like_num for c in head.children):
            continue  # "a few (3) visits": the number is given
        start = tok.i
        if start > 0 and doc[start - 1].lower_ == "a":
            start -= 1  # "a few", "a couple of"
        yield start, max(tok.i, head.i) + 1


def vague_times(doc: Doc, rule: Rule, lemmas: dict[str, list[int]] | None = None) -> Iterator[tuple[int, int]]:
    """"most nights", "for a long time", "on a previous occasion", "on a regular basis": a time
    noun whose modifier gives no date or count, with no number and no definite determiner in
    its phrase ("the previous week" points to a week the note gives)."""
    nouns, vague = rule.param("time_nouns"), rule.param("vague_modifiers")
    durations, lengths = rule.param("durations"), rule.param("duration_modifiers")
    definite, reporting = rule.param("definite"), rule.param("reporting_verbs")
    for tok in _tokens_with_lemma(doc, vague | lengths, lemmas):
        head = tok.head
        if tok.dep_ not in ("amod", "det", "advmod", "quantmod", "nummod") or head.i == tok.i:
            continue
        noun, form = head.lemma_.lower(), head.lower_
        if tok.lower_ in lengths:
            # a length said of a duration ("for a long time"), not of a day ("a long day"); and
            # of something going on, not of one act seen ("hugged him for a long time")
            if noun not in durations and form not in durations:
                continue
            verb = head.head.head if head.dep_ == "pobj" else head.head
            if verb.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children):
                continue
        elif noun not in nouns and form not in nouns:
            continue
        mods = list(head.children)
        if any(c.like_num or (c.dep_ in ("det", "poss") and c.lower_ in definite) or c.dep_ == "poss"
               for c in mods):
            continue  # "two nights", "the previous week", "his last visit"
        if any(c.dep_ == "prep" and c.lower_ != "of" and any(g.dep_ == "pobj" for g in c.children) for c in mods):
            continue  # anchored: "most nights in January", "some days since the move" (not "of time")
        if head.dep_ == "pobj" and head.head.lower_ == "from":
            continue  # the baseline of a change: "down from most days to once a fortnight"
        if _reported(head, reporting):
            continue  # a person's own account: "she said she has been crying most evenings"
        start = min([tok.i] + [c.i for c in mods if c.dep_ == "det" and c.i < tok.i])
        yield start, max(tok.i, head.i) + 1


def _professional(tok: Token) -> bool:
    from .people import people_data  # the people stage's word lists, only for reported speech

    nouns = people_data().professional_nouns
    return tok.lemma_.lower() in nouns or tok.lower_ in nouns or any(
        c.dep_ == "compound" and c.lower_ in nouns for c in tok.children)


def _reported(tok: Token, reporting: frozenset[str]) -> bool:
    """Whether the token stands in what someone is reported to have said ("she said she has
    been crying most evenings"), up through the clauses it is in."""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("ccomp", "xcomp") and node.head.lemma_.lower() in reporting:
            subject = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
            # a professional's report is the record's own words ("Midwives report Mum has been off
            # the ward for lengthy periods"), as the writer's is
            return subject is None or (subject.lower_ not in ("i", "we") and not _professional(subject))
        node = node.head
    return False


def vague_trouble(doc: Doc, rule: Rule, lemmas: dict[str, list[int]] | None = None) -> Iterator[tuple[int, int]]:
    """"problems at home", "difficulties", "behavioural problems", "health needs": a noun of
    trouble that does not say what the trouble is (no "with his reading", no "such as ...")."""
    nouns = rule.param("trouble_nouns")
    modified_only = rule.param("only_with_modifier")
    places = rule.param("vague_objects")
    specifying = rule.param("specifying_preps")
    fixed = rule.phrases("fixed_terms")
    absent = rule.param("absence_determiners")
    for tok in _tokens_with_lemma(doc, nouns, lemmas):
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.dep_ in ("attr", "acomp", "oprd") and not any(c.dep_ == "expl" for c in tok.head.children):
            continue  # "... remains an issue": the subject says what the issue is ("there were problems" does not)
        window = [t.lower_ for t in doc[max(0, tok.i - 3):tok.i + 2]]
        if fixed.find(window) is not None:
            continue  # "special educational needs", "an EHC needs assessment": a recognised term
        if any(c.dep_ == "det" and c.lower_ in absent for c in tok.children):
            continue  # "no problems", "No problem, I'll come at 2.30": nothing left unsaid
        if _irrealis(tok, rule.param("condition_marks")):
            continue  # "he rings him if there is a problem at home": a trouble supposed, not found
        modifiers = [c for c in tok.children if c.dep_ in ("amod", "compound")]
        if tok.lemma_.lower() in modified_only and not modifiers:
            continue  # "her needs" alone: "health needs" and "additional needs" are the vague ones
        said = False
        for c in tok.children:
            if c.dep_ in ("acl", "relcl", "appos") or (c.dep_ == "prep" and c.lower_ in ("such", "including", "like")):
                said = True
            elif c.dep_ == "prep" and c.lower_ in specifying:
                objects = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
                if any(g.lemma_.lower() not in places for g in objects):
                    said = True  # "problems with his reading"
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if said or (nxt is not None and nxt.text in (":", "(")) or (nxt is not None and nxt.pos_ == "VERB" and nxt.tag_ == "VBG"):
            continue  # "difficulties: ...", "difficulty reading"
        start = min([tok.i] + [m.i for m in modifiers if m.i < tok.i])
        yield start, tok.i + 1


def empty_event_verdicts(doc: Doc, rule: Rule, lemmas: dict[str, list[int]] | None = None) -> Iterator[tuple[int, int]]:
    """"The visit was positive", "contact went smoothly", "Sam is doing OK": a verdict on an
    event or a person's doing, in a sentence that gives no observation behind it."""
    subjects = rule.param("event_subjects")
    verdicts = rule.param("event_verdicts")
    explained = rule.param("explained_by")
    for word in _tokens_with_lemma(doc, verdicts, lemmas):
        verb = word.head
        doing = verb.lemma_.lower() == "do" and verb.tag_ == "VBG"  # "Sam is doing OK"
        if word.dep_ not in ("acomp", "advmod", "attr", "oprd") and not (doing and word.dep_ == "dobj"):
            continue
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None:
            continue
        if not doing and subject.lemma_.lower() not in subjects:
            continue
        sentence = word.sent
        if any(t.lower_ in explained for t in sentence if t.i > word.i):
            continue  # "... positive: Sam showed me ...", "... went smoothly because ..."
        if _quoted(word):
            continue  # 'Aaliyah said contact was "OK"': the verdict is the speaker's own word
        start = subject.left_edge.i if not doing else verb.i
        yield start, word.i + 1


def _quoted(tok: Token) -> bool:
    """Whether a token stands inside quotation marks in its sentence."""
    from .components import quoted_ranges

    sent = tok.sent
    return any(qs <= tok.idx - sent.start_char < qe for qs, qe in quoted_ranges(sent.text, list(quote_pairs())))


def ownerless_opinions(doc: Doc, rule: Rule, lemmas: dict[str, list[int]] | None = None) -> Iterator[tuple[int, int]]:
    """An opinion that nobody holds: a noun of opinion with no holder ("The feeling is that ...",
    "There is a view that ...", "It was the view of the meeting", "Intel suggests ...",
    "Agreement was reached"), or an adjective of how sure someone is, said of a clause with
    no one to be sure ("It is evident there are ...", "It is questionable whether ...")."""
    groups = rule.param("group_holders")
    evidence, stating = rule.param("evidence_verbs"), rule.param("stating_verbs")
    for noun in _tokens_with_lemma(doc, rule.param("opinion_nouns"), lemmas):
        if noun.pos_ not in ("NOUN", "PROPN") or _held(noun, groups):
            continue
        verb, start = noun.head, noun.left_edge.i
        if noun.dep_ in ("nsubj", "nsubjpass"):
            passive = any(c.dep_ == "auxpass" for c in verb.children)
            said = (verb.lemma_ == "be" and any(c.dep_ in ("ccomp", "attr", "acomp") and c.i > verb.i and (
                        c.dep_ == "ccomp" or any(g.lower_ == "that" for g in c.children)) for c in verb.children)) \
                or verb.lemma_.lower() in evidence or (passive and verb.lemma_.lower() in stating)
            if not said or _held(verb, groups, subject=True) \
                    or any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                continue  # (whose, or a plan: "Information to be shared with the school")
            yield start, max(verb.i, noun.i) + 1  # "The feeling is", "Intel suggests", "Agreement was reached"
        elif noun.dep_ in ("attr", "dobj") and verb.lemma_ == "be":
            opener = next((c for c in verb.children if c.dep_ in ("expl", "nsubj") and c.i < verb.i
                           and c.lower_ in ("there", "it")), None)
            if opener is None:
                continue  # "Mum's view is ...", "this is my view": someone's
            end = noun.i + 1
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None:
                end = of.right_edge.i + 1  # "It was the view of the meeting"
            acl = next((c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in evidence), None)
            if acl is not None:
                end = acl.i + 1  # "There is information to suggest"
            yield opener.i, end
    for adj in _tokens_with_lemma(doc, rule.param("certainty_adjectives"), lemmas):
        verb = adj.head
        if adj.dep_ != "acomp" or verb.lemma_ not in ("be", "seem", "appear", "remain"):
            continue
        opener = next((c for c in verb.children if c.dep_ in ("expl", "nsubj") and c.lower_ == "it" and c.i < verb.i), None)
        clause = any(c.dep_ == "ccomp" for c in (*verb.children, *adj.children)) or any(
            t.lower_ in ("that", "whether") for t in doc[adj.i + 1:adj.i + 2])
        sourced = any(c.dep_ == "prep" and c.lower_ in rule.param("source_preps") for c in adj.children)
        if opener is None or not clause or sourced or any(c.dep_ == "neg" for c in verb.children):
            continue  # ("it is clear from the CCTV that ...", "clear to me": whose, or on what)
        yield opener.i, adj.i + 1


def _held(word: Token, groups: frozenset[str], subject: bool = False) -> bool:
    """Whether someone holds the opinion: a possessor ("Mum's view"), a person after "of",
    "from" or "among" ("the view of Dr Shah"), or, for a verb, a holder in its by-phrase
    ("the view was expressed by the school nurse"). A group is no holder ("of the meeting")."""
    for c in word.children:
        if not subject and (c.dep_ == "poss" or (c.dep_ == "compound" and c.lower_ not in groups
                                                 and c.lemma_.lower() not in groups)):
            return True  # "Mum's view", "the SW view"
        if c.dep_ in ("prep", "agent") and c.lower_ in ("of", "from", "among", "by"):
            for holder in (g for g in c.children if g.dep_ == "pobj"):
                if holder.lemma_.lower() not in groups and holder.lower_ not in groups \
                        and (holder.pos_ in ("PROPN", "PRON") or _names_someone(holder)):
                    return True
    return False
