"""Strengths as statements (S001), on the conventions of ANNOTATION.md. Notes written for
these tests."""
from __future__ import annotations

import pytest

import langcheck

def fired(text: str) -> bool:
    # the default rules: the labels they find are worries too
    return any(f.rule == "S001" for f in langcheck.check(text).findings)


@pytest.mark.parametrize("note", [
    # one strength balances the worries
    "Mum told me money is tight and she has missed two GP appointments for Idris. "
    "She has walked Orla to school every day this term.",
    # most of a count kept up is consistent ("11 of 14 nights"), as all of it is
    "Kai has missed school twice this month. Dad was late for the review. "
    "Mum has filled in the sleep diary on 11 of 14 nights.",
    # a strength inside a worry sentence counts
    "Mum is chaotic in the mornings but has kept every appointment with him since April.",
    # a hedged positive counts (its vagueness is another finding)
    "There are worries about the house. The children seemed happy to see Mum.",
    "There are concerns about Amira's sleep. Amira has settled well and has made two good friends.",
    "School are worried about lateness. Dad has attended 6 of 6 sessions of the parenting course.",
    "There is a risk from Mum's ex-partner. The grandparents are a safe network for the children.",
    "There were concerns last year about alcohol. Dad has stopped drinking since January.",
    "Kai has missed lessons. Jordan has been back by curfew every night since the review.",
    # a day in the plural is every such day: the network's regular help
    "There were worries about lateness. Ellis's aunt, Ania, now does the school run on Tuesdays and Thursdays.",
    # a protective act: asking for help, contacting a service by its name
    "Mum was upset after the argument. She said Dean has left and she has contacted Women's Aid.",
    "There are worries about bedtimes. Dad asked the health visitor for help with Kai's sleep.",
    # the purpose of an act done: asking for help
    "Night waking is still a big worry. Danielle rang the duty line herself to ask for help with Poppy's sleep.",
    # effort towards change: a routine started or changed
    "Tomasz hit out at staff twice. Dad has changed the evening routine so the tablet goes off at 8pm.",
    # keeping a routine up is effort too, in a progressive as well
    "Ruby's weight has dropped. Mum has kept a feed diary since Monday.",
    # a boundary set, a tool made for the child's mornings
    "Nia has been staying out late at times. Lisa has set a 9pm curfew.",
    "The school transport did not turn up again. Dad has made a picture timetable for the mornings himself.",
    # a routine kept up by the adults the child lives with
    "Daniel hit Peter during a row. Child: Daniel (9), placed with Ngozi and Peter Okafor since 2019. "
    "Ngozi and Peter have kept to the bedtime routine every night since the sessions ended.",
    # a whole percentage is every day of it
    "Courtney was excluded last week. Courtney had been 100% at the Inclusion Base since October.",
    # an offer of care from the network, naming the child
    "Mum was aggressive towards staff. Maternal grandmother Pauline attended. Pauline has offered for Jade and Ellis "
    "to stay with her on discharge.",
    # care given as the purpose of an act done
    "The school transport did not turn up again. Marek took the morning off work to drive him in.",
    "Ruby's weight has dropped. Mum has been keeping a feed chart since Monday.",
    # a measure of the child's compared with before, as an adverb
    "Mum drinks most evenings. Jaxon's attendance this term is 88%, up from 71% last term.",
    # the same comparison read from the words when the parse is lost in a long report
    "Phone call with school. Mrs Dale said Mum is hard to reach and said his attendance since September is 94%, "
    "up from 81% last year.",
    # a worry that has not happened once, every time: kept up
    "Home visit to Kai (14).\nKai has been missing twice this month. He has missed no lessons on Fridays.",
    # a role noun before a name in brackets: "Mum (Shona)" is family
    "Core group. Present: Mum (Shona), SW, school nurse.\nShona is chaotic in the mornings but has got both boys "
    "to school on time every day for three weeks.",
    # a worry that has lessened: a change for the better
    "Dad shouts at handovers, which is a worry. Ellie's nightmares have gone down from most nights to once a week.",
    "There are worries about Dad's drinking. The arguments between Mum and Dad have stopped since May.",
    # a carer named in full with her role keeps it when named again by title and surname
    "Present: IRO, SW, FC (Mrs Ann Lowe).\nMum has missed 3 of the last 6 sessions. Mrs Lowe has taken Kai to "
    "every dental appointment.",
    # the child's surname under a title is the parent the note named: "Father: Mr Kwame Osei"
    "Phone call - father of Kofi Osei (15)\nFather: Mr Kwame Osei, in Kumasi.\nKofi's school place is at risk. "
    "Mr Osei calls Kofi every Sunday.",
    # conjoined predicates, a worry given up or not done over a span of time
    "There are worries about the house. Mum was warm and attentive with the baby.",
    "There are worries about the house. Mum has cut down her drinking.",
    "There are worries about the house. Dad has not missed a visit since May.",
    # one of the child's arrangements that has grown
    "There was mould in the bathroom, which is a worry. Tyler's attendance has gone up from 82% to 94% this term.",
    # a title does not make a relative a professional
    "Leo lives with his nan, Mrs Rose Hall. Her knee is worse and she finds the stairs hard. "
    "Rose has got Leo to school on time every day since September.",
    # a noun carried by a light verb is the act: warmth, an achievement
    "Bella cried at the end of family time. Dad gave them both a hug and said he would see them on Saturday.",
    # every one of a count
    "Mum was late for family time. She has attended all four sessions since the review.",
    # agreeing to do something is a commitment
    "Police were called to the flat. Gran agreed to collect Noah from school and keep him overnight.",
    # care given to the child by a family member or the network
    "Child: Isla (2)\nThe flat is damp, which is a worry. Mum cuddled Isla when she cried and sang to her.",
    "Child: Zain (11)\nZain was excluded on Monday. His nan helps him with his homework after school.",
    "There are worries about the arrears. Grandad has looked after the children while Mum was in hospital.",
    # the writer's own section on what is going well, on its line or the next
    "Home visit.\nWorries: Dad shouted at Sam on Friday.\nWhat's working well:\n- Nan takes Sam to football on Saturdays.",
    # a pleasantry set against a difficulty is offered as a strength
    "Brandon missed school twice this week. Brandon appeared tired but was polite throughout.",
])
def test_a_recorded_strength_means_no_finding(note: str) -> None:
    assert not fired(note)


