"""Invented news text of any length, for the length benchmark and for before/after comparisons.

Why invented: the seeds are the test set, so no benchmark may be built from
them.  A long text is a digest of short stories, each with its own cast of
invented people (syllable surnames), a role, an organisation and places from
the gazetteer.  Paragraphs come from ten templates (quotes with named,
titled, pronoun and role speakers, colon introductions, quotes across
sentences; counts, money, percentages, dates, ranges, vague magnitudes)
whose slots are drawn anew each time from a seeded random generator, so
the same call always gives the same text, and quoted sentences are
combinations that rarely repeat: like real news, a longer text says more
different things rather than the same things more often.
"""

from __future__ import annotations

import random

GIVEN = [("Maria", "f"), ("Tomas", "m"), ("Aiko", "f"), ("Rafael", "m"), ("Ingrid", "f"), ("Kwame", "m"),
         ("Lucia", "f"), ("Daniel", "m"), ("Priya", "f"), ("Henrik", "m"), ("Nadia", "f"), ("Carlos", "m"),
         ("Elena", "f"), ("Samuel", "m"), ("Grace", "f"), ("Omar", "m"), ("Hanna", "f"), ("Victor", "m")]
SYLLABLES = ["ka", "ro", "ven", "tal", "mi", "sor", "del", "be", "nu", "ga", "lin", "dor", "pe", "ha", "vi", "sten"]
ROLES = ["port director", "health minister", "city mayor", "union spokeswoman", "finance minister",
         "chief economist", "police commissioner", "water authority spokesman", "regional governor"]
ORG_HEADS = ["Harbour Authority", "Weather Service", "Ministry of Health", "Farmers Union", "Central Bank",
             "Coastal Guard", "Transport Agency", "Teachers Federation", "Housing Council"]
