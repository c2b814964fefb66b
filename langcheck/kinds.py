"""Check kinds: the few general algorithms that every rule is an instance of.

As in Vale (`existence`, `substitution`, `occurrence`...) and ruff's table of codes, each kind is
declared once, here: what it finds, the parameters a rule of that kind takes in YAML (checked
when a lexicon loads, so a misspelt key is an error naming the file, the rule and the key), what
it needs from the model, and where its implementation lives. Implementations are imported on
first use, so listing or explaining rules never loads spaCy.

Adding a kind means one `CheckKind` below and its function; rules of the kind are YAML.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Callable, Literal, Mapping


class Needs(IntEnum):
    """What a check reads from the model, in increasing cost (the selective runner sends a
    sentence through the model only when a check that needs more than TOKENS has a cue there)."""

    TOKENS = 0  # word forms and the first pass's sentence cuts
    LEMMAS = 1  # part-of-speech tags and lemmas
    PARSE = 2  # the dependency parse


@dataclass(frozen=True)
class Param:
    """One YAML parameter of a check kind."""

    type: Literal["words", "number", "patterns"]
    help: str
    required: bool = False
    # For "number": the allowed range, inclusive.
    minimum: float | None = None
    maximum: float | None = None
    # A word list whose words mark a sentence that needs the model: True in any inflection,
    # "participle" only as past participles (the verbs of a passive: "reviewed", not "review").
    cue: bool | str = False


Scope = Literal["span", "note", "metadata"]


@dataclass(frozen=True)
class CheckKind:
    name: str
    scope: Scope  # span: offsets in the text; note: one finding per note; metadata: from the caller's data
    needs: Needs
    help: str
    implementation: str | None  # "module:function", imported on first use
    params: Mapping[str, Param] = field(default_factory=dict)
    # Phrase rules with other senses to decide, or labels whose negation matters, need the parse.
    needs_parse_when: Callable[[Any], bool] | None = None
    # Cue words from a resource rather than the rule's params (a polarity lexicon), by rule.
    more_cues: Callable[[Any], frozenset[str]] | None = None
    # "module:function(rule, text) -> bool": a cheap test of a note's text, before any model has
    # run, of whether the kind's cues matter in it at all (the child's voice: not in a note whose
    # heading says it is a phone call). None: they always do.
    relevant: str | None = None

    def relevance(self, rule, text: str) -> bool:
        fn = _functions.get(self.name + ":relevant")
        if fn is None:
            module, _, attr = (self.relevant or "").partition(":")
            fn = _functions[self.name + ":relevant"] = getattr(importlib.import_module(module), attr)
        return fn(rule, text)

    def needs_for(self, rule) -> Needs:
        if self.needs_parse_when is not None and self.needs_parse_when(rule):
            return Needs.PARSE
        return self.needs

    def cue_words(self, rule) -> frozenset[str]:
        """The rule's words that mark a sentence needing the model (base forms)."""
        return frozenset().union(*(words for words, _ in self.cue_groups(rule)))

    def cue_groups(self, rule) -> list[tuple[frozenset[str], bool | str]]:
        """The cue words by the forms they count in (True: any; "participle")."""
        if self.needs_for(rule) == Needs.TOKENS:
            return []
        groups = [(rule.param(k), p.cue) for k, p in self.params.items() if p.cue]
        if self.more_cues is not None:
            groups.append((self.more_cues(rule), True))
        return groups

    @property
    def function(self) -> Callable:
        fn = _functions.get(self.name)
        if fn is None:
            module, _, attr = (self.implementation or "").partition(":")
            fn = _functions[self.name] = getattr(importlib.import_module(module), attr)
        return fn


_functions: dict[str, Callable] = {}


def _words(help: str, *, required: bool = False, cue: bool = False) -> Param:
    return Param("words", help, required=required, cue=cue)


def _patterns(help: str) -> Param:
    return Param("patterns", help)


def _number(help: str, minimum: float, maximum: float) -> Param:
    return Param("number", help, minimum=minimum, maximum=maximum)


def _polar_words(rule) -> frozenset[str]:
    from .strengths import positive_words  # reads the polarity lexicon, only when a pipeline is built

    return positive_words(rule)


def _trait_cues(rule) -> frozenset[str]:
    from .labels import trait_words

    # (and a prefix the tokenizer splits off with its hyphen, "non-communicative": its sentence needs the parse)
    return (trait_words(rule) - rule.param("states")) | {p for p in rule.param("negative_prefixes") if len(p) > 2}


def _phrase_needs_parse(rule) -> bool:
    from .lexicon import Senses  # the loader imports this module; the data class is its own

    return rule.senses != Senses() or rule.category in ("critical_label", "doubt")