@pytest.mark.parametrize("note", [
    "Home conditions adequate. Mum appeared low and did not engage with the discussion about safe sleep. "
    "Children seen and appeared fine.",
    "Mum missed the appointment. There are concerns about the children's school attendance. Dad was late again.",
    "Tyler refused to complete the worksheet. There are concerns about his sleep.",
    # a professional's effort is not the family's strength
    "Mum was upset and shouting. I helped Mum fill in the housing form and the school offered a breakfast place.",
    # a plan is not yet a strength
    "Kacey has been missing twice. Kacey to remain at home with a safety plan in place.",
    # nor is what a meeting agreed, however often it is to be done
    "Connor is disruptive in lessons and has refused detentions. It was agreed Connor will go on report and "
    "Mum will sign his planner daily.",
    # nor is the writer's hope for the family
    "Mum missed two appointments and the house was dirty. We hope Dad will engage with the course.",
    # "no concerns" only says nothing was wrong
    "Kai was excluded twice this term. Kai was seen at the end of the meeting, no concerns.",
    # a time clause places an event; it is not what the copula says of the child
    "Jay became aggressive after being told to hand in his phone at 10pm as per the house rules.",
    # a protective act only planned or not done
    "Mum was upset after the argument. Mum will contact Women's Aid this week.",
    "Mum was upset after the argument. Mum needs to ring the GP about her low mood.",
    "Mum was upset after the argument. She did not contact the police.",
    # an account the writer reports as unconfirmed
    "There are concerns about the children's teeth. Parents claim the children are brushing their teeth daily.",
    # something done to the child, however regularly, is not what they do
    "Callum has gone missing three times this month and was returned by police on each occasion.",
    # struggling to do something good is the worry, not the good thing
    "Mum struggled to manage both children and was shouting at Brandon.",
    # a name is no verdict, whatever its meaning as a word
    "Child: Ellie-Mai Grant (12)\nThere are worries about Ellie-Mai's sleep and her attendance is 70%.",
    # a worry not done once is not kept up
    "Police were called to the house. Ruby said Dad has not hit her this time.",
    # a worry that has not lessened
    "There are worries about Dad's drinking. The arguments between Mum and Dad have not stopped.",
    # agreeing to a plan, or that the writer may act, is procedure, however often the plan runs
    "The house was dirty and the baby's weight has dropped. Mum agreed to the plan for weekly weighing.",
    "Kyra has been self-harming, which is a worry. She agreed I could tell her GP.",
    # a degree word is no verdict; what someone is asked to say is no fact
    "Kai is putting himself at risk with older males and is well known to police.",
    "Kai has gone missing again. Left a voicemail asking him to text that he is safe.",
    # a field's label is no verdict
    "Patient: Kyra Adeyemi, 16.\nKyra has been self-harming, which is a worry.",
    # a plan to change a routine is not yet a strength
    "Tomasz hit out at staff twice. Dad will change the evening routine next week.",
    # a negated consistency is none: "not every month"
    "Dad missed the last two visits. Kai said he wants to see Dad at Christmas, not every month.",
    # a stance adverb or a health word on a copula is no verdict on the person
    "Jake threw a chair at tea. He is clearly very angry with his dad.",
    "Skye missed school on Monday. Mum said she had a cold but Skye appeared well.",
    # agreeing to a plan is procedure
    "The house was dirty again and Mum missed the GP appointment. Mum agreed to the plan.",
    "Noah has a bruise on his cheek, which is a worry. Noah to remain on the ward pending tests; parents agreed.",
    # a noun's classifier is no verdict: "the nurture room"
    "Ava was upset and hit another pupil. Ava spent the afternoon in the nurture room.",
    # nor is a noun in the predicate, nor a preposition: "hand" and "like" as things and relations
    "Tia was frightened when Dad shouted at the door. She put her hands over her ears.",
    "Mum said she is scared at night and she feels like a ghost by the morning.",
    # care only planned, care not given, care by a professional, or care that is itself the worry
    "Child: Zain (11)\nZain was excluded on Monday. Dad will drive him to school from next week.",
    "Child: Zain (11)\nZain was excluded on Monday. Dad did not help him with his homework.",
    "Child: Zain (11)\nZain was excluded on Monday. I helped him with his homework.",
    "Child: Zain (11)\nZain was excluded on Monday. Dad drove him home drunk after the party.",
    # a section that says there is nothing in it; too little of a good thing; a name is no verdict
    "Home visit.\nWorries: Dad shouted at Sam on Friday.\nStrengths: none identified.",
    "Core group. Parents remain resistant and home conditions are poor. Minimal progress against plan.",
    "Strategy discussion\nChild: Precious Mensah (7)\nSchool saw a mark on her arm. Mum was abusive on the phone.",
    # agreeing to think about something; a degree word on a thing; what someone needs to do
    "Home visit.\nTia stays out late and there are worries about older males. Mum agreed to consider parenting support.",
    "Home visit.\nThere are worries about the house. The kids' bedroom had a strong smell.",
    "EDT log.\nConnor went missing from the unit. Advised him of the risks and that he needs to respect the house rules.",
    # the topic after "re" is what was discussed, not a verdict on the family
    "Home visit.\nThere are worries about Dad's drinking. Mother presented as flat and struggled to retain "
    "info from last visit re: safe storage of meds.",
    # owning up to a worry; declining to support something
    "Clinic weigh.\nHousing issues ongoing. Safe sleep discussed - Mum admits co-sleeping on the sofa.",
    "Police notification.\nPolice attended after a 999 call. Partner arrested and in custody, Mum declined to "
    "support a prosecution.",
    # a pleasantry conceded before the worry
    "Home visit.\nSchool saw bruising on Rhys's arm. Mum was polite but said Rhys makes things up and the "
    "marks were from falling off his scooter.",
    # a worry said to happen regularly is no strength
    "Home visit.\nKai has been late 14 times, usually on Mondays. Mum was asleep when I arrived.",
    # a complement turned round by its adjective is not done: "unlikely to engage"
    "Jordan was missing overnight. RHI to be offered but YP unlikely to engage.",
    # "always" in someone's quoted words is theirs, not a record of something kept up
    "Mum was hostile and stated \"you lot are always on my back.\"",
    # agreeing to talk to the worker is cooperation with them, not a commitment of the family's
    "Shannon was missing overnight. Shannon agreed to talk to me as long as I didn't write everything down.",
    # an adverb of degree is no verdict: "well known to services" says how much
    "Chelsea is very well known to services and has a long history of self-harm.",
    # more of a worry is no strength, though compared the same way
    "Home visit.\nThe rent arrears are now £400, up from £200 in May. Mum has stopped opening her post.",
    # a critical label kept up is a worry kept up
    "Return interview with Kayla (15). Mum says K has been kicking off every night.",
    # an action set for a parent is not yet done, however regular it is meant to be
    "Core group. Kayleigh (7) often late and hungry. Mum to ensure children in school on time.",
    # too little of something is a worry once, not a good thing twice negated
    "Supervision. Case: Ciara (11) and Finn (3). Finn's nursery attendance poor.",
    # a heading that names a daily log is not something done daily
    "Daily log - Brookside (Unit 3) - nights\nJayden (15) absconded at 21:45 and refused to speak to staff.",
    # one-off cooperation listed as going well; what stands under "Worries:"
    "Review - Leo (12)\nLeo missed school on Monday.\nWhat's working well:\n- Mum attended today's review.\n"
    "- Mum has signed the plan.",
    "Worries: Ioana is looking after her brother and making the evening meals on her own.",
    # a time clause sets the occasion; a welfare check's impression
    "I spoke to Ioana in the kitchen while Matei played on the Xbox. Mum was drunk.",
    "Police safe and well check. Child seen in bedroom, asleep, appeared safe and well.",
    # a mishap the child is said to keep having is no act kept up
    "Reece had a number of bruises on his shins, mum said he is always falling over at nursery.",
    # the occasion of a worry, and an arrangement asked for or to come, are no strengths
    "Lucas has no words yet. During the visit he ran between the window and the door and screamed when Mum "
    "tried to take his hand. The flat is small and chaotic.",
    "Home conditions were poor. Mum was very demanding, asking when the overnight placement will be increased. "
    "Household remains chaotic.",
    "Dear Mr Nowak, you have failed to attend the last three meetings. As a result, your contact with Lena will now "
    "take place at the contact centre on Saturdays from 10am to 11.30am.",
    # an offer of a thing is no offer of care
    "Mum was aggressive towards staff. Mum offered me a cup of tea.",
    # what a colon sets out after a label is the label's evidence
    "Mum continues to show disguised compliance: she agreed at the last meeting to do the hair strand test and has "
    "not booked it. Kian is withdrawn.",
    # a worry kept up is no strength
    "Leah has been in contact with an adult male online. She has had 3 MFH episodes in the last month, returning "
    "after midnight each time.",
    # going to sleep at last is no settling in; more of a worry is no good change
    "Night log.\nJack shouted at staff and threw a cup at 22:10. He eventually settled at approx 01:30.",
    "Short break review.\nMaya was upset and hit another child. Maya's incidents at the short break have "
    "increased this month.",
    # a condition, read from the words; a word on a wound; a rate set as a target
    "Discharge meeting. Mum was hostile to ward staff. Agreed that discharge will not go ahead until mother "
    "completes training.",
    "Jade came to my office crying. She showed me three fresh cuts on her arm.",
    "PEP. Attendance: 89% - 4 unauthorised days. Targets: attendance to be above 95%.",
    # how often something is asked for is no consistency of the family's
    "Short breaks review. Mum says things are very difficult at home. Mum is requesting an increase in respite "
    "from 2 to 4 nights per month.",
    # the topic after "re" in a verbless line names what was discussed
    "Home visit 3/10.\nHome conditions poor, dirty washing on the floor.\nMum non-compliant re safe sleep, baby in "
    "her bed again.",
])
def test_worries_and_no_strength_give_the_finding(note: str) -> None:
    # S001 asks for two worries, or one that judges the family; each note is added to one plain
    # worry, so what it tests is that its sentences hold a worry and no strength.
    assert fired(note + OTHER_WORRY)
    assert not fired(OTHER_WORRY.strip())