PLACES = ["Lisbon", "Nairobi", "Toronto", "Osaka", "Lima", "Hanoi", "Accra", "Oslo", "Perth", "Quito",
          "Dakar", "Manila", "Bogota", "Porto", "Santiago", "Mombasa", "Valparaiso", "Bergen", "Auckland",
          "Montevideo", "Kampala", "Lusaka", "Seville", "Bilbao", "Tampere", "Aarhus", "Gothenburg", "Cork",
          "Halifax", "Winnipeg", "Denver", "Tucson", "Recife", "Cusco", "Arequipa", "Cebu", "Davao", "Kochi",
          "Pune", "Chiang Mai", "Da Nang", "Busan", "Sapporo", "Hobart", "Darwin", "Durban", "Windhoek"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
THINGS = ["families", "workers", "containers", "buses", "homes", "patients", "ferries", "schools", "farms",
          "bridges", "clinics", "trucks", "warehouses", "students", "fishing boats", "pensioners"]
VERBS = ["evacuated", "inspected", "repaired", "closed", "reopened", "counted", "flooded", "rebuilt",
         "insured", "relocated", "vaccinated", "audited"]
SUBJECTS = ["The water", "Our crews", "The budget", "Nobody", "We", "The new bridge", "Prices", "The ferry service",
            "This plan", "The river", "Every family", "The harbour", "Our engineers", "The schools"]
PREDICATES = ["will not cover", "has already reached", "cannot wait for", "must include", "depends on",
              "was never meant for", "will outlast", "is still short of", "has to pay for", "keeps failing"]
ADJECTIVES = ["old", "northern", "flooded", "empty", "new", "last", "main", "smaller", "coastal", "eastern",
              "busiest", "oldest", "temporary", "damaged"]


class NewsWriter:
    """Draws paragraphs; a seeded ``random.Random`` keeps every text reproducible."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        vocab = random.Random(0)  # one vocabulary for every text, so two texts share words
        self.words = sorted({"".join(vocab.choice(SYLLABLES) for _ in range(vocab.randint(2, 4)))
                             for _ in range(30_000)})
        vocab.shuffle(self.words)
        self.weights = [1 / (rank + 1) ** 1.1 for rank in range(len(self.words))]

    def detail(self, low: int = 4, high: int = 9) -> str:
        """Lower-case pseudo-words drawn with a Zipf-like law: what the story is about, never the same twice."""
        return " ".join(self.r.choices(self.words, self.weights, k=self.r.randint(low, high)))

    def pick(self, items: list):
        return self.r.choice(items)

    def person(self) -> tuple[str, str, str]:
        """An invented person: a given name and a surname of two or three syllables."""
        first, sex = self.pick(GIVEN)
        last = "".join(self.pick(SYLLABLES) for _ in range(self.r.randint(2, 3))).capitalize()
        return first, last, sex

    def claim(self, place: str) -> str:
        """An invented sentence of quoted speech; combinations are many, so quotes rarely repeat."""
        return (f"{self.pick(SUBJECTS)} {self.pick(PREDICATES)} the {self.pick(ADJECTIVES)} "
                f"{self.pick(THINGS)} {self.detail(2, 6)} in {place}")

    def number(self) -> str:
        return self.pick([f"{self.r.randint(2, 99)}", f"{self.r.randint(1, 9)},{self.r.randint(100, 999)}",
                          self.pick(["three", "five", "seven", "twelve", "dozens of", "hundreds of"])])

    def date(self) -> str:
        return self.pick([f"on {self.pick(DAYS)}", f"on {self.pick(MONTHS)} {self.r.randint(1, 28)}",
                          f"on {self.r.randint(1, 28)} {self.pick(MONTHS)} {self.r.randint(1998, 2021)}",
                          "last week", "overnight"])

    def money(self) -> str:
        return self.pick([f"${self.r.randint(2, 900)} million", f"€{self.r.randint(2, 90)}.{self.r.randint(1, 9)} billion",
                          f"{self.r.randint(10, 500)} million euros"])

    def story(self) -> list[str]:
        """One story: its own cast (people, a role, an organisation, places) over 3 to 8 paragraphs."""
        cast = [self.person() for _ in range(self.r.randint(2, 4))]
        role, org = self.pick(ROLES), f"the {self.pick(ORG_HEADS)}"
        places = [self.pick(PLACES) for _ in range(3)]
        return [" ".join(self.paragraph(cast, role, org, places) for _ in range(self.r.randint(1, 3)))
                for _ in range(self.r.randint(3, 8))]

    def paragraph(self, cast: list[tuple[str, str, str]], role: str, org: str, places: list[str]) -> str:
        """One paragraph from one of ten templates, filled from the story's cast."""
        first, last, sex = self.pick(cast)
        pron = "he" if sex == "m" else "she"
        place = self.pick(places)
        claim, claim2 = self.claim(place), self.claim(self.pick(places))
        n, thing, verb, when = self.number(), self.pick(THINGS), self.pick(VERBS), self.date()
        templates = [
            f"“{claim},” {first} {last}, the {role}, said {when}.",
            f"{first} {last} told reporters in {place} that {n} {thing} {self.detail()} had been {verb} {when}. “{claim}.”",
            f"“{claim},” the {role} said. “{claim2}.”",
            f"According to {org}, {self.r.randint(3, 97)} percent of the {thing} {self.detail()} in {place} were "
            f"{verb} {when}, at a cost of {self.money()}.",
            f"In {place}, {org} {self.pick(['said', 'announced', 'confirmed'])} that between {self.r.randint(2, 40)} "
            f"and {self.r.randint(41, 90)} {thing} were {verb} {self.detail()}. “{claim},” {pron} added.",
            f"{role.capitalize()} {first} {last} had a blunt message: “{claim}.”",
            f"The storm reached {place} {when} and moved on toward {self.pick(places)}, where {n} {thing} "
            f"{self.detail()} were {verb}, officials said.",
            f"Mr. {last} said the plan {self.detail()} would cost {self.money()}. “{claim}, and {claim2[0].lower() + claim2[1:]},” "
            f"{pron} said in a statement.",
            f"“{claim}”, said {first} {last}, who leads the {self.pick(['union', 'agency', 'council'])} in {place}.",
            f"Thousands of {thing} in {place} and {self.pick(places)} {self.detail()}, the {role} warned, "
            f"{self.r.randint(2, 9)} days after the first {self.pick(['floods', 'fires', 'storms'])}.",
        ]
        return self.pick(templates)

    def headline(self) -> str:
        return f"{self.pick(PLACES)} counts the cost as {self.pick(THINGS)} are {self.pick(VERBS)}"


def news_text(n_chars: int, seed: int = 7) -> str:
    """An invented news article of about ``n_chars`` characters: headline, dateline, paragraphs."""
    w = NewsWriter(seed)
    parts = [w.headline(), f"{w.pick(PLACES).upper()}, {w.pick(MONTHS)} {w.r.randint(1, 28)} (Wire) -"]
    size = sum(len(p) + 2 for p in parts)
    while size < n_chars:
        for para in w.story():
            parts.append(para)
            size += len(para) + 2
    return "\n\n".join(parts) + "\n"