KINDS: dict[str, CheckKind] = {k.name: k for k in [
    CheckKind(
        "phrase", "span", Needs.TOKENS,
        "Lexicon phrases, each word matched on its lemma or lower-case form (token trie), then "
        "filtered by context: quoted, mentioned, another sense, a thing rather than a person.",
        None,  # the lexicon matcher component itself
        needs_parse_when=_phrase_needs_parse,
    ),
    CheckKind(
        "hedge", "span", Needs.PARSE,
        "A hedging verb used as a hedge ('appeared tired'), not in another sense ('appeared at "
        "the door'); with group_subjects, an opinion verb whose subject is an unnamed group.",
        "langcheck.vague:hedges",
        {"verbs": _words("the hedging or opinion verbs (lemmas)", required=True, cue=True),
         "arrival_sense": _words("words right after the verb that give it the sense 'arrived' or 'is found'"),
         "group_subjects": _words("subjects that are a group rather than a person who can be asked")},
    ),
    CheckKind(
        "agentless_passive", "span", Needs.PARSE,
        "A passive with no agent ('it was agreed', 'concerns were raised'), unless the sentence "
        "names who acted ('by', 'between', 'with') or the modal makes it a possibility.",
        "langcheck.vague:agentless_passives",
        {"verbs": _words("the verbs whose agentless passive hides who acted (lemmas)", required=True, cue="participle"),
         "light_verbs": _words("verbs that hide an actor only with a noun of an act as the subject ('a referral was "
                               "made') or a state as complement ('was made aware')", cue="participle"),
         "act_nouns": _words("nouns of an act whose passive light verb hides who acted ('a referral has been made')"),
         "light_states": _words("complements of a passive light verb that hide who acted ('has been made aware')"),
         "hearsay_verbs": _words("verbs that hide whose knowledge it is only with a to-infinitive ('is known to be "
                                 "volatile'; not 'known to police')", cue="participle"),
         "hearsay_to_be_only": _words("of those, the ones that hide it only before 'to be' or 'to have' ('is "
                                      "reported to be drinking'; not 'seen playing')"),
         "passive_only_hearsay": _words("hearsay verbs that take a to-infinitive only in the passive, so a note's "
                                        "'Partner believed to have ...' is one, whatever the tagger says"),
         "hearsay_states": _words("verbs of state after a subjectless hearsay verb that make it a passive "
                                  "('thought to be at ...'; not 'said to ring')"),
         "agent_preps": _words("prepositions that introduce who acted"),
         "possibility_modals": _words("modals that make the passive a possibility rather than a hidden actor"),
         "consequence_modals": _words("modals of a consequence ('will be escalated'): with a condition before it, "
                                      "a warning rather than a hidden actor"),
         "condition_marks": _words("conjunctions of a condition ('if', 'unless')"),
         "warning_verbs": _words("verbs of warning and telling whose 'that' clause holds a consequence ('reminded "
                                 "that further missing episodes will be reported'): a warning rather than a hidden actor"),
         "only_with_it": _words("verbs that hide an actor only with the subject 'it' ('it is considered')"),
         "tell_with_clause": _words("verbs of advice that tell, as 'told' does, before a 'that' clause ('was advised "
                                    "that the plan requires ...'): an actor hidden only with 'it' there too"),
         "question_marks": _words("conjunctions of an indirect question ('asked if anyone was hurt'): no act asserted"),
         "negative_subjects": _words("a subject, or its determiner, that denies the act ('neither was hurt', 'no one "
                                     "was injured'): no act asserted"),
         "telegraphic_decisions": _words("verbs of deciding that, opening a sentence with no subject ('Agreed that "
                                         "...'), leave out who decided"),
         "status_complements": _words("complements that make the passive a recorded status ('reported missing')"),
         "status_verbs": _words("verbs with their particle that name a status in the passive ('is looked after')"),
         "obligation_verbs": _words("verbs that in the past tense make a passive infinitive an act that happened "
                                    "('had to be prompted'), not a plan"),
         "perception_verbs": _words("verbs of the recorder's own observation in a note's fragment ('Dog faeces "
                                    "noted in the kitchen'): what was seen, not a hidden actor"),
         "occasion_marks": _words("conjunctions of a time clause whose passive only sets the occasion ('hostile "
                                  "when home conditions were discussed')"),
         "worry_nouns": _words("nouns of a worry whose participle hides who holds it ('dismissive of concerns "
                               "raised at conference'), anywhere in a sentence"),
         "subject_words": _number("the longest subject (in words) the finding includes ('concerns were raised'); "
                                  "a longer one is left for its own words", 1, 20)},
    ),
    CheckKind(
        "empty_evaluation", "span", Needs.PARSE,
        "A verdict with no observation: an evaluating adjective said of an evaluation noun "
        "('home conditions poor'), or a pure verdict as the predicate of any noun ('contact was poor').",
        "langcheck.vague:empty_evaluations",
        {"subjects": _words("nouns that name an evaluation ('conditions', 'presentation')", cue=True),
         "predicate_only": _words("subjects that are empty only as the subject of a verdict ('things')"),
         "adjectives": _words("verdicts said of the subjects", cue=True),
         "any_subject": _words("verdicts empty whatever noun they are said of", cue=True),
         "impression_verbs": _words("verbs of how someone looked, with no hedge rule of their own ('looked')"),
         "nothing_wrong": _words("verdicts after them that only say nothing was wrong ('looked ok')", cue=True),
         "irrealis_words": _words("a modal or conjunction over the verdict that makes it a wish, question or "
                                  "condition, not an observation ('what would make things better')"),
         "negated_verdicts": _words("good words that are a verdict when denied ('not great')", cue=True),
         "copulas": _words("verbs that say what something is ('remains poor')", required=True),
         "as_verbs": _words("verbs whose 'as' gives the verdict ('described as poor', 'flagged as an issue')"),
         "verdict_nouns": _words("worries as what something is ('attendance remains a concern')", cue=True),
         "specifying_preps": _words("prepositions after a verdict noun that say what the worry is ('a concern "
                                    "about his weight')"),
         "change_verbs": _words("changes for the worse said with nothing of what changed ('behaviour has "
                                "deteriorated')", cue=True),
         "explained_by": _words("words after a verdict noun or change that go on to say what it is "
                                "('because', ':')"),
         "counted_by": _words("marks right after a verdict that open a count of how much ('poor (3 of the "
                              "last 6 missed)')")},
    ),
    CheckKind(
        "undefined_acronym", "span", Needs.TOKENS,
        "An acronym the note does not define (Vale's 'conditional'): not allowed as everyday, not "
        "matched by another rule, not spelled out before or where it is used, not a heading in capitals.",
        "langcheck.acronyms:undefined_acronyms",
        {"allowed": _words("everyday abbreviations a family knows (GP, DOB, A&E)"),
         "plain_words": _words("ordinary words that may be written in capitals (NOTE, URGENT)"),
         "small_words": _words("words an acronym's letters skip ('of', 'and')"),
         "endings": _words("endings set aside before the acronym is read ('s, 'd, s)"),
         "min_letters": _number("the fewest letters of an acronym", 1, 10),
         "max_letters": _number("the most letters of an acronym", 1, 20),
         "max_digits": _number("the most digits in an acronym (a code with more is a postcode, road or form)", 0, 10),
         "initials_letters": _number("the letters of people's initials, read as such when listed together "
                                     "('JB, MK'); 0 turns this off", 0, 5),
         "role_reach": _number("how many words before bracketed initials a worker's role may stand ('Manager on "
                               "call (SP)': the initials are that worker's)", 0, 10),
         "heading_share": _number("the share of words in capitals that makes a line a heading", 0, 1),
         "title_letters": _number("the most letters of a role written short before a person's name "
                                  "('DC Simmons', 'TM Colin Ashby'); 0 turns this off", 0, 5),
         "family_nouns": _words("nouns after which a word in capitals is the family's surname ('BRENNAN children')")},
    ),
    CheckKind(
        "section_reference", "span", Needs.TOKENS,
        "A section of an Act written short ('s136', 's.83', 'section 7'), found by its shape: a prefix, "
        "then a number; the sections with rules of their own keep them.",
        "langcheck.acronyms:section_references",
        {"prefixes": _words("what a section's number is written after ('section', 's'); a single letter only "
                            "against the number", required=True),
         "max_digits": _number("the most digits of a section's number", 1, 5),
         "capital_min_digits": _number("the fewest digits after a capital S ('S38'; 'S2' is a school year)", 1, 5)},
    ),
    CheckKind(
        "vague_time", "span", Needs.PARSE,
        "A time noun with a modifier that gives no date or count ('most nights', 'for a long time', "
        "'on a previous occasion', 'on a regular basis'), with no number or definite determiner in its phrase.",
        "langcheck.vague:vague_times",
        {"time_nouns": _words("nouns of time and frequency (night, day, occasion, basis)", required=True),
         "vague_modifiers": _words("modifiers that give no date or count (most, some, previous, regular)",
                                   required=True, cue=True),
         "durations": _words("time nouns that take a length (time, while, period)"),
         "duration_modifiers": _words("lengths with no figure (long, short), said of a duration", cue=True),
         "definite": _words("determiners that point to a time the note gives ('the', 'that')"),
         "reporting_verbs": _words("verbs of a person's account: what they are reported to have said is theirs")},
    ),
    CheckKind(
        "unquantified_count", "span", Needs.PARSE,
        "A count word on a plural noun ('a few sessions', 'several months', 'a couple of times') "
        "with no number in the noun phrase.",
        "langcheck.vague:unquantified_counts",
        {"quantifiers": _words("count words that give no count (few, several, various)", required=True, cue=True),
         "not_counted": _words("nouns after a count word that are no count ('many thanks')"),
         "amount_quantifiers": _words("amount words that are vague on a mass noun too ('some upset', 'some marks')",
                                      cue=True),
         "durations": _words("nouns of a length of time, left to the vague-time check ('some time')"),
         "writer_subjects": _words("subjects that make the clause the writer's own act ('I brought some leaflets')"),
         "reporting_verbs": _words("verbs of a person's account: an amount in what they said is theirs"),
         "question_words": _words("words that make a count word a question ('how many scoops')"),
         "future_spans": _words("words before a count word that make a span ahead ('the next few nights')")},
    ),
    CheckKind(
        "ownerless_opinion", "span", Needs.PARSE,
        "An opinion nobody holds: a noun of opinion with no holder ('The feeling is that', 'There is a view "
        "that', 'Intel suggests', 'Agreement was reached'), or 'It is evident/questionable' before a clause.",
        "langcheck.vague:ownerless_opinions",
        {"opinion_nouns": _words("nouns of an opinion or of what is known ('feeling', 'view', 'intel')",
                                 required=True, cue=True),
         "evidence_verbs": _words("verbs by which information points to something ('suggests', 'indicates')"),
         "stating_verbs": _words("verbs that, passive, state an opinion with no holder ('the view was expressed', "
                                 "'agreement was reached')"),
         "group_holders": _words("groups that are no holder of an opinion ('of the meeting', 'of all agencies')"),
         "certainty_adjectives": _words("adjectives of how sure someone is ('evident', 'questionable')", cue=True),
         "source_preps": _words("prepositions after such an adjective that say whose, or on what ('clear to me', "
                                "'evident from the CCTV')")},
    ),
    CheckKind(
        "vague_trouble", "span", Needs.PARSE,
        "A noun of trouble that does not say what the trouble is ('problems at home', 'health needs').",
        "langcheck.vague:vague_trouble",
        {"trouble_nouns": _words("nouns of trouble", required=True, cue=True),
         "only_with_modifier": _words("trouble nouns that are vague only with a modifier ('health needs')"),
         "specifying_preps": _words("prepositions that can say what the trouble is ('with', 'about')"),
         "vague_objects": _words("objects of those that still do not say what ('at home', 'in general')"),
         "fixed_terms": _words("recognised terms that end in a trouble noun ('special educational needs')"),
         "absence_determiners": _words("determiners that say there is no trouble ('no problems')"),
         "condition_marks": _words("conjunctions of a condition that make the trouble supposed, not found "
                                   "('if there is a problem')")},
    ),
    CheckKind(
        "empty_event_verdict", "span", Needs.PARSE,
        "A verdict on an event or on how someone is doing ('the visit was positive', 'Sam is doing OK') "
        "in a sentence that gives no observation behind it.",
        "langcheck.vague:empty_event_verdicts",
        {"event_subjects": _words("events a verdict is said of (visit, session, contact)"),
         "event_verdicts": _words("verdicts with no content (positive, fine, smoothly)", required=True, cue=True),
         "explained_by": _words("words after the verdict that bring the observation (because, ':')")},
    ),
    CheckKind(
        "trait_label", "span", Needs.PARSE,
        "A judging word said of the child or a family member: an adjective or noun of negative polarity "
        "(VADER's lexicon, or the rule's trait words) as their predicate ('Mum was rude', 'Kai is a liar') "
        "or describing them ('a defiant boy'), or a faculty they are said to lack ('lacks insight'); not a "
        "feeling or passing state ('upset', 'tired').",
        "langcheck.labels:trait_labels",
        {"min_valence": _number("how negative a lexicon word must be to judge (VADER's scale, 0 to 4)", 0, 4),
         "trait_words": _words("judging words the lexicon lacks or undervalues (defiant, obstructive)", cue=True),
         "states": _words("feelings and passing states, not traits (upset, tired, worried)"),
         "other_senses": Param("words", "a trait word with the word after it in another sense ('entitled to "
                               "support': a right, not a trait)"),
         "negative_prefixes": _words("prefixes that make a trait word's opposite: 'not motivated' is 'unmotivated'"),
         "describing_verbs": _words("verbs that say what someone is 'as' ('described him as defiant')"),
         "faculties": _words("what a person's mind is judged to lack ('lacks insight', 'shows no remorse')", cue=True),
         "lacking_verbs": _words("verbs that say a person lacks a faculty by themselves ('lacks')"),
         "faculty_problems": _words("nouns that find a faculty wanting after it ('an attitude problem')"),
         "judged_when_had": _words("faculties that, had with no word saying what kind, are the judgement ('he has "
                                   "an attitude')"),
         "general_nouns": _words("nouns that name no kind of person: a bad word on one judges no one ('the worst "
                                 "thing about home')"),
         "behaviour_nouns": _words("nouns of a person's conduct: a trait word on one judges its owner or the "
                                   "clause's subject ('a history of defiant behaviour')"),
         "scant_words": _words("words that say a faculty is missing or scant ('no', 'little', 'limited')"),
         "fragment_degree_words": _words("degree words that may stand between a person and a trait in a note's "
                                         "verbless line ('Mum v. dismissive')")},
        more_cues=_trait_cues,
    ),
    CheckKind(
        "child_voice", "note", Needs.PARSE,
        "Whether a note about direct work with a child records the child's own view.",
        "langcheck.notelevel:child_voice",
        {"direct_work": _words("headings and note types that record direct work with a child"),
         "weak_direct_work": _words("of those, shorthand that is direct work only when no cue of other work is in the "
                                    "heading ('HV 12/02' against 'HV telephone contact'), and only at the heading's start"),
         "weak_direct_work_openers": _words("words of how a visit was arranged that may stand before that shorthand "
                                            "('Unannounced HV 16:30')"),
         "cause_words": _words("words after which a heading names what led to the work ('HV 22/09 following PPN')"),
         "away_places": _words("places a child said to be at was not there to be seen ('Children at school.')"),
         "away_joiners": _words("the words besides the children's in such a sentence ('both', 'were')"),
         "away_relatives": _words("relative pronouns that say it of a child at a sentence's end ('Leo (9), who was "
                                  "at school')"),
         "away_trailers": _words("words that open a time phrase after the place ('at school during the visit')"),
         "not_seen_verbs": _words("of the in-person verbs, those whose negation says the child was not seen at all"),
         "meetings_about_the_child": _words("of the direct-work cues, meetings and reviews about the child: the "
                                            "child's view is expected even when the note says they were not seen"),
         "type_fields": _words("header fields that name the kind of note, read under a title line ('Visit: 6-8 week "
                               "review')"),
         "meetings_the_child_may_attend": _words("of the headings that are no direct work, meetings that are direct "
                                                 "work when their attendee list names the child ('panel')"),
         "occasion_marks": _words("words that open a time clause: its verb reports nothing, whatever the model hung "
                                  "on it ('When Mum said my name he turned his head')"),
         "birth_fields": _words("fields of a date of birth: a first line that gives one, and no adult's role, is about "
                                "a child even with no name ('DOB 12/01/2025 - 6-8 wk review')"),
         "parent_work": _words("headings of work with the parents, which win over a plain 'session' ('parenting "
                               "group')"),
         "plain_sessions": _words("the direct-work cues that work with the parents wins over ('session')"),
         "before_the_birth": _words("of the headings that are no direct work, work before a birth: at home, a young "
                                    "born child named with an age makes it a visit to them"),
         "born_child_below_age": _number("the age below which a born child named in such a note is one of the family's "
                                         "children rather than the expectant parent", 0, 25),
         "at_home": _words("words in such a note's heading that say the work was at the family's home"),
         "owner_words": _words("possessives: a heading cue after one is a thing someone has ('his phone'), not "
                               "the kind of note"),
         "absent_labels": _words("of the attendee labels, those that list who was not there ('Apologies:')"),
         "child_attendees": _words("words that name the child in an attendee list, beside their name ('YP')"),
         "attending_forms": _words("forms of a verb of coming that, after the child's name, say they came to a "
                                   "meeting they may attend ('JS attended with Dad')"),
         "attending_joins": _words("words that may stand between the child's name and the verb ('Tyler and his "
                                   "mum attended')"),
         "appointments": _words("of the direct-work cues, appointments the child comes to ('appt', 'session')"),
         "no_show": _words("words in an appointment's heading that say the child did not come ('failed to attend')"),
         "no_access": _words("words in a visit's heading that say nobody was seen ('no access', 'no answer')"),
         "not_direct_work": _words("headings and note types that do not (a call, an email, a professionals' meeting)"),
         "in_person_verbs": _words("verbs of being with someone ('visited Sam', 'the children were seen')", cue=True),
         "sighting_words": _words("words that make a verb of seeing a sighting someone reports ('last seen at "
                                  "19:00'), not the writer's contact"),
         "in_person_openings": _words("the same verbs' past forms as a note opens a sentence with them ('Met YP at "
                                      "her flat'), read even when the model takes the capitalised word for a name",
                                      cue=True),
         "participle_forms": _words("of those verbs, the forms that are only past participles: a name before "
                                    "them is who was seen ('Ellie seen, clean and dressed'), however the model tags them"),
         "escort_verbs": _words("verbs of taking a child somewhere, contact when the writer did it ('Collected "
                                "Jayden from school'), not another adult ('Mum collected Sam')", cue=True),
         "remote_words": _words("words of contact at a distance (phone, email)"),
         "conversation_verbs": _words("verbs of talking with someone: in a log, talking with the child, even by "
                                      "phone, is work with them ('02:45 spoke to YP by phone')"),
         "remote_devices": _words("remote words that name a device: contact only after a preposition or before a noun"),
         "email_fields": _words("header fields of an email ('From:', 'Subject:')"),
         "address_fields": _words("of those, the ones that address it ('From:', 'To:'), one of which an email has"),
         "greetings": _words("greetings that open correspondence ('Hi Mel,')"),
         "sign_offs": _words("sign-offs that close correspondence ('Thanks,')"),
         "carer_visits": _words("heading words of a visit to the child's carers, which expects no voice when the "
                                "child was not seen ('Supervisory visit - foster carers')"),
         "not_carer_visits": _words("phrases holding a carer word that name no carer visited: a child who cares "
                                    "('young carer')"),
         "attendee_labels": _words("labels of a meeting's attendee list ('Present:')"),
         "with_words": _words("words after which a heading that names a child was work with them ('Meeting in "
                              "school with Kacper')"),
         "attendee_openings": _words("words that open a meeting's attendee list without a colon ('Attended by "
                                     "Mum, Ellie (14), school')"),
         "family_in_meetings": _words("attendees that make a meeting one with the family"),
         "line_start_patterns": _patterns("a time or a date at the start of a line (a log or a chronology)"),
         "months": _words("month names, for the date patterns"),
         "event_lines": _number("lines starting with a time or date that make a note a log or chronology", 1, 1000),
         "talking_age": _number("below this age in years a child may not talk yet", 0, 10),
         "voice_verbs": _words("verbs of saying, feeling, wishing and choosing", cue=True),
         "speech_openings": _words("past forms of speech verbs opening a note's sentence with no subject ('Said "
                                   "school was boring'), read even when the model takes them for a name", cue=True),
         "observed_verbs": _words("what a child too young to talk can be seen to do", cue=True),
         "clause_only_verbs": _words("voice verbs that give a view only with a clause ('agreed that she wants to "
                                     "stay', not 'agreed to the plan')"),
         "content_only_verbs": _words("verbs that give a view only with what was said ('shouted that he hates it', "
                                      "not 'was shouting at staff')"),
         "clause_breaks": _words("punctuation that ends a clause: a subject across one is the model running two "
                                 "clauses together ('Kayden not at school - mum said ...')"),
         "speech_object_verbs": _words("voice verbs whose object, when they have one, must be something said or "
                                       "felt: a voice or speech noun ('shared her worries', not 'share a bed')"),
         "speech_nouns": _words("what a child can tell besides their views ('shared a story', 'news')"),
         "staff_nouns": _words("the writer and the staff who keep a log, as the object of a child's behaviour ('swore at "
                               "me', 'kicked off at staff'): they were with the child"),
         "towards_preps": _words("prepositions of behaviour aimed at someone ('at', 'towards')"),
         "reporting_words": _words("lemmas of reporting ('Staff report he was aggressive to staff'): behaviour told, "
                                   "not seen"),
         "writer_nouns": _words("how the writer names themselves as the agent of a visit ('seen by this worker'): "
                                "anyone else with the child is no contact of the writer's"),
         "greeting_words": _words("greetings that, said and nothing more, are manners rather than a view ('said "
                                  "hello')"),
         "possibility_modals": _words("modals that make a voice verb a permission or a possibility, not something the "
                                      "child did ('told Marley he can show her any message')"),
         "topic_prepositions": _words("prepositions before a gerund that make the child's act the topic of someone "
                                      "else's clause ('Mum was prompted about Isla climbing'), not something seen"),
         "object_free_verbs": _words("voice verbs that are the child's view only without an object or with a quoted "
                                     "one ('signed \"more\"', not 'signed the behaviour contract')"),
         "reported_behaviours": _words("phrasal verbs (verb and particle) that report behaviour, not an act the "
                                       "writer saw ('kicking off', 'playing up')"),
         "not_speech_objects": _words("objects that make a voice verb no view given ('answered the door')"),
         "not_observing": _words("objects that make an observation verb not about the child's experience"),
         "nothing_wrong_states": _words("complements that make an observation verb a verdict that nothing was "
                                        "wrong ('looked well'), not what the child showed"),
         "not_talking": _words("words that say a child does not use words (observation is their voice at any age)"),
         "too_young_words": _words("words that say a child is too young to talk ('baby', 'babbling'): observation "
                                   "is the voice of a child with no age that says they talk"),
         "impression_verbs": _words("verbs of impression under which a view is someone's impression of the child "
                                    "('he seems to enjoy Cubs')"),
         "feeling_words": _words("feelings that, said plainly of the child, record what they felt ('is worried "
                                 "about moving school')", cue=True),
         "presence_words": _words("words that say a child was there ('the children were present')", cue=True),
         "visit_words": _words("nouns of the writer's visit: a child there during it was there to be seen"),
         "visit_time_preps": _words("prepositions that put a child's whereabouts in the visit's time ('during the "
                                    "visit')"),
         "visit_day_words": _words("words that put a child at home in the visit's own time, without naming the "
                                   "visit ('Nevaeh was at home today', 'were at home throughout')"),
         "home_places": _words("the family's home and its rooms, where a child there at the visit's time was seen"),
         "question_labels": _words("what opens a question line of an interview form ('q.', 'q:')"),
         "answer_labels": _words("what opens its answer line ('a.', 'a:'): a quoted or first-person answer in a "
                                 "note about one child is the child's"),
         "observed_states": _words("states seen in a baby or a child who does not use words ('awake and alert', "
                                   "'content'): said plainly of them, what was observed of their experience"),
         "feeling_copulas": _words("the verbs that say a feeling plainly ('is', 'felt'), not as an impression ('seemed')"),
         "wish_verbs": _words("of the voice verbs, those that are still the child's view when negated ('did not "
                              "want to go to school')"),
         "voice_nouns": _words("the child's view named as a thing ('Sam's wish')", cue=True),
         "refusal_verbs": _words("verbs that say the child would not take part", cue=True),
         "participation_verbs": _words("what a child can decline to do ('did not want to talk')"),
         "next_step_verbs": _words("what the writer will do next after a refusal ('I will try again')"),
         "writer_words": _words("the writer as a subject ('I', 'we')"),
         "gathered_by": _words("ways of gathering a child's view (tools, signs and symbols)")},
        relevant="langcheck.voice:might_expect_voice",
    ),
    CheckKind(
        "strengths_balance", "note", Needs.PARSE,
        "Whether a note that records worries (labels, worry words, negative clauses about the family) "
        "also records a strength: a clause about the child, family or network with a positive predicate.",
        "langcheck.notelevel:strengths_balance",
        {"not_a_record": _words("headings of notes that are not a record of the family's life (a chronology)"),
         "min_valence": _number("the least VADER valence that makes a word positive (or, negated, negative)", 0, 4),
         "min_worry_valence": _number("how negative a word must be to make its sentence a worry by itself, "
                                      "whatever its part in the clause", 0, 4),
         "min_worries": _number("how many worry sentences make a note one of worries when none of them judges "
                                "the family (a label, a negative clause about the child or a family member)", 1, 20),
         "strength_words": _words("words of strength the polarity lexicon lacks or undervalues", cue=True),
         "negating_verbs": _words("verbs, and adjectives before 'to', that turn their complement round ('stopped "
                                 "drinking', 'refused to go', 'unlikely to engage')"),
         "refusal_verbs": _words("of those, the ones that are a worry by themselves ('Sam refused')"),
         "pending_words": _words("good words with a second sense, pending, when said of a task or a debt "
                                 "('immunisations are outstanding')"),
         "pending_things": _words("tasks and debts of which those words mean pending"),
         "occasion_marks": _words("conjunctions of a time clause, which sets an occasion and gives no verdict"),
         "request_verbs": _words("verbs of asking for something: how often it is asked for is no consistency "
                                 "('requesting respite 4 nights per month')"),
         "sleep_verbs": _words("verbs that at a clock time or with a sleep word say the child fell asleep "
                               "('settled at 01:30'): no strength"),
         "sleep_words": _words("words of sleep that make a sleep verb's clause about falling asleep ('settled to bed')"),
         "cause_marks": _words("conjunctions of a clause of cause, which joined to a worry is part of it ('can't "
                               "sleep because his brothers share his room')"),
         "one_off_acts": _words("acts that, listed under a strengths heading with nothing more, are one-off "
                                "cooperation ('attended today's review')"),
         "result_words": _words("words that after a test ('tested positive for') give its result, no verdict"),
         "test_words": _words("nouns and verbs of a test, whose result those words give"),
         "good_results": _words("the result words that are good news of a test of a family member ('her tests "
                                "were negative'): a strength"),
         "service_heads": _words("words that end a service's name ('drug and alcohol service'): the worry words "
                                 "before them name what it works on, no worry of the family's"),
         "service_joins": _words("words that join the worries a service's name says it works on ('drug and "
                                 "alcohol service')"),
         "impression_verbs": _words("verbs of impression that with a welfare word only say nothing was wrong "
                                    "('appeared safe and well')"),
         "welfare_words": _words("words of a welfare check's verdict ('safe', 'well')"),
         "cooperation_verbs": _words("verbs that, agreed to, are cooperation with the worker ('agreed to talk'), "
                                     "not an undertaking"),
         "periods": _words("phrases of a period that after a count make it kept up ('three mornings a week')"),
         "times_words": _words("words of how many times that count like a number ('twice a month')"),
         "occasion_words": _words("what a count in every period counts when it is of occasions ('three mornings a "
                                  "week'), not an amount ('4 bottles a day')"),
         "progress_measures": _words("measures of progress a child goes up ('moved up two reading levels')"),
         "view_verbs": _words("verbs of view whose negation carries into their complement ('is not felt to be "
                              "consistent')"),
         "nothing_wrong": _words("words that only say nothing was wrong (not strengths)"),
         "not_yet": _words("words that make a predicate not yet done ('needs to', 'should')"),
         "setting_relatives": _words("relative words of a clause that says where ('the garden where Ellis plays'): "
                                     "a setting, not a verdict"),
         "family_places": _words("the family's home and its rooms: a clearly negative word said of them is a worry "
                                 "about the family ('House messy again')"),
         "past_when_negated": _words("of the not_yet modals, those that negated tell what happened ('Skye "
                                     "wouldn't settle')"),
         "conditions": _words("conjunctions of a condition, not yet true ('if he is calmer')"),
         "writers_hopes": _words("verbs of the writer's hope or expectation: their complement is not yet done"),
         "doubted_reports": _words("verbs that report an account as unconfirmed ('claim'): their complement is "
                                   "not a strength the record shows"),
         "factive_verbs": _words("verbs of knowing ('know', 'hear'): their complement is a fact even under 'to' "
                                 "('wanted me to know that ...')"),
         "feared_by": _words("words of fear ('worried', 'scared'): what their complement says is feared, part of "
                             "the worry, not a strength"),
         "change_verbs": _words("verbs of starting or changing something ('started a bedtime routine')", cue=True),
         "care_verbs": _words("verbs of caring for a child ('reads to her', 'helped him with his homework'): done "
                              "for a child by a family member or the network, a strength", cue=True),
         "using_verbs": _words("verbs of putting a plan or a routine to use ('has used her calm-down plan'): done by "
                               "the family, effort towards change", cue=True),
         # (no cue: the care nouns' forms are the care verbs' cues already)
         "receiving_verbs": _words("verbs of having care from someone ('has support from her nan')"),
         "care_nouns": _words("nouns of care had from the family or the network ('support', 'help')"),
         "care_sources": _words("who, besides the family, gives care a child or a parent has ('friends', "
                                "'neighbours')"),
         "offer_verbs": _words("verbs of offering care ('Nan has offered to have the children'): done by the network "
                               "for a child, a strength", cue=True),
         "care_prepositions": _words("prepositions whose object is the one cared for ('to her', 'with him')"),
         "routines": _words("a child's routines: a family member who starts or changes one makes an effort"),
         "decrease_verbs": _words("verbs (with a particle: 'go down') that say a worry lessened ('her nightmares "
                                  "have gone down')", cue=True),
         "correction_verbs": _words("verbs of a professional correcting someone: a family member who had to be "
                                    "corrected ('had to be prompted', 'reminded of the agreement') is a worry",
                                    cue=True),
         "pro_verbs": _words("verbs that stand for an act told elsewhere with a pro-form object ('does this')"),
         "pro_forms": _words("objects that stand for an act told elsewhere ('this', 'that'): 'he does this every "
                             "stay' is kept up, but is no strength by itself"),
         "adverb_suffixes": _words("suffixes that make a manner adverb of an adjective: 'engaged poorly' weighs "
                                   "'poor', a good act done badly"),
         "single_counts": _words("determiners of one thing: a worry not done even once is kept up ('has not missed "
                                 "a day', 'has not missed a single session')"),
         "sustained_markers": _words("words of a span of time: a worry not done over it is kept up ('has not missed a "
                                     "visit since May')"),
         "working_verbs": _words("verbs that say an arrangement works ('the plan is working')", cue=True),
         "working_things": _words("what can be said to work: a plan, a routine, an approach ('the new bedtime plan "
                                  "is working')"),
         "worse_when_down": _words("what is worse gone down ('attendance', 'weight'): a worry with amount_down_verbs"),
         "amount_down_verbs": _words("verbs of an amount gone down ('drop', 'fall', 'go down'): with worse_when_down "
                                     "a worry", cue=True),
         "increase_verbs": _words("verbs (with a particle: 'go up') that say one of the child's arrangements grew "
                                  "('his attendance has gone up')", cue=True),
         "light_verbs": _words("verbs whose object noun is the act itself ('gave him a hug', 'got a merit'): the noun "
                               "carries the verdict"),
         "procedural_verbs": _words("verbs of one-off procedural cooperation ('agreed to the plan'): no verdict of "
                                    "their own"),
         "writer_words": _words("the writer as a subject or object ('I', 'me'): agreeing that they act, or to "
                                "talk to them, is cooperation"),
         "copulas": _words("verbs that link a subject to what it is ('is', 'seemed', 'smelled'): an adverb on one "
                           "says how sure the writer is or how strongly, not how well ('smelled strongly of smoke')"),
         "occurrence_verbs": _words("verbs that only say an arrangement happened ('visit completed'): no verdict on it"),
         "time_words": _words("prepositions and conjunctions of time: a clause that places an event"),
         "consistency": _words("words that make an action consistent ('every day', 'on time')", cue=True),
         "count_spans": _words("words of a stretch of time between a count's 'of the' and its total ('9 of the "
                               "last 10 days')"),
         "most_of": _number("the least share of a count ('11 of 12 sessions') that is consistent", 0, 1),
         "good_rates": _words("rates that at or above good_rate are a strength by themselves ('attendance is 98%')"),
         "good_rate": _number("the least share of a good_rates rate that is a strength by itself", 0, 1),
         "help_seeking_verbs": _words("verbs of asking for or contacting help ('contacted', 'asked for')", cue=True),
         "help_sources": _words("what a family member asks for or contacts that makes it a protective act"),
         "future_auxiliaries": _words("auxiliaries of the future: a protective act not yet done ('will contact')"),
         "reciprocals": _words("reciprocal phrases whose consistency word says nothing of how often ('each other')"),
         "arrangements": _words("the child's arrangements and life ('placement', 'attendance'): clauses about them count"),
         "network_phrases": _words("phrases naming a protective person or arrangement"),
         "worry_words": _words("words that record a worry"),
         "lacking_words": _words("words that say a child went without something ('no', 'without'): before one of "
                                 "the basic_needs, with at most one of lacking_fillers between, a worry"),
         "lacking_fillers": _words("words that may stand between a lacking word and a need ('without any breakfast')"),
         "basic_needs": _words("what a child needs every day ('breakfast', 'coat'): gone without, a worry of neglect"),
         "repeat_words": _words("words that, before one of the clothing words, say the clothes were not changed "
                                "('the same leggings'): a worry"),
         "clothing_words": _words("clothes a child wears ('leggings', 'uniform')"),
         "negators": _words("words that, right before a worry word, undo it ('no concerns')"),
         "pleasantries": _words("pleasantries ('polite'): a strength only after a contrast ('tired but polite')"),
         "contrast_words": _words("words that set what follows against a difficulty ('but', 'although')"),
         "topic_words": _words("words that make what follows the topic of a worry, not a strength ('concerns re: "
                               "support network')"),
         "clause_breaks": _words("punctuation that ends a clause: a subject across one is a misparse ('a few "
                                 "worries about Jade lately - attendance has dropped')"),
         "intensifiers": _words("adjectives of degree, good only on a good noun ('a strong bond', not 'a strong smell')"),
         "degree_heads": _words("words on which an adverb says how much, not how good ('well known to police')"),
         "field_labels": _words("labels of header fields that list people, not how things are ('To:', 'Attendees:')"),
         "admission_verbs": _words("verbs of owning up to something, no verdict of their own ('admits co-sleeping')"),
         "tentative_verbs": _words("complements of agreeing that undertake nothing yet ('agreed to consider')"),
         "faculty_problems": _words("nouns that find a faculty wanting after it ('an attitude problem')"),
         "scant_words": _words("modifiers that say there is too little of a good thing ('minimal progress')"),
         "adequacy_words": _words("degree words that make a good word only adequate ('clean enough')"),
         "question_verbs": _words("verbs of asking: a reaction in a clause of asking ('when asked ..., he "
                                  "laughed') is an answer, the child's voice, not a strength"),
         "honour_verbs": _words("verbs that, passive and for a role or a place, say the person was chosen: an "
                                "achievement ('was picked for the choir')", cue=True),
         "noun_sense_valence": _words("words whose polarity is their noun's ('a treat'): as a verb, neutral"),
         "handing_on": _words("a strength verb's lemma and the particle or preposition that make it a handing on "
                              "('pass to'): no achievement"),
         "own_account_verbs": _words("verbs of saying whose clause, said of the speaker, is their own account"),
         "self_assessments": _words("words of a person's own verdict on how they are doing ('doing her best', "
                                    "'managing'): said of themselves, no strength the record shows"),
         "general_subjects": _words("general subjects that, with one of the arrangements as their place, are the "
                                    "family's life ('things are better at home')"),
         "harmless_phrases": _words("phrases that hold a worry word and are no worry ('the late shift')"),
         "praise_verbs": _words("verbs that, passive, say something good of the one they were done to ('was "
                                "praised by school'); any other good verb done to someone is care given, not theirs"),
         "honour_links": _words("what joins an honour verb to what the person was chosen for ('for', 'as')"),
         "self_words": _words("reflexives that, not an object, stress who did it ('he did it himself'): the child "
                              "or family acting on their own", cue=True),
         "unaided_adverbs": _words("adverbs of doing something unaided ('independently')", cue=True),
         "unaided_marks": _words("words that say what follows was not needed ('without prompting')"),
         "unaided_help": _words("help or prompts gone without: what was done so was done unaided, no negation "
                                "('up for school without prompting every day')"),
         "occupations": _words("work a young person or parent holds ('job', 'apprenticeship'): held, a strength",
                               cue=True),
         "leaving_verbs": _words("verbs of losing or leaving work ('lose', 'quit'): no strength"),
         "hedge_phrases": _words("two-word hedges whose first word the polarity lexicon rates ('kind of'): no "
                                 "verdict"),
         "groups": _words("groups a child or parent takes part in ('club', 'choir'): a place in one is a strength",
                          cue=True),
         "joining_verbs": _words("verbs that, with a group as object, put someone in it ('has joined chess club')"),
         "group_links": _words("prepositions that put someone in a group ('plays for the team', 'is in the choir')"),
         "wish_verbs": _words("verbs of wishing: what they govern is wanted, not done ('wants to join a club')"),
         "directive_verbs": _words("verbs of advising or telling: what a family member is told to do is not done "
                                   "('Mum advised to engage')"),
         "excess_prefixes": _words("prefixes that, before a hyphen, make a word one of excess ('over-reliant')"),
         "strength_headings": _words("headings of a note's section on what is going well ('What's working well:')"),
         "worry_headings": _words("headings of a note's section on its worries ('Worries:'): what stands first "
                                  "under one is a worry"),
         "none_words": _words("first words of a section that says it has nothing in it ('none', 'nil')"),
         "noting_verbs": _words("verbs whose bare participle ends a note's fragment ('Some improvement in "
                                "attendance noted')")},
        more_cues=_polar_words,
    ),
    CheckKind(
        "readability", "note", Needs.TOKENS,
        "The note's reading grade (Automated Readability Index) above Config.max_reading_grade.",
        "langcheck.notelevel:readability",
    ),
    CheckKind(
        "timeliness", "metadata", Needs.TOKENS,
        "Recorded more than the limit of working days after the activity, from the caller's dates.",
        None,  # langcheck.timeliness, called by the service with the dates it is sent
    ),
]}