@pytest.mark.parametrize("sentence", [
    # a test's result; agreeing to talk is cooperation; a word held in quotation marks is
    # someone else's; a good word in its pending sense, or under a view's "not"
    "Dad tested positive for cocaine on 2 of 3 tests since the conference.",
    "Tyrese agreed to talk in McDonald's.",
    "Mum stated she is 'managing'.",
    "The health visitor reports Sofia's immunisations are outstanding.",
    "Mum's explanation that he fell off the sofa is not felt to be consistent with the mark.",
    "Kai was picked up by police at 2am.",
    # "no" on something else than what the late arrival did not do
    "Mum arrived 14:20, 20 mins late, no explanation given.",
    # a visit's schedule, what was done to the children, a reaction after the writer asked
    "Statutory 6-weekly visit.",
    # an amount reported in every period is no occasion kept up
    "Mum reports 4 bottles a day, approx 150ml, some solids.",
    "All 3 children seen.",
    "I asked about his mood; he said \"flat, like the flat\" and laughed.",
    # the writer's advice, however regular; what someone else did with each child
    "EDT log. Aaliyah (15) missing. FC advised to record all episodes in the daily log.",
    "Core group for Tyler (12). Children's views: gathered by SW using MOMO and in school with each child alone.",
    # a relative clause's good word is not said of the child; someone else's child is not cared for
    "Visit to Ellis (13). FC reported that he has been in touch with birth mum via Snapchat, which is outside "
    "the agreed contact arrangements.",
    "Kieran (15). He said he stayed with a mate's older brother.",
    # a reaction when asked is an answer, not how the child is
    "Kieran (15). When asked if anyone had asked him to carry or hold anything, he laughed and said no.",
    # care done to the child by someone else is theirs, not the child's ("is being treated for NAS")
    "Lily (9 days) is being treated for NAS on the neonatal unit.",
    "Kai was supported by staff to go to his room.",
    # a family member's own verdict on how they are doing is their account; a verb whose
    # polarity is its noun's ("a treat") is neutral
    "Mum said she is doing her best.",
    "Dad states he is managing.",
    # (though the model reads the speaker and the verb as one noun)
    "Mum states she is \"doing her best\" but there has been no change.",
    "Mum appeared tired and the flat was untidy. Mum states she is coping.",
    # what a worry is about
    "Dad has stopped his medication and there are lots of worries about how he is managing Kai.",
    # done to the subject by the one after "by", however the model hangs the phrase
    "Kai reported MFH from his placement at 19:00 by foster carer.",
    "He said the carers \"treat me like a baby\" and that he is not allowed out after 8.",
    # a label kept up is no routine kept up; the cause of a worry is part of it
    "Shannon has been non-compliant with the agreement to take Kai to nursery daily.",
    "When I asked about home he said he can't sleep because his two little brothers share his room.",
    # a phrasal verb is not its verb: staying out with the baby is no care
    "Lorraine told me Jade has stayed out overnight twice this week with Kai without telling her.",
    # a neglect kept up is no routine kept up
    "Kai in the same uniform 4 days running, trousers stained.",
])
def test_good_words_in_these_senses_are_no_strength(sentence: str) -> None:
    summary = langcheck.check("Visit to Mum and Kai (6). " + sentence).summary
    assert summary["strengths_detail"]["strengths"] == [], summary["strengths_detail"]

