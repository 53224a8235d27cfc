"""A folder of question files in the study-set format, as a student collects them over a term:
40 history questions in sub-folders (one per unit or course), each answered by two or three
educators in two to four paragraphs of ordinary length, some naming another educator ("As
kdavis remarks", "Contrary to what rlewis suggests") and some with the NO-BREAK SPACE after a
full stop that the seed has.

Deterministic: the same files, byte for byte, on every run (so the same SHA-256s).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

NBSP = "\u00a0"

CREDENTIALS = [
    "eNotes educator| Certified Educator",
    "eNotes educator| Certified Educator",
    "eNotes educator| Teacher (K-12)",
    "eNotes educator| College Teacher",
]
EDUCATORS = [
    "mhistorian",
    "kdavis",
    "rlewis",
    "ahistorian2",
    "jbrooks",
    "tcarter",
    "sarahkeller",
    "dfrancis",
    "pohnpei397",
    "gpane",
]


@dataclass(frozen=True)
class Question:
    folder: str  # the sub-folder it is kept in
    text: str  # line 1 of the file: the question, and so the set's title
    terms: tuple[str, str, str]  # what the answers turn on
    year: int

    @property
    def file_name(self) -> str:
        words = "".join(c if c.isalnum() else "-" for c in self.text.lower()).split("-")
        return "-".join(word for word in words if word)[:48].strip("-") + ".txt"


UNIT_3 = "hist201-unit3-stalin"
QUESTIONS = [
    # HIST 201, Unit 3: the Soviet Union under Stalin (the course the journey builds)
    Question(UNIT_3, "How did Stalin defeat Trotsky in the succession struggle?",
             ("the party machine", "Socialism in One Country", "propaganda"), 1927),
    Question(UNIT_3, "Why did Stalin launch the first Five-Year Plan?",
             ("heavy industry", "the war scare of 1927", "grain procurement"), 1928),
    Question(UNIT_3, "What were the consequences of forced collectivisation?",
             ("collectivisation", "the kulaks", "the famine"), 1930),
    Question(UNIT_3, "Why did the famine of 1932-33 hit Ukraine hardest?",
             ("grain quotas", "the internal passport", "the famine"), 1932),
    Question(UNIT_3, "How did propaganda build Stalin's cult of personality?",
             ("propaganda", "the Short Course", "posters and film"), 1938),
    Question(UNIT_3, "Why did the Great Terror reach the Red Army?",
             ("the purges", "Tukhachevsky", "the NKVD"), 1937),
    Question(UNIT_3, "What did the Stakhanovite movement reveal about Soviet labour?",
             ("output norms", "propaganda", "the Donbas mines"), 1935),
    Question(UNIT_3, "How far did the 1936 Constitution describe Soviet reality?",
             ("the constitution", "the show trials", "propaganda"), 1936),
    Question(UNIT_3, "Why did Stalin sign the Nazi-Soviet Pact?",
             ("the pact", "collective security", "the secret protocol"), 1939),
    Question(UNIT_3, "How did the Soviet Union survive Operation Barbarossa?",
             ("the evacuation of industry", "the winter", "Lend-Lease"), 1941),
    Question(UNIT_3, "What was the role of the Gulag in the Soviet economy?",
             ("forced labour", "the NKVD", "the White Sea Canal"), 1933),
    Question(UNIT_3, "How did socialist realism change Soviet culture?",
             ("socialist realism", "the Writers' Union", "censorship"), 1934),
    # HIST 201, Unit 1: revolution and civil war
    Question("hist201-unit1-revolution", "Why did the February Revolution succeed so quickly?",
             ("the Petrograd garrison", "bread queues", "the war"), 1917),
    Question("hist201-unit1-revolution", "How did Lenin's April Theses change Bolshevik policy?",
             ("the April Theses", "the soviets", "peace, land and bread"), 1917),
    Question("hist201-unit1-revolution", "Why did the Provisional Government fail?",
             ("dual power", "the Kornilov affair", "the war"), 1917),
    Question("hist201-unit1-revolution", "What did the Treaty of Brest-Litovsk cost Russia?",
             ("Brest-Litovsk", "Ukraine", "the Left SRs"), 1918),
    Question("hist201-unit1-revolution", "Why did the Whites lose the Russian Civil War?",
             ("the Red Army", "the peasants", "propaganda"), 1920),
    Question("hist201-unit1-revolution", "What was War Communism meant to achieve?",
             ("requisitioning", "the Kronstadt revolt", "nationalisation"), 1921),
    Question("hist201-unit1-revolution", "Why did Lenin introduce the New Economic Policy?",
             ("the NEP", "the Kronstadt revolt", "the peasants"), 1921),
    Question("hist201-unit1-revolution", "How did the Cheka secure Bolshevik power?",
             ("the Cheka", "the Red Terror", "Dzerzhinsky"), 1918),
    # HIST 202: the Cold War
    Question("hist202-cold-war", "Why did the wartime alliance break down after 1945?",
             ("Poland", "the atomic bomb", "Potsdam"), 1945),
    Question("hist202-cold-war", "What was the purpose of the Truman Doctrine?",
             ("containment", "Greece and Turkey", "Kennan's Long Telegram"), 1947),
    Question("hist202-cold-war", "Was the Marshall Plan an act of generosity?",
             ("reconstruction", "Molotov's walk-out", "Western Europe"), 1947),
    Question("hist202-cold-war", "How did the Berlin Blockade end?",
             ("the airlift", "the Deutschmark", "the Western sectors"), 1949),
    Question("hist202-cold-war", "Why did the Korean War end in stalemate?",
             ("the 38th parallel", "Chinese intervention", "MacArthur"), 1953),
    Question("hist202-cold-war", "Why did Khrushchev denounce Stalin in 1956?",
             ("the Secret Speech", "de-Stalinisation", "the cult of personality"), 1956),
    Question("hist202-cold-war", "How did the Hungarian Revolution of 1956 unfold?",
             ("Imre Nagy", "the Warsaw Pact", "Radio Free Europe"), 1956),
    Question("hist202-cold-war", "What led to the Cuban Missile Crisis?",
             ("the Jupiter missiles", "the Bay of Pigs", "the blockade"), 1962),
    Question("hist202-cold-war", "How did the Space Race reflect Cold War rivalry?",
             ("Sputnik", "propaganda", "the missile gap"), 1957),
    Question("hist202-cold-war", "Why was the Berlin Wall built?",
             ("the refugee flow", "Ulbricht", "the open border"), 1961),
    # Modern Europe
    Question("modern-europe", "What caused the First World War?",
             ("the alliance system", "the July Crisis", "militarism"), 1914),
    Question("modern-europe", "Why did the Weimar Republic collapse?",
             ("hyperinflation", "Article 48", "the Depression"), 1933),
    Question("modern-europe", "How did Mussolini come to power?",
             ("the March on Rome", "the squadristi", "the king"), 1922),
    Question("modern-europe", "Why did appeasement fail?",
             ("Munich", "rearmament", "the Sudetenland"), 1938),
    Question("modern-europe", "How did Nazi propaganda win support?",
             ("propaganda", "Goebbels", "the radio"), 1933),
    Question("modern-europe", "Why did the Spanish Civil War draw in foreign powers?",
             ("non-intervention", "the Condor Legion", "the International Brigades"), 1936),
    Question("modern-europe", "What were the aims of the League of Nations?",
             ("collective security", "the mandates", "Abyssinia"), 1935),
    Question("modern-europe", "How did the Battle of Stalingrad change the war?",
             ("encirclement", "Operation Uranus", "the Sixth Army"), 1942),
    Question("modern-europe", "What were the consequences of the Treaty of Versailles?",
             ("reparations", "the war guilt clause", "the Rhineland"), 1919),
    Question("modern-europe", "How did women's work change during the First World War?",
             ("munitions factories", "the vote", "demobilisation"), 1916),
]  # fmt: skip

OPENINGS = [
    "The short answer turns on {t0}. Historians still argue about how far it was planned and "
    "how far it followed from choices made before {year}, but almost every account starts "
    "there, and so should yours.",
    "Most textbooks begin with {t0}, and for good reason: without it the events of {year} "
    "make little sense. It was not the only cause, but it is the one the others hang on.",
    "I would put {t1} first. {T0} mattered, of course, yet it was {t1} that turned a "
    "difficult situation into the outcome we study, and the sources from {year} say so "
    "quite openly.",
]
MIDDLES = [
    "A second point concerns {t1}. Contemporaries saw it very differently, and the sources "
    "each of us reads first shape the answer we give. Memoirs written after the fact "
    "tend to make it look inevitable; the documents of the time are far less sure.",
    "Consider also {t2}. It is easy to treat it as a detail, but it shows how decisions were "
    "actually made: by a small group, under pressure, with poor information. That is worth "
    "a paragraph of its own in any essay.",
    "The role of {t2} is often overstated. It made the result more likely, not certain, and "
    "a good answer weighs it against {t0} rather than listing the two side by side.",
]
CROSS_REFERENCES = [
    "As {other} remarks, {t0} was not the whole story; give {t2} as much weight, "
    "especially when you look at what happened after {year}.",
    "Contrary to what {other} suggests, I do not think {t1} was decisive. It mattered "
    "mostly because of {t0}, which had already narrowed the choices open to everyone.",
    "I agree with {other} here: {t1} explains the timing, and {t0} explains the result.",
]
CLOSINGS = [
    "In short: {t0} first, {t1} second, and {t2} as the context that made both matter. "
    "Examiners reward an answer that ranks causes and says why.",
    "So the question has no single answer, but it has a best order of causes: {t0}, then "
    "{t1}, then {t2}, with {year} as the year to anchor them to.",
]


def _fill(template: str, question: Question, other: str = "") -> str:
    t0, t1, t2 = question.terms
    return template.format(
        t0=t0, t1=t1, t2=t2, T0=t0[:1].upper() + t0[1:], year=question.year, other=other
    )


def study_text(number: int, question: Question) -> str:
    """One file's text: the question, 'Expert Answers', two or three educators' answers."""
    rng = random.Random(number)
    handles = rng.sample(EDUCATORS, 2 + number % 2)
    lines = [question.text, "", "Expert Answers"]
    for index, handle in enumerate(handles):
        lines.append(f"{handle} {rng.choice(CREDENTIALS)}")
        lines.append("")
        paragraphs = [_fill(OPENINGS[(number + index) % len(OPENINGS)], question)]
        for _ in range(rng.randint(0, 2)):
            paragraphs.append(_fill(rng.choice(MIDDLES), question))
        if index > 0:  # a later educator names an earlier one, as in the seed
            earlier = handles[rng.randrange(index)].rstrip("0123456789")
            paragraphs.append(_fill(rng.choice(CROSS_REFERENCES), question, earlier))
        paragraphs.append(_fill(rng.choice(CLOSINGS), question))
        if number % 3 == 0:  # the seed's NO-BREAK SPACE after a full stop, now and then
            paragraphs[0] = paragraphs[0].replace(". ", "." + NBSP, 1)
        for paragraph in paragraphs:
            lines += [paragraph, ""]
    return "\n".join(lines).rstrip("\n")  # like the seed: no newline at the end


def write_question_folder(folder: Path) -> list[Path]:
    """The 40 question files under ``folder`` (in sub-folders); their paths, in order."""
    written = []
    for number, question in enumerate(QUESTIONS, start=1):
        path = folder / question.folder / question.file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(study_text(number, question), encoding="utf-8")
        written.append(path)
    return written


def questions_in(folder: str) -> list[str]:
    return [question.text for question in QUESTIONS if question.folder == folder]


def questions_mentioning(word: str) -> list[str]:
    """The questions whose answers use ``word`` (each answer opens with the first term and
    closes with all three, so a term is always in the text)."""
    return [q.text for q in QUESTIONS if any(word in term for term in q.terms)]
