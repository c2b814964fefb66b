#!/usr/bin/env python3
"""A deterministic corpus of generated case notes with a large vocabulary.

    python benchmarks/corpus.py [--notes 2000] [--seed 11] [--out DIR]

Notes of many kinds (home visits, reviews, phone calls, family time, residential logs,
letters to the child, school and health visits, return interviews, supervision, pathway
plans, emails) are composed from hundreds of names, surnames, places, streets, schools,
activities, foods, objects, animals, programmes, verbs (inflected), adjectives and feelings,
sentence templates with optional clauses, quoted speech, dates, times, sums, phone and
reference numbers, postcodes, and the occasional typing slip. Jargon, labels and vague
phrases come in at roughly the rate of real notes (a few per note, not every sentence).

A small vocabulary flatters spaCy (its tokenizer caches each distinct whitespace-delimited
string), so the corpus aims for tens of thousands of distinct words over ~2,000 notes; the
counts are printed. The same seed gives the same bytes.
"""
from __future__ import annotations

import argparse
import random
import re
from dataclasses import dataclass
from pathlib import Path


def _w(s: str) -> list[str]:
    return s.split()


def _l(s: str) -> list[str]:
    return [x.strip() for x in s.split("|") if x.strip()]


FIRST = _w("""
Aaliyah Aaron Abdul Abigail Ada Adam Adrian Aiden Aisha Alana Albie Alex Alexa Alfie Alice Alisha Amara Amber
Amelia Amir Amira Amy Ana Andre Andrei Angel Anna Annie Archie Aria Arlo Arthur Aryan Asha Ashton Aurora Ava
Ayaan Ayesha Bailey Bartek Beau Bella Ben Bethany Billy Blake Bobby Bonnie Brandon Brooke Caleb Callum Cameron
Carter Casey Charlie Charlotte Chidi Chloe Cian Ciara Clara Cody Connor Corey Courtney Daisy Dakota Damian
Daniel Danny Darcy Darius Dawid Dean Declan Demi Denis Dexter Dylan Eden Edie Eliza Elijah Ella Ellie Ellis
Elsie Emeka Emil Emily Emma Eric Erin Esme Ethan Evan Evie Ezra Faith Farah Fatima Felix Finley Finn Florence
Frankie Freddie Freya Gabriel Gabriela George Georgia Grace Gracie Hafsa Hamza Hannah Harley Harper Harriet
Harrison Harry Harvey Hassan Hayden Heidi Henry Hollie Hugo Ibrahim Idris Ifeoma Imani Imogen Imran Ines Iris
Isaac Isabella Isaiah Isla Ivy Izzy Jack Jacob Jade Jake Jamal James Jamie Jasmine Jason Jay Jayden Jenson
Jesse Jessica Jodie Joel Jordan Joseph Josh Joshua Jude Julia Junaid Kacey Kai Kaiden Kara Karim Kasia Kayden
Kayla Kayleigh Keeley Kenzie Kezia Khadija Kian Kieran Kobe Kofi Kyle Kyra Lacey Lana Laura Lauren Layla Leah
Leighton Leo Leon Levi Lewis Liam Lily Lola Louie Louis Luca Lucas Lucy Luke Luna Lyla Mabel Maddison Maisie
Malachi Malik Maria Mariam Marley Marcus Martha Mason Matilda Matteo Max Maya Megan Mia Michael Mikey Mila Millie
Milo Mohammed Molly Morgan Muhammad Musa Mya Nadia Naomi Nathan Nathaniel Nevaeh Nia Niamh Nico Noah Noor Nora
Oakley Olivia Ollie Omar Oscar Owen Paige Patryk Penelope Phoebe Piper Poppy Precious Priya Rafael Rania Reggie
Reuben Rhys Riley Rio Robyn Ronnie Rosa Rosie Ruby Rudy Ryan Sadie Safa Sam Samuel Sana Sara Sasha Savannah
Scarlett Sebastian Shannon Sienna Skye Sofia Sonny Sophie Stanley Stella Summer Tamsin Tanisha Tayo Teddy
Theo Thomas Tia Tiana Tilly Toby Tomasz Tommy Tyler Tyrone Valentina Victor Violet Wiktoria Willow Wyatt Xander
Yasmin Yusuf Zac Zainab Zara Zayn Zeynep Zofia Zuzanna
""")
ADULT_FIRST = _w("""
Aileen Alan Alison Amanda Andrea Angela Anthony Asif Babajide Barbara Beverley Brian Carl Carol Caroline Catherine
Claire Colin Craig Dale Darren Dawn Deborah Denise Diane Donna Elaine Farida Fiona Gareth Gary Gemma Gillian
Graham Hayley Helen Ian Jacqueline Janet Jason Jennifer Joanne Julie Karen Kelly Kerry Kevin Kim Lee Leanne
Lesley Lindsey Lisa Lorraine Louise Lynne Mandy Mark Martin Michelle Mohammed Nadeem Natalie Neil Nicola Olu
Paul Pauline Rachel Rebecca Richard Rukhsana Samantha Sandra Sharon Shazia Simon Stacey Stephen Steven
Susan Tanya Tracey Trevor Vicky Wayne Yvonne Zoe
""")
SURNAMES = _w("""
Abbott Adams Ahmed Akhtar Ali Allen Anderson Armstrong Atkinson Bailey Baker Ball Banks Barker Barnes Bates
Begum Bell Bennett Berry Bibi Bird Bishop Black Blake Bolton Booth Bradley Brady Brennan Briggs Brooks Brown
Bryant Burke Burns Butler Byrne Campbell Carr Carter Chambers Chapman Charlton Chaudhry Clark Clarke Cole
Coleman Collins Connolly Cook Cooper Cox Crawford Cunningham Dalton Daly Davies Davis Dawson Day Dean Dixon
Dobson Doherty Doyle Duffy Duncan Dunn Edwards Elliott Ellis Evans Farrell Fisher Fleming Fletcher Flynn Foster
Fox Francis Fraser Gallagher Gardner Gibson Gill Gordon Graham Grant Gray Green Griffin Griffiths Hall Hamilton
Hammond Harding Harris Harrison Hart Harvey Hayes Henderson Hill Holmes Hopkins Howard Hughes Hunt Hussain
Iqbal Jackson James Jenkins Johnson Johnston Jones Kaur Kelly Kennedy Khan King Knight Kowalski Lambert Lane
Lawrence Lee Lewis Lloyd Lynch Mahmood Malik Marsh Marshall Martin Mason Matthews McCarthy McDonald McKenzie
Mensah Miller Mills Mitchell Moore Morgan Morris Murphy Murray Nowak Nwosu Obi Okafor O'Brien O'Connor Owen
Palmer Parker Patel Payne Pearce Pearson Perry Phillips Pollard Porter Powell Price Quinn Rahman Reid Reynolds
Richards Richardson Riley Roberts Robinson Rogers Rose Ross Russell Ryan Saunders Scott Shah Sharp Shaw
Simpson Singh Smith Stevens Stewart Stone Sullivan Sutton Taylor Thomas Thompson Todd Turner Walker Walsh Ward
Watson Webb Wells West White Wilkinson Williams Wilson Wood Woods Wright Yates Young
""")
TOWNS = _w("""
Armley Ashton Bartley Batley Beeston Bilston Birkby Blackley Bramley Brierley Burley Carlton Castleford Chapeltown
Cleckheaton Clayton Colne Crossgates Dewsbury Didsbury Eccles Elland Everton Failsworth Farnley Gipton Gorton
Halton Harehills Headingley Heckmondwike Holbeck Horsforth Hunslet Huyton Ilkeston Keighley Kirkstall Knowsley
Lofthouse Longsight Meanwood Middleton Mirfield Moortown Morley Normanton Oldham Ossett Otley Pudsey Radcliffe
Rawdon Rothwell Roundhay Royton Salford Seacroft Shipley Stanningley Swinton Thornbury Walkden Wakefield Walton
Wetherby Whitkirk Wibsey Woodhouse Wortley Yeadon Hulme Moss Rusholme Fallowfield Levenshulme Stretford Sale
Urmston Denton Hyde Stalybridge Rochdale Heywood Bury Prestwich Whitefield Chadderton Shaw Leigh Wigan Atherton
Tyldesley Hindley Ince Pemberton Standish Orrell Skelmersdale Ormskirk Bootle Litherland Crosby Kirkby Halewood
Speke Garston Aigburth Toxteth Kensington Anfield Walton Fazakerley Croxteth Norris
""")
STREET_WORDS = _w("""
Acacia Albert Alder Alexandra Ash Aspen Balmoral Beech Belgrave Birch Blenheim Bramble Brook Buttercup Cedar
Chapel Cherry Chestnut Church Clover Coronation Cromwell Daisy Elm Fern Forest Foxglove Garden Grange Granville
Hawthorn Hazel Heather Highfield Hill Holly Ivy Jubilee Kings Laburnum Lark Laurel Lilac Lime Linden Magnolia
Manor Maple Marlborough Meadow Mill Moor Nelson Oak Orchard Park Primrose Queens Railway Rowan Sandringham School
Spring Station Sycamore Thistle Tulip Victoria Waterloo Well Willow Windsor Woodland York
""")
STREET_TYPES = _w("Road Street Avenue Close Crescent Drive Lane Grove Way Court Terrace Gardens Walk Place Rise Mews View")
SCHOOL_WORDS = _w("""
Abbey Ashfield Beckfield Brookside Castle Crossley Fairfield Greenhill Hollybank Kirkdale Lakeside Meadowbank
Northfield Oakwood Parkside Priory Ridgeway Riverside Rosehill Southgate Springfield Thornhill Westfield
Whitehall Woodlands St.Anne's St.Joseph's St.Mary's St.Peter's Holy.Trinity Our.Lady's All.Saints
""")
SCHOOL_TYPES = _l("Primary School|Academy|High School|Infant School|Junior School|Community College|Nursery|"
                  "Pupil Referral Unit|Special School|Primary Academy|Church of England Primary|Free School")