@pytest.mark.parametrize("note,strength", [
    # a count in every period, said of the family's network; a measure of progress gone up
    ("Home visit to Harpreet and Arjun (5). Her neighbour, Mrs Gill, takes both children to school three mornings "
     "a week.", "Her neighbour"),
    ("Visit to Tomasz (8). Tomasz has moved up two reading levels since September.", "Tomasz has moved up"),
    # a protective act: the number called, however the model hangs it
    ("Parents arguing; father damaged the kitchen door. Mother (Saima) rang 999 herself and took both children "
     "next door to a neighbour before police arrived.", "Mother (Saima) rang"),
    # a field of positives written short
    ("HV 10.15. Mum + T (5) present.\nPos: rent paid up to date, Nan doing school run Tues/Thurs.", "Pos:"),
    # a role noun is no short form of a service's name ("Dad" is not "Caring Dads")
    ("Core group - Ayesha (7). Present: SW, Dad (Imran), Dad's DA worker (Caring Dads).\nUpdates: Dad has "
     "attended 5 of 6 Caring Dads sessions.", "Updates: Dad"),
    # a count kept up with the thing counted between; a problem reported to the landlord
    ("Visit to Kai (9). Mum says bedtime is working 6 nights out of 7.", "Mum says"),
    ("Visit to Malia (2). Mum has reported the damp to housing three times.", "Mum has reported"),
    # what a young person tells in answer is weighed
    ("Visit to Kwame (15). He took the earbud out when I asked about football and told me he plays centre-back "
     "for the under-16s.", "He took"),
    # chosen for a role or a place: an honour (not "picked up by police")
    ("Visit to Amara (9). Amara showed me the letter saying she has been picked for the school choir.", "Amara showed"),
    ("Visit to Kai (9). Kai was chosen to read at assembly.", "Kai was chosen"),
    # a routine kept up, whatever else the sentence says in a clause of its own
    ("Call with Ayesha (18). She said she has kept going to her apprenticeship every day even though she is "
     "stressed.", "She said"),
    # most of a count, with "the" before its total
    ("EH session - Malachi (5). Mum brought the sleep diary, filled in for 6 of the 7 nights.", "Mum brought"),
    # what a parent says they did, not how they say they are doing, is weighed
    ("Visit to Kai (6). Dad said he has not missed a visit since May.", "Dad said"),
    # a general subject in one of the family's places is their life ("things are better at home")
    ("T/C from Mum 15:10. Mum states things are better at home since last visit.", "Mum states"),
    ("CIN review - Ezekiel (13)\n- Things are better at home per Mum and the family support worker.", "- Things"),
    # praise done to the child, a state in the passive's form
    ("Visit to Kai (9). Kai was praised by his teacher for his reading.", "Kai was praised"),
    ("Visit to Chantelle (11) and Demi (7). The girls are placed together and are settled.", "The girls"),
    # a pleasantry kept up is offered as a strength (ANNOTATION.md)
    ("HV 03/06. Mum has kept the flat clean and tidy since the last visit.", "Mum has kept"),
    # days on end; a number rung, however the model hangs it
    ("Daily record - Chloe (15). Chloe got herself up and caught the bus to college - fifth day in a row.", "Chloe got"),
    ("Household: Linh (Mum), An (5). Police attended at 23:50 after Linh rang 999.", "Police attended"),
    # a rate at or above good_rate
    ("LAC review - Zainab (16)\nZainab misses her brother every day. Her tutor reports her attendance is 98%.",
     "Her tutor reports her attendance is 98%."),
    # the worries a service's name says it works on are not the family's; a clear test is good news
    ("Visit to Kai (6). Mum has kept 5 of 6 appointments with the drug and alcohol service.", "Mum has kept"),
    ("Visit to Kai (6). Her last two tests were negative.", "Her last two tests"),
    # a relation of a family adult, named in brackets, is the family's network
    ("TAF meeting. Present: Gemma (Mum), Ryan (Gemma's brother). Dylan (8) was in class.\nRyan takes Dylan to "
     "football every Saturday.", "Ryan takes"),
    # a worry gone without over a time
    ("Visit to Kai (6). Dad has gone three weeks without drinking.", "Dad has gone"),
])
def test_these_sentences_are_strengths(note: str, strength: str) -> None:
    found = langcheck.check(note).summary["strengths_detail"]["strengths"]
    assert any(s.startswith(strength) for s in found), found




