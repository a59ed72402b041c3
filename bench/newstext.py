"""Invented news text of any length, for the length benchmark and for before/after comparisons.

Why invented: the seeds are the test set, so no benchmark may be built from
them.  The generator fills varied paragraph templates (quotes with named,
titled, pronoun and role speakers; quotes split across sentences and
paragraphs; figures of every kind the figure layer knows: counts, money,
percentages, dates, ranges, vague magnitudes; place names from the
gazetteer and invented ones) with invented people, organisations and
events, drawn from a seeded random generator, so the same call always
gives the same text.  Repeated paragraphs are never identical (every slot
is drawn anew), so the variant aligner sees a realistic mix of near-duplicate
and unrelated sentences.
"""

from __future__ import annotations

import random

PEOPLE = [
    ("Maria", "Okafor", "f"), ("Tomas", "Lindqvist", "m"), ("Aiko", "Tanaka", "f"), ("Rafael", "Duarte", "m"),
    ("Ingrid", "Solberg", "f"), ("Kwame", "Mensah", "m"), ("Lucia", "Ferreira", "f"), ("Daniel", "Abebe", "m"),
    ("Priya", "Raman", "f"), ("Henrik", "Dahl", "m"), ("Nadia", "Haddad", "f"), ("Carlos", "Mendoza", "m"),
]
ROLES = ["port director", "health minister", "city mayor", "union spokeswoman", "finance minister",
         "chief economist", "police commissioner", "water authority spokesman", "regional governor"]
ORGS = ["the Harbour Authority", "the National Weather Service", "the Ministry of Health", "the Red Cross",
        "the Farmers Union", "the Central Bank", "the Coastal Guard", "the Transport Agency"]
PLACES = ["Lisbon", "Nairobi", "Toronto", "Osaka", "Lima", "Hanoi", "Accra", "Oslo", "Perth", "Quito",
          "Dakar", "Manila", "Bogota", "Porto", "Santiago", "Mombasa", "Valparaiso", "Bergen"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
THINGS = ["families", "workers", "containers", "buses", "homes", "patients", "ferries", "schools", "farms"]
VERBS = ["evacuated", "inspected", "repaired", "closed", "reopened", "counted", "flooded", "rebuilt"]
CLAIMS = [
    "We will not leave anyone behind", "The water is still rising faster than we expected",
    "Nobody could have planned for a storm like this", "Our crews have worked through the night",
    "This is the worst season in living memory", "The budget simply does not cover the repairs",
    "We need more boats and we need them now", "Prices will come down once the port reopens",
    "I have never seen the river this high", "They told us to wait, so we waited",
]


class NewsWriter:
    """Draws paragraphs; a seeded ``random.Random`` keeps every text reproducible."""

    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)

    def pick(self, items: list):
        return self.r.choice(items)

    def person(self) -> tuple[str, str, str]:
        return self.pick(PEOPLE)

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

    def paragraph(self) -> str:
        """One paragraph from one of ten templates."""
        first, last, sex = self.person()
        pron = "he" if sex == "m" else "she"
        role, org, place = self.pick(ROLES), self.pick(ORGS), self.pick(PLACES)
        claim, claim2 = self.pick(CLAIMS), self.pick(CLAIMS)
        n, thing, verb, when = self.number(), self.pick(THINGS), self.pick(VERBS), self.date()
        templates = [
            f"“{claim},” {first} {last}, the {role}, said {when}.",
            f"{first} {last} told reporters in {place} that {n} {thing} had been {verb} {when}. “{claim}.”",
            f"“{claim},” the {role} said. “{claim2}.”",
            f"According to {org}, {self.r.randint(3, 97)} percent of the {thing} in {place} were {verb} {when}, "
            f"at a cost of {self.money()}.",
            f"In {place}, {org} {self.pick(['said', 'announced', 'confirmed'])} that between {self.r.randint(2, 40)} "
            f"and {self.r.randint(41, 90)} {thing} were {verb}. “{claim},” {pron} added.",
            f"{role.capitalize()} {first} {last} had a blunt message: “{claim}.”",
            f"The storm reached {place} {when} and moved on toward {self.pick(PLACES)}, where {n} {thing} "
            f"were {verb}, officials said.",
            f"Mr. {last} said the plan would cost {self.money()}. “{claim}, and {claim2.lower()},” "
            f"{pron} said in a statement.",
            f"“{claim}”, said {first} {last}, who leads the {self.pick(['union', 'agency', 'council'])} in {place}.",
            f"Thousands of {thing} in {place} and {self.pick(PLACES)} remain without power, the {role} warned, "
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
        para = " ".join(w.paragraph() for _ in range(w.r.randint(1, 3)))
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts) + "\n"