PLACES = _l("""the kitchen|the lounge|the garden|the back yard|the front room|the dining room|her bedroom|his bedroom|
their bedroom|the bathroom|the landing|the hallway|the car|the bus|the park|the playground|the library|the youth club|
the leisure centre|the swimming baths|the contact centre|the family room at the office|the office|the reception area|
McDonald's|Greggs|the cafe at Tesco|the shopping centre|the cinema|the bowling alley|the soft play|the trampoline park|
the beach|the canal path|the allotment|the football pitch|the skate park|the bus station|the train station|the GP surgery|
the walk-in centre|the hospital ward|A&E|the dentist|the police station|the court building|the foster home|the children's home|
Nan's flat|Grandad's house|Auntie's house|the neighbour's house|the supported lodgings|the hostel|the mosque|the church hall|
the community centre|the food bank|the charity shop|the chippy|the corner shop|the launderette|the barber's|the nail bar""")
ACTIVITIES = _l("""football|netball|basketball|rugby|cricket|tennis|badminton|swimming|diving|gymnastics|trampolining|dance club|
street dance|ballet|tap|karate|judo|taekwondo|kickboxing|boxing|cycling|riding his bike|riding her scooter|skateboarding|
roller skating|ice skating|horse riding|fishing with Grandad|camping|cubs|scouts|brownies|guides|cadets|drama club|choir|
the school play|piano lessons|guitar|drumming|the recorder|drawing|painting|colouring|sketching|making slime|baking|cooking|
making pancakes|decorating cakes|Lego|Minecraft|Roblox|Fortnite|FIFA|Mario Kart|Pokemon cards|TikTok videos|YouTube|
watching Bluey|watching Peppa Pig|reading Harry Potter|reading comics|Diary of a Wimpy Kid|puzzles|board games|Uno|chess|
jigsaws|gardening|feeding the ducks|walking the dog|playing with the cat|den building|hide and seek|tag|the climbing frame|
the swings|paddling|building sandcastles|painting nails|doing make-up|braiding hair|photography|film making|coding club|
science club|homework club|Duke of Edinburgh|volunteering|a paper round|the Saturday job|college open days|driving lessons""")
FOODS = _l("""pizza|pasta|spaghetti bolognese|lasagne|chicken nuggets|fish fingers|chips|beans on toast|cheese on toast|
sausage and mash|shepherd's pie|cottage pie|jacket potatoes|curry|chicken tikka|jollof rice|rice and peas|plantain|
pierogi|kebab|burgers|hot dogs|sandwiches|crisps|yoghurt|cereal|Weetabix|porridge|toast and jam|pancakes|waffles|
bananas|apples|grapes|strawberries|satsumas|carrots|broccoli|peas|sweetcorn|noodles|Super Noodles|Pot Noodle|
soup|stew|roast dinner|Yorkshire puddings|fish and chips|samosas|chapatis|dhal|biryani|falafel|wraps|tacos|sushi|
ice cream|chocolate|sweets|biscuits|birthday cake|cupcakes|doughnuts|milkshake|squash|juice|fizzy pop|energy drinks|
formula|baby rice|pureed vegetables|toddler snacks""")
OBJECTS = _l("""tablet|phone|laptop|Xbox|PlayStation|Nintendo Switch|TV|remote|teddy|blanket|pillow|duvet|bunk bed|cot|
buggy|pram|car seat|high chair|changing mat|nappies|wipes|bottles|steriliser|toys|dolls|action figures|cars|train set|
bike|scooter|helmet|football boots|school bag|lunch box|uniform|PE kit|coat|wellies|trainers|school shoes|pyjamas|
hoodie|tracksuit|glasses|hearing aids|inhaler|medication|EpiPen|wheelchair|walking frame|communication book|
memory box|life story book|photo album|diary|sketchbook|felt tips|crayons|stickers|certificate|trophy|medal|
washing machine|fridge|freezer|cooker|microwave|kettle|toaster|sofa|wardrobe|chest of drawers|curtains|carpet|
stair gate|smoke alarm|fire guard|bin bags|ashtray|cans|vape|lighter|gas meter|electric key|prepayment card""")
ANIMALS = _w("""dog puppy cat kitten rabbit hamster guinea-pig budgie goldfish tortoise snake lizard gecko ferret
parrot chickens ducks pony horse""")
ADJ = _w("""
tidy untidy clean cluttered warm cold damp bright dark cosy cramped spacious quiet noisy busy calm chaotic
organised comfortable uncomfortable new old broken mended smelly fresh stale sticky dusty muddy wet dry
friendly chatty shy quiet polite cheerful grumpy sleepy lively thoughtful curious careful confident anxious
nervous tearful upset excited proud bored restless settled unsettled relaxed tense cheeky funny kind gentle
""")
FEELINGS = _w("""happy sad worried cross angry excited nervous scared frightened calm tired proud bored relieved
confused lonely safe unsafe upset jealous embarrassed grumpy hopeful disappointed content anxious overwhelmed
frustrated fed-up annoyed glad pleased""")
ADVERBS = _w("""quietly loudly happily sadly carefully slowly quickly calmly gently openly briefly clearly
confidently nervously politely eagerly proudly shyly warmly tearfully""")
PROFESSIONALS = _l("""the class teacher|the head teacher|the deputy head|the SENCo|the designated safeguarding lead|
the school nurse|the health visitor|the midwife|the GP|the paediatrician|the CAMHS worker|the speech and language therapist|
the occupational therapist|the educational psychologist|the virtual school|the independent reviewing officer|the IRO|
the family support worker|the early help worker|the youth worker|the youth offending worker|the police|PC Jones|
the housing officer|the drug and alcohol worker|the domestic abuse worker|the IDVA|the probation officer|the advocate|
the children's guardian|the solicitor|the personal adviser|the key worker|the residential manager|the foster carer|
the supervising social worker|the contact supervisor|the interpreter|the team manager|the practice lead""")
RELATIVES = _l("""Mum|Dad|Nan|Nana|Grandma|Grandad|Gramps|Auntie|Uncle|her sister|his brother|his step-dad|her step-mum|
Mum's partner|Dad's partner|the baby|her cousin|his cousin|the maternal grandmother|the paternal grandfather|
the maternal aunt|the paternal uncle|the older siblings|the twins|the younger children""")
SUBJECTS = _w("""maths English reading spelling phonics science history geography art music PE computing French
Spanish RE PSHE drama design-and-technology""")
VERBS = [tuple(v.split(",")) for v in _w("""
ask,asked,asking,asks answer,answered,answering,answers arrive,arrived,arriving,arrives bake,baked,baking,bakes
build,built,building,builds call,called,calling,calls carry,carried,carrying,carries chat,chatted,chatting,chats
check,checked,checking,checks choose,chose,choosing,chooses clean,cleaned,cleaning,cleans climb,climbed,climbing,climbs
collect,collected,collecting,collects colour,coloured,colouring,colours cook,cooked,cooking,cooks cry,cried,crying,cries
dance,danced,dancing,dances draw,drew,drawing,draws drive,drove,driving,drives eat,ate,eating,eats explain,explained,explaining,explains
feed,fed,feeding,feeds find,found,finding,finds finish,finished,finishing,finishes fix,fixed,fixing,fixes
help,helped,helping,helps hide,hid,hiding,hides hug,hugged,hugging,hugs jump,jumped,jumping,jumps laugh,laughed,laughing,laughs
leave,left,leaving,leaves listen,listened,listening,listens make,made,making,makes mention,mentioned,mentioning,mentions
move,moved,moving,moves open,opened,opening,opens paint,painted,painting,paints phone,phoned,phoning,phones
pick,picked,picking,picks play,played,playing,plays point,pointed,pointing,points pour,poured,pouring,pours
prepare,prepared,preparing,prepares read,read,reading,reads remember,remembered,remembering,remembers
ring,rang,ringing,rings run,ran,running,runs say,said,saying,says share,shared,sharing,shares shout,shouted,shouting,shouts
show,showed,showing,shows sing,sang,singing,sings sit,sat,sitting,sits sleep,slept,sleeping,sleeps smile,smiled,smiling,smiles
sort,sorted,sorting,sorts speak,spoke,speaking,speaks stay,stayed,staying,stays swim,swam,swimming,swims
talk,talked,talking,talks text,texted,texting,texts throw,threw,throwing,throws tidy,tidied,tidying,tidies
visit,visited,visiting,visits wait,waited,waiting,waits walk,walked,walking,walks wash,washed,washing,washes
watch,watched,watching,watches wave,waved,waving,waves wear,wore,wearing,wears write,wrote,writing,writes
""")]
PROGRAMMES = _l("""Bluey|Paw Patrol|Peppa Pig|CBeebies|Hey Duggee|Love Island|Stranger Things|Strictly|EastEnders|
Coronation Street|Match of the Day|The Simpsons|SpongeBob|Frozen|Moana|Encanto|Toy Story|Spider-Man|Batman|
Harry Potter films|Doctor Who|Gogglebox|Britain's Got Talent|The Masked Singer|Blue Peter|Newsround""")
TEAMS = _l("Leeds|Man United|Man City|Liverpool|Everton|Arsenal|Chelsea|Spurs|Bradford City|Huddersfield|Wigan|"
           "Oldham|Rochdale|Bolton|Salford City|Newcastle|Sunderland|Villa|Wolves|West Ham")