OTHER_WORRY = " The school has recorded nine late marks this term."


@pytest.mark.parametrize("note", [
    "Rang the family centre to move Saturday's family time to 11am and emailed Mum the new time.",
    "School report no concerns this term.",
    # a negated label is not a worry the writer asserts
    "Lou texted to move the meeting to Thursday. I do not read this as Lou disengaging.",
    # a weakly negative word is no worry by itself: "drop" here is a taxi's
    "The taxi firm will drop Mia and Leo at the side entrance from 1 June.",
    # header fields name who and where: "Police" in an address line is no worry
    "Subject: Jade M - hearing adjourned\nTo: Thornbridge Youth Court; PC Harland, Youth Justice Police Officer\n"
    "Morning both,\nJust confirming the hearing has moved to 4 March.\nThanks, Sam",
    # a worry word in a harmless phrase: the late shift is no lateness
    "Daily record - Maple Lodge. Amir asked for pasta bake - passed to the late shift for the menu. 15:00 Handover "
    "to late shift.",
])
def test_nothing_to_balance_gives_no_finding(note: str) -> None:
    assert not fired(note)


def test_a_chronology_is_not_where_strengths_are_weighed() -> None:
    note = ("Chronology entries - Finn Ward\n12/01/2024 Referral received from school nurse (weight).\n"
            "02/02/2024 Finn made subject of a plan under the category of neglect.\n"
            "03/03/2024 Finn missed his dental appointment.")
    assert not fired(note)
    assert fired(note.replace("Chronology entries", "Visit note"))