def validate_params(owner: str, schema: Mapping[str, Param], raw: Any,
                    fail: Callable[[str, str], Exception]) -> dict[str, Any]:
    """Parameters checked against a schema (a check kind's, or a shared data file's): unknown
    keys, wrong types and missing required parameters are errors naming the key."""
    if raw is None:
        raw = {}
    if not isinstance(raw, Mapping):
        raise fail("params", "must be a mapping")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        spec = schema.get(key) if isinstance(key, str) else None
        if spec is None:
            known = ", ".join(sorted(schema)) or "none"
            raise fail(f"params.{key}", f"unknown parameter for {owner} (known: {known})")
        if spec.type == "words":
            if isinstance(value, str):
                value = [value]
            if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
                hint = " (YAML reads a bare yes, no, on or off as true or false: quote it)" if any(
                    isinstance(v, bool) for v in (value if isinstance(value, list) else [])) else ""
                raise fail(f"params.{key}", "must be a non-empty list of words or phrases" + hint)
            out[key] = tuple(v.strip().lower() for v in value)
        elif spec.type == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise fail(f"params.{key}", "must be a number")
            if (spec.minimum is not None and value < spec.minimum) or (spec.maximum is not None and value > spec.maximum):
                raise fail(f"params.{key}", f"must be between {spec.minimum} and {spec.maximum}")
            out[key] = value
        elif spec.type == "patterns":
            if not isinstance(value, list) or not value or not all(isinstance(p, (list, str)) for p in value):
                raise fail(f"params.{key}", "must be a list of token patterns")
            out[key] = value
    for key, spec in schema.items():
        if spec.required and key not in out:
            raise fail(f"params.{key}", f"required by {owner}")
    return out