MONTHS = _w("January February March April May June July August September October November December")
WEEKDAYS = _w("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
HEALTH = _l("""asthma|eczema|hay fever|a chest infection|an ear infection|tonsillitis|chickenpox|head lice|a cold|a sickness bug|
constipation|bedwetting|nightmares|toothache|a broken wrist|a sprained ankle|allergies|ADHD|autism|dyslexia|
a speech delay|low weight|weight gain|sleep problems|anxiety|low mood|self-harm|panic attacks|migraines|epilepsy|
diabetes|sickle cell|cerebral palsy|glue ear|reflux|colic|teething|a squint|a heart murmur""")

# Words and phrases the lexicons target (jargon, labels, vague or doubting language), used at
# roughly real rates: each sentence has a small chance of one.
JARGON = _l("""presented as|presented well|engaged well|did not engage|failed to attend|DNA|was non-compliant|
was aggressive|was hostile|was evasive|was defensive|was uncooperative|kicked off|was challenging|was manipulative|
was attention seeking|is hard to reach|disguised compliance|appears to be|seems to|it was felt that|it is thought that|
concerns were raised|was observed to be|is known to services|LAC|CIN|CP|contact|placement|respite|the PLO|
the ICPC|a section 47|s47|s20|the CP plan|the CIN plan|the core group|a TAF|the LADO|MASH|an EHCP|a PEP|
appropriate|inappropriate|appropriately|engagement|non-engagement|chaotic|volatile relationship|toxic trio|
lifestyle choice|risky behaviour|older boyfriend|associating with|known associates|claims|alleged|allegedly|
admitted|refused|refusal|reluctant|demanding|difficult|challenging behaviour|unkempt|dirty|smelt of|
frequent flyer|drug seeking|mental health issues|learning difficulties|special needs|wheelchair bound|
suffers from|victim|absconded|went AWOL|sofa surfing|looked after child|the birth mother|the natural father""")


@dataclass(frozen=True)
class Note:
    name: str
    kind: str
    text: str


SURNAME_HEADS = _w("""Ash Aston Bar Black Bram Brad Brook Buck Burn Cal Chad Clay Craw Dal Den Dun Elm Fair Farn Fern Hal
Har Hart Hay Hol Kirk Lang Lea Lin Marl Mid Mor New Nor Oak Pem Pen Rad Ray Red Rock Roth Sal Shel Shep Stan Stock
Sut Thorn Thur Wad Wal War Wat Wes Whit Wil Win Wood Wor""")
SURNAME_TAILS = _w("""by bury combe croft dale don field ford gate ham hurst ington land ley ling low more ridge shaw stead
ston ton well wick win wood worth""")

# The rare tail of the vocabulary: WordNet's nouns, adjectives and verbs as shipped in the spaCy
# model's lemmatizer tables (deterministic for a given model version).
TAIL_RATE = 0.3


def _tail_words() -> dict[str, list[str]]:
    try:
        import spacy

        from langcheck.model import resolve_model

        nlp = spacy.load(resolve_model(), exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner", "senter"])
        index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
        out = {}
        for pos in ("noun", "adj", "verb"):
            words = index.get(pos, [])
            out[pos] = sorted(w for w in words if re.fullmatch(r"[a-z]{3,14}", w))
        return out
    except Exception:  # no model: the curated lists alone (a smaller vocabulary, said in the stats)
        return {"noun": [], "adj": [], "verb": []}


def _inflect(verb: str) -> tuple[str, str, str, str]:
    if verb.endswith("e"):
        return verb, verb + "d", verb[:-1] + "ing", verb + "s"
    if verb.endswith("y") and verb[-2:-1] not in ("a", "e", "o", "u"):
        return verb, verb[:-1] + "ied", verb + "ing", verb[:-1] + "ies"
    if verb.endswith(("s", "sh", "ch", "x", "z")):
        return verb, verb + "ed", verb + "ing", verb + "es"
    return verb, verb + "ed", verb + "ing", verb + "s"


class Maker:
    def __init__(self, rnd: random.Random, tail: dict[str, list[str]] | None = None):
        self.r = rnd
        self.tail = tail if tail is not None else {"noun": [], "adj": [], "verb": []}

    def noun(self) -> str:
        if self.tail["noun"] and self.chance(TAIL_RATE):
            return self.pick(self.tail["noun"])
        return self.pick(OBJECTS) if self.chance(0.8) else self.pick(ANIMALS)

    def adj(self) -> str:
        if self.tail["adj"] and self.chance(TAIL_RATE):
            return self.pick(self.tail["adj"])
        return self.pick(ADJ)

    def surname(self) -> str:
        return self.pick(SURNAMES) if self.chance(0.6) else self.pick(SURNAME_HEADS) + self.pick(SURNAME_TAILS)

    def town(self) -> str:
        return self.pick(TOWNS) if self.chance(0.6) else self.pick(SURNAME_HEADS) + self.pick(SURNAME_TAILS)

    def pick(self, seq):
        return self.r.choice(seq)

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    # -- small pieces --------------------------------------------------------------------
    def date(self) -> str:
        d, m, y = self.r.randint(1, 28), self.r.randint(1, 12), self.r.choice((2022, 2023, 2024, 2025))
        style = self.r.random()
        if style < 0.4:
            return f"{d:02d}/{m:02d}/{y}"
        if style < 0.7:
            return f"{d} {MONTHS[m - 1]} {y}"
        if style < 0.85:
            suffix = "th" if 10 <= d % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
            return f"{self.pick(WEEKDAYS)} {d}{suffix} {MONTHS[m - 1]}"
        return f"{d}.{m}.{str(y)[2:]}"

    def time(self) -> str:
        h, mnt = self.r.randint(7, 21), self.r.choice(range(0, 60, 5))
        if self.chance(0.6):
            return f"{h:02d}:{mnt:02d}"
        hh = h if h <= 12 else h - 12
        return f"{hh}.{mnt:02d}{'am' if h < 12 else 'pm'}" if mnt else f"{hh}{'am' if h < 12 else 'pm'}"

    def money(self) -> str:
        return f"£{self.r.randint(2, 480)}.{self.r.choice(range(0, 100, 5)):02d}" if self.chance(0.7) else f"£{self.r.randint(5, 900)}"

    def phone(self) -> str:
        return f"07{self.r.randint(100, 999)} {self.r.randint(100000, 999999)}" if self.chance(0.7) else f"0{self.r.choice((113, 161, 151, 1924, 1274))} {self.r.randint(100, 999)} {self.r.randint(1000, 9999)}"

    def ref(self) -> str:
        return f"{self.pick(('CIN', 'CP', 'LAC', 'EH', 'REF', 'MASH'))}-{self.r.randint(100000, 999999)}"

    def postcode(self) -> str:
        area = self.pick(("LS", "BD", "M", "OL", "WF", "HD", "L", "WN", "SK", "BL"))
        letters = "ABDEFGHJLNPQRSTUWXYZ"
        return f"{area}{self.r.randint(1, 29)} {self.r.randint(1, 9)}{self.pick(letters)}{self.pick(letters)}"

    def street(self) -> str:
        return f"{self.r.randint(1, 180)} {self.pick(STREET_WORDS)} {self.pick(STREET_TYPES)}"

    def school(self) -> str:
        return f"{self.pick(SCHOOL_WORDS).replace('.', ' ')} {self.pick(SCHOOL_TYPES)}"

    def adult(self, note) -> str:
        return self.pick(RELATIVES) if self.chance(0.55) else (
            self.pick(PROFESSIONALS) if self.chance(0.7) else f"{self.pick(ADULT_FIRST)} {self.surname()}")

    def verb(self, form: int) -> str:
        if self.tail["verb"] and self.chance(TAIL_RATE):
            return _inflect(self.pick(self.tail["verb"]))[form]
        return self.pick(VERBS)[form]

    # -- sentences -----------------------------------------------------------------------
    def clause(self, c: str) -> str:
        r = self.r.random()
        options = (
            lambda: f"because {c} wanted to {self.verb(0)} with {self.pick(RELATIVES)}",
            lambda: f"after {self.pick(ACTIVITIES)} on {self.pick(WEEKDAYS)}",
            lambda: f"when we were in {self.pick(PLACES)}",
            lambda: f"although {c} said {self.pick(('she', 'he', 'they'))} was {self.pick(FEELINGS)}",
            lambda: f"while {self.pick(RELATIVES)} was {self.verb(2)} in {self.pick(PLACES)}",
            lambda: f"before tea ({self.pick(FOODS)})",
            lambda: f"at about {self.time()}",
            lambda: f"on {self.date()}",
            lambda: "as agreed at the last visit",
            lambda: f"with the {self.noun()} close by",
            lambda: f"and talked about the {self.adj()} {self.noun()} at {self.pick(FIRST)}'s house",
            lambda: f"then asked about the {self.noun()} and the {self.noun()}",
            lambda: f"which {c} found {self.pick(('funny', 'hard', 'boring', 'exciting', 'tricky', 'easy'))}",
        )
        return options[int(r * len(options))]()

    def jargon(self) -> str:
        return self.pick(JARGON)

    def sentence(self, c: str, n: dict) -> str:
        r = self.r
        templates = (
            lambda: f"{c} {self.verb(1)} {self.pick(ADVERBS)} and showed me {self.pick(('her', 'his', 'their'))} {self.noun()}",
            lambda: f"{c} said, \"I like {self.pick(ACTIVITIES)} and {self.pick(FOODS)} but I don't like {self.pick(FOODS)}.\"",
            lambda: f"{c} told me that {self.pick(('she', 'he', 'they'))} had been {self.verb(2)} with {self.pick(FIRST)} from school",
            lambda: f"{self.pick(RELATIVES)} said {c} has been {self.pick(FEELINGS)} since {self.pick(('the move', 'Christmas', 'half term', 'the last contact', 'the court hearing', 'the new baby came'))}",
            lambda: f"The {self.pick(('house', 'flat', 'room', 'kitchen', 'lounge', 'bedroom'))} was {self.adj()} and {self.adj()}, and there was {self.pick(FOODS)} in the fridge",
            lambda: f"We {self.verb(1)} in {self.pick(PLACES)} for about {r.randint(5, 55)} minutes",
            lambda: f"{c} is doing well in {self.pick(SUBJECTS)} and finds {self.pick(SUBJECTS)} harder, according to {self.pick(PROFESSIONALS)}",
            lambda: f"Attendance at {n['school']} is {r.randint(71, 100)}% this term, with {r.randint(0, 9)} late marks",
            lambda: f"{c} has {self.pick(HEALTH)} and {self.pick(RELATIVES)} has booked an appointment for {self.date()} at {self.time()}",
            lambda: f"{c} wants to see {self.pick(RELATIVES)} more often and asked whether {self.pick(('she', 'he', 'they'))} could stay over at weekends",
            lambda: f"I spoke to {c} alone in {self.pick(PLACES)}; {self.pick(('she', 'he', 'they'))} said {self.pick(('she', 'he', 'they'))} feels {self.pick(FEELINGS)} at home",
            lambda: f"{c} drew a picture of {self.pick(PLACES)} with {self.noun()}s and {self.noun()}s, and explained who lives there",
            lambda: f"{self.pick(RELATIVES)} explained that money is tight: the {self.pick(('gas', 'electric', 'rent', 'council tax'))} is {self.money()} behind and the food shop is about {self.money()} a week",
            lambda: f"{c} supports {self.pick(TEAMS)} and watches {self.pick(PROGRAMMES)} with {self.pick(RELATIVES)}",
            lambda: f"The {self.noun()} was {self.verb(2)} around the {self.pick(('garden', 'lounge', 'kitchen', 'yard'))} and {c} {self.verb(1)} it",
            lambda: f"{self.pick(PROFESSIONALS).capitalize()} rang on {self.phone()} to say {c} had been {self.pick(FEELINGS)} in {self.pick(SUBJECTS)}",
            lambda: f"{c} showed me {self.pick(('her', 'his', 'their'))} {self.noun()}, called {self.pick(FIRST)}",
            lambda: f"We agreed that {self.pick(RELATIVES)} will {self.verb(0)} {self.noun()} before {self.pick(WEEKDAYS)}",
            lambda: f"{c} {self.verb(3)} {self.pick(FOODS)} most days and {self.pick(RELATIVES)} makes {self.pick(FOODS)} on {self.pick(WEEKDAYS)}s",
            lambda: f"{self.pick(RELATIVES)} lives at {self.street()}, {self.town()}, {self.postcode()}",
            lambda: f"{c} was {self.verb(2)} when I arrived and {self.verb(1)} {self.pick(ADVERBS)} when {self.pick(RELATIVES)} {self.verb(1)}",
            lambda: f"{self.pick(RELATIVES)} was {self.jargon()} when we talked about {self.pick(('the plan', 'the review', 'contact', 'school', 'the referral', 'the assessment', 'the house'))}",
            lambda: f"{c} {self.pick(('does not want', 'wants', 'would like', 'is not sure whether'))} to go to {self.pick(ACTIVITIES)} next term",
            lambda: f"The {self.noun()} in {self.pick(PLACES)} was {self.adj()} and {self.pick(RELATIVES)} said it would be replaced by {self.date()}",
            lambda: f"{c} had brought a {self.adj()} {self.noun()} back from {self.pick(PLACES)} and wanted to keep it by the {self.noun()}",
            lambda: f"There was a {self.adj()} {self.noun()} on the {self.noun()} and {self.pick(RELATIVES)} said it belonged to {self.pick(FIRST)} {self.surname()}",
            lambda: f"{c} has started to {self.verb(0)} at {self.pick(ACTIVITIES)} and {self.pick(RELATIVES)} {self.verb(1)} to help",
            lambda: f"{c} said the best thing this week was {self.pick(ACTIVITIES)} and the worst was {self.pick(('school', 'homework', 'bedtime', 'tidying up', 'the bus', 'being told off', 'missing Mum', 'missing Dad'))}",
        )
        s = self.pick(templates)()
        if self.chance(0.35):
            s += ", " + self.clause(c)
        if self.chance(0.06):
            s += f". It {self.pick(('appears', 'seems'))} that {c} {self.pick(('is', 'was'))} {self.pick(('settled', 'unsettled', 'struggling', 'happy', 'at risk'))}"
        return s + "."

    def quote(self, c: str) -> str:
        said = self.pick((
            f"I miss {self.pick(RELATIVES)}",
            f"I want a {self.noun()} for my birthday",
            f"The {self.noun()} at school is {self.adj()}",
            f"Can I have {self.pick(FOODS)} for tea",
            f"I want to go to {self.pick(PLACES)}",
            f"My {self.noun()} is called {self.pick(FIRST)}",
            f"I don't want to talk about {self.pick(('it', 'Dad', 'Mum', 'school', 'the shouting', 'that night'))}",
            f"I got a {self.pick(('sticker', 'certificate', 'star', 'merit', 'house point'))} for {self.pick(SUBJECTS)}",
            f"When can I see {self.pick(RELATIVES)} again",
            f"{self.pick(FIRST)} was mean to me at {self.pick(('break', 'dinner', 'PE', 'the bus stop'))}",
            f"I like it here because {self.pick(('it is quiet', 'I have my own room', 'there is a dog', 'nobody shouts', 'the food is nice'))}",
        ))
        return f"{c} said, \"{said}.\"" if self.chance(0.7) else f"In {self.pick(('her', 'his', 'their'))} words: \"{said}\"."

    def typo(self, text: str) -> str:
        def slip(m: re.Match) -> str:
            w = m.group(0)
            if len(w) < 5 or not self.chance(0.02):
                return w
            i = self.r.randint(1, len(w) - 2)
            kind = self.r.random()
            if kind < 0.4:
                return w[:i] + w[i + 1] + w[i] + w[i + 2:]
            if kind < 0.7:
                return w[:i] + w[i + 1:]
            return w[:i] + w[i] + w[i:]
        return re.sub(r"[A-Za-z]+", slip, text)

    # -- notes ---------------------------------------------------------------------------
    def context(self) -> dict:
        children = self.r.sample(FIRST, self.r.choice((1, 1, 1, 2, 2, 3)))
        return {"children": children, "ages": [self.r.randint(0, 17) for _ in children], "school": self.school(),
                "worker": f"{self.pick(ADULT_FIRST)} {self.surname()}", "surname": self.surname(),
                "town": self.town()}

    def body(self, n: dict, k: int) -> list[str]:
        out = []
        for _ in range(k):
            c = self.pick(n["children"])
            if self.chance(0.12):
                out.append(self.quote(c))
            elif self.chance(0.05):
                out.append(f"{self.pick(('It was felt that', 'It is thought that', 'Concerns were raised that', 'It was reported that'))} "
                           f"{c} {self.pick(('is', 'was'))} {self.adj()} {self.clause(c)}.")
            else:
                out.append(self.sentence(c, n))
        return out

    def paragraphs(self, sentences: list[str]) -> str:
        paras, cur = [], []
        for s in sentences:
            cur.append(s)
            if self.chance(0.28):
                paras.append(" ".join(cur))
                cur = []
        if cur:
            paras.append(" ".join(cur))
        return "\n\n".join(paras)

    def length(self) -> int:
        return max(3, int(self.r.lognormvariate(2.4, 0.55)))  # sentences: median ~11, long tail

    def names(self, n: dict) -> str:
        return " and ".join(f"{c} ({a})" for c, a in zip(n["children"], n["ages"]))

    def home_visit(self, n):
        head = f"{self.pick(('Home visit', 'Statutory visit', 'Unannounced home visit', 'Announced visit', 'CIN visit', 'CP visit'))} - {self.date()}, {self.time()}\n" \
               f"Present: {self.names(n)}, {self.pick(RELATIVES)}, {n['worker']} (social worker)\n\n"
        tail = f"\n\nNext steps: {self.pick(RELATIVES)} will {self.verb(0)} {self.noun()}; next visit {self.date()}."
        return head + self.paragraphs(self.body(n, self.length())) + tail

    def review(self, n):
        kind = self.pick(("Child in need review", "Child protection review conference", "LAC review", "Looked after review",
                          "Core group meeting", "Permanence planning meeting", "Team around the family meeting"))
        head = f"{kind} for {self.names(n)}\nDate: {self.date()}  Venue: {self.pick(PLACES)}  Ref: {self.ref()}\n" \
               f"Attendees: {', '.join(self.pick(PROFESSIONALS) for _ in range(self.r.randint(2, 6)))}\n\n"
        items = [f"{i + 1}. {s}" for i, s in enumerate(self.body(n, self.length()))]
        return head + "\n".join(items) + f"\n\nOutcome: {self.pick(('plan to continue', 'step down to early help', 'case to close', 'plan to be reviewed in 3 months', 'escalate to legal planning'))}."

    def phone_call(self, n):
        who = self.pick(PROFESSIONALS + RELATIVES)
        head = f"{self.pick(('Phone call', 'Telephone call', 'Call', 'Missed call and voicemail'))} {self.pick(('from', 'to', 'with'))} {who}, {self.date()} {self.time()} ({self.phone()})\n\n"
        return head + self.paragraphs(self.body(n, max(2, self.length() // 2)))

    def family_time(self, n):
        head = f"{self.pick(('Family time', 'Supervised contact', 'Contact session', 'Sibling contact'))} at {self.pick(PLACES)} " \
               f"with {self.pick(RELATIVES)}, {self.time()}-{self.time()}, {self.date()}\n\n"
        obs = [f"{self.time()} {s}" if self.chance(0.4) else s for s in self.body(n, self.length())]
        return head + self.paragraphs(obs)

    def residential_log(self, n):
        c = n["children"][0]
        head = f"Daily log - {c} {n['surname']} - {self.pick(('Oak House', 'Willow Lodge', 'The Beeches', 'Cedar View', 'Meadow House', 'Larch Court'))} - {self.date()}\n"
        lines = []
        for _ in range(max(3, self.length())):
            lines.append(f"{self.time()} {self.sentence(c, n)}" + (f" Staff: {self.pick(ADULT_FIRST)}." if self.chance(0.3) else ""))
        return head + "\n".join(lines)

    def letter(self, n):
        c = n["children"][0]
        head = f"Dear {c},\n\n"
        body = [f"It was lovely to see you at {self.pick(PLACES)} on {self.date()}.",
                f"You told me about {self.pick(ACTIVITIES)} and your {self.noun()}, {self.pick(FIRST)}."]
        body += [f"You {self.verb(1)} the {self.adj()} {self.noun()} and we talked about {self.pick(ACTIVITIES)}." for _ in range(self.r.randint(1, 5))]
        body += self.body(n, self.r.randint(2, 7))
        body.append(f"I will come and see you again on {self.date()}. If you want to talk before then, you can ring me on {self.phone()}.")
        return head + self.paragraphs(body) + f"\n\n{self.pick(('Best wishes', 'Take care', 'From'))},\n{n['worker']}"

    def school_visit(self, n):
        head = f"{self.pick(('School visit', 'Visit to school', 'Meeting at school', 'PEP meeting'))} - {n['school']}, {n['town']}, {self.date()}\n\n"
        return head + self.paragraphs(self.body(n, self.length()))

    def health(self, n):
        head = f"{self.pick(('Health appointment', 'Initial health assessment', 'Review health assessment', 'GP appointment', 'Hospital visit'))} - {self.date()} {self.time()}\n\n"
        return head + self.paragraphs([f"{self.pick(n['children'])} was seen for {self.pick(HEALTH)}."] + self.body(n, self.length()))

    def return_interview(self, n):
        c = n["children"][0]
        head = f"Return home interview - {c} {n['surname']} ({n['ages'][0]}) - missing from {self.date()} {self.time()} to {self.date()} {self.time()}\n\n"
        body = [f"{c} was found at {self.street()}, {self.town()} by {self.pick(PROFESSIONALS)}."] + self.body(n, self.length())
        return head + self.paragraphs(body)

    def supervision(self, n):
        head = f"Case discussion in supervision - {self.date()} - {n['worker']} with {self.pick(ADULT_FIRST)} {self.surname()} (team manager)\n\n"
        body = self.body(n, self.length()) + [f"Actions: {self.verb(0)} {self.pick(PROFESSIONALS)} by {self.date()}; chronology to be updated."]
        return head + self.paragraphs(body)

    def email(self, n):
        who = self.pick(PROFESSIONALS)
        head = f"Email {self.pick(('from', 'to'))} {who} ({self.pick(ADULT_FIRST).lower()}.{self.surname().lower().replace(chr(39), '')}@example.org), {self.date()}\nSubject: {self.names(n)}\n\n"
        return head + self.paragraphs(self.body(n, max(2, self.length() // 2)))

    def pathway(self, n):
        c = n["children"][0]
        head = f"Pathway plan review - {c} {n['surname']} (age {self.r.randint(16, 20)}) - {self.date()}\n\n"
        body = [f"{c} lives at {self.street()}, {n['town']}, {self.postcode()} and pays {self.money()} a week towards rent.",
                f"{c} is at {self.pick(('college', 'sixth form', 'work', 'an apprenticeship'))} studying {self.pick(SUBJECTS)}."] + self.body(n, self.length())
        return head + self.paragraphs(body)

    def direct_work(self, n):
        head = f"{self.pick(('Direct work session', 'Life story session', 'Wishes and feelings session', 'Three houses session'))} with {self.names(n)} - {self.date()}\n\n"
        body = self.body(n, self.length()) + [self.quote(self.pick(n["children"])) for _ in range(self.r.randint(1, 3))]
        return head + self.paragraphs(body)

    KINDS = (("home_visit", 24), ("review", 9), ("phone_call", 12), ("family_time", 9), ("residential_log", 8),
             ("letter", 6), ("school_visit", 6), ("health", 5), ("return_interview", 4), ("supervision", 5),
             ("email", 7), ("pathway", 3), ("direct_work", 5))

    def note(self, i: int) -> Note:
        kinds, weights = zip(*self.KINDS)
        kind = self.r.choices(kinds, weights)[0]
        text = getattr(self, kind)(self.context())
        return Note(f"note_{i:05d}_{kind}.txt", kind, self.typo(text) + "\n")


def generate(n: int = 2000, seed: int = 11) -> list[Note]:
    maker = Maker(random.Random(seed), _tail_words())
    return [maker.note(i) for i in range(n)]


WORD = re.compile(r"\w+(?:['’]\w+)*")  # the audit's own word count (langcheck.audit.work.WORD)


def stats(texts: list[str]) -> dict:
    words = [w for t in texts for w in WORD.findall(t)]
    chunks = {c for t in texts for c in t.split()}
    return {"notes": len(texts), "words": len(words), "word_types": len(set(words)),
            "word_types_casefolded": len({w.casefold() for w in words}), "whitespace_chunk_types": len(chunks),
            "mean_words_per_note": len(words) / max(1, len(texts))}


def write(notes: list[Note], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("note_*.txt"):
        old.unlink()
    paths = []
    for note in notes:
        p = folder / note.name
        p.write_text(note.text, encoding="utf-8")
        paths.append(p)
    return paths


def build(folder: Path, n: int = 2000, seed: int = 11) -> list[str]:
    """Generate, write the notes as .txt files into `folder`, and return their texts in file order."""
    notes = generate(n, seed)
    write(notes, folder)
    return [note.text for note in notes]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--out", type=Path, default=None, help="write the notes here as .txt files")
    args = ap.parse_args()
    notes = generate(args.notes, args.seed)
    if args.out:
        write(notes, args.out)
    s = stats([n.text for n in notes])
    print(", ".join(f"{k} {v:,.0f}" for k, v in s.items()))
    from collections import Counter

    print("kinds:", dict(Counter(n.kind for n in notes)))


if __name__ == "__main__":
    main()