def test_a_parents_own_hope_is_not_read_as_the_writers() -> None:
    assert not fired("Mum missed the review. Kai hopes to join the army cadets and has been to every session.")


def test_the_summary_lists_the_sentences_counted() -> None:
    text = "Mum missed the appointment. Dad has attended every session since May."
    detail = langcheck.check(text).summary["strengths_detail"]
    assert detail["strengths"] == ["Dad has attended every session since May."]
    assert detail["worries"] == ["Mum missed the appointment."]


def test_one_passing_worry_is_not_a_note_of_worries_but_one_judgement_is() -> None:
    # a worry word in passing: nothing the family is judged on, nothing to balance
    assert not fired("Visit to Kai. Collected Kai from the police station at 6pm and drove him home.")
    # a critical label, or a family member's conduct judged negative, asks for balance
    assert fired("Visit to Kai. Mum was hostile when I arrived.")
    assert fired("Visit to Kai. Dad did not engage with the plan.")
    # two worries are a note of worries, judged or not
    assert fired("Visit to Kai. Kai was upset after an argument at school. The police were called to the house.")


def test_the_summary_lists_the_worries_that_judge_the_family() -> None:
    detail = langcheck.check("Mum missed the appointment. Dad was hostile on the phone.").summary["strengths_detail"]
    assert detail["judging"] == ["Dad was hostile on the phone."]


def test_a_position_in_a_team_game_is_no_worry() -> None:
    detail = langcheck.check("YP: Sophie (16)\nSophie missed school on Monday. She plays goal attack for the "
                             "netball team.").summary["strengths_detail"]
    assert not any("goal attack" in w for w in detail["worries"]), detail


@pytest.mark.parametrize("note,strength", [
    # a place in a group the child takes part in
    ("Pupil: Zara Nowak, Y9\nZara has missed school twice this week. She plays for the county netball squad.",
     "She plays"),
    # a verb joined to a perfect shares its "have": kept up over a time
    ("YP: Tyler (15)\nTyler was non-compliant at first. Mum said he has kept his paper round going for a year and "
     "never missed a morning.", "Mum said"),
    # done unaided or themselves
    ("Room 1 - Tyler (15): Up at 07:15 for school without prompting for the 4th day running. Tyler was sent out "
     "of science for swearing.", "Room 1"),
    ("Kai, 15\nKai was sent home from school on Monday. He made the tea for everyone and did most of it himself.",
     "He made"),
    ("Kai missed school on Monday. Kai went up to bed without being asked.", "Kai went up"),
    # a parent named with "and her daughter", whose count kept up is hers
    ("Family discussed: Shannon Pike and her daughter Lily-Mae (20 months).\nWorry: Shannon's new partner.\n"
     "Shannon has used the picture calendar to get Lily-Mae to all three of her nursery settling sessions.",
     "Shannon has used"),
    # a group joined
    ("Kai (11)\nKai was sent out of class on Monday. He has joined chess club.", "He has joined"),
    # work of their own
    ("Mia (14)\nMia was rude to staff and refused tea. She spent the afternoon at her Saturday job at the stables.",
     "She spent"),
    ("Kai (17)\nKai missed his appointment. He has started an apprenticeship with a local builder.", "He has started"),
    # one of a pair the note names more of elsewhere ("Sue and Dave Holt (current carers)")
    ("Present: Sue and Dave Holt (current carers), Jo Grant (social worker). The children did not attend.\n"
     "Sue and Dave have offered to have the children for tea once a month.", "Sue and Dave have"),
])
def test_these_are_strengths_too(note: str, strength: str) -> None:
    strengths = langcheck.check(note).summary["strengths_detail"]["strengths"]
    assert any(s.startswith(strength) for s in strengths), strengths


@pytest.mark.parametrize("sentence", [
    # a need gone without, clothes not changed: worries, whatever the count
    "Kai has arrived without breakfast on 6 of 8 nursery days.",
    "He has worn the same leggings four days running.",
    # a group's name where the child is given something, or a word taken for a name
    "Kai has arrived at school hungry and has been given toast at breakfast club.",
    "Referral passed to MASH for day team.",
    # work lost is no work held
    "Kai lost his job last week.",
    # a reflexive that is the object; an outing without permission
    "Kai hurt himself on the trampoline.",
    "Kai went out without asking.",
])
def test_these_are_no_strengths(sentence: str) -> None:
    summary = langcheck.check("Visit to Mum and Kai (6). " + sentence).summary
    assert summary["strengths_detail"]["strengths"] == [], summary["strengths_detail"]


def test_a_need_gone_without_is_a_worry() -> None:
    summary = langcheck.check("Phone call from nursery about Kacey (4). Kacey arrived without breakfast today. "
                              "She has worn the same leggings four days running.").summary
    assert len(summary["strengths_detail"]["worries"]) == 2, summary["strengths_detail"]


@pytest.mark.parametrize("sentence", [
    # a hedge is no kindness
    "He said \"kind of, not when Dean's there.\"",
    # a worse state, however regular the arrangement beside it
    "Foster carer reports Kai's behaviour has deteriorated since family time went from weekly to monthly.",
    # what was discussed is a topic, not a verdict
    "Discussed carers' progress with their training requirements.",
])
def test_these_words_are_no_strength_either(sentence: str) -> None:
    summary = langcheck.check("Visit to Mum and Kai (6). " + sentence).summary
    assert summary["strengths_detail"]["strengths"] == [], summary["strengths_detail"]
