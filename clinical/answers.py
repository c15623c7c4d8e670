"""Reads a free-text answer to a yes/no check question: yes, no, not sure, or unclear (None).

The rules are the clinical notes' "How answers are read":
- The answer is cut into clauses by clinical.negation (commas, full stops, "and", "but"...), the
  same rule the emergency-sign extractor uses.
- The question's own phrases (`yes_if_text_mentions`, `no_if_text_mentions` in triage.yml) are
  matched as whole words; a phrase in a negated clause counts the other way ("no swelling"), and
  in a clause that says it is unsure ("not sure if it's swollen") it counts as not sure.
- A clause with none of the question's phrases is read for yes, no and not-sure words ("yeah a
  bit", "none of those", "dunno"). A clause that asks what a word means answers nothing.
- A number answers an age question ("i'm 24", "born in 1962").
- A mixed answer counts by its worst part: any yes wins, then not sure, then no.
- Nothing about the question: unclear. The NLU intent (affirm, deny, unsure) is the last resort.
"""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

from spacy.tokens import Doc
from text_to_num import alpha2digit

from clinical.negation import chat_language, default_scope, now_scope
from clinical.triage_engine import NO, NOT_SURE, YES, Question

# Anywhere in a clause: the person does not know.
_UNSURE = re.compile(
    r"\b(not (really |totally |entirely |completely |100% |a hundred percent )?(sure|certain)|unsure|"
    r"dunno|d[ou]n'?t know|do not know|dont no|no idea|idk|no clue|not a clue|who knows|"
    r"maybe|mayb|perhaps|possibly|might be|could be|might have|could have|hard to (say|tell|see)|"
    r"can'?t (really )?(say|tell|remember|find it|see)|cannot (say|tell)|unclear|50/50|fifty fifty|"
    r"uncertain|can'?t be sure|i guess|i suppose|i think|i reckon|couldn'?t (say|tell)|"
    r"probably|(haven'?t|have not|not|didn'?t) (really )?(checked|looked|tried)|(don'?t|do not) want to try|"
    r"(scared|afraid|too scared) to try|(don'?t|do not|can'?t) remember|"
    r"(don'?t|do not) want to (press|touch|check))\b"
)
# Leanings: "i think so" is a yes and "i guess not" a no, not uncertainty.
_LEANING_YES = re.compile(r"\b(i (think|guess|suppose|reckon|believe) so|probably (yes|so))\b")
_LEANING_NO = re.compile(
    r"\b(i (think|guess|suppose|reckon) not|(i )?(don'?t|do not) think so|probably not)\b"
)
_LEANING_WORDS = re.compile(r"\b(i (think|guess|suppose|reckon|believe)|probably)\b")
# A clause that asks what the question means answers nothing ("what does locked mean").
_DEFINITION_QUESTION = re.compile(
    r"\b(what (does|do|is|'s|are|counts as|do you mean)|whats|what\?|meaning of|define|mean\??$|"
    r"^why (does|do|would|are|is|should|you|did)|"
    r"means\??$|how (do|would|can) i (know|tell)|is that (normal|bad)\??$)"
)

# Anywhere in a clause: a plain no to the whole question.
_NO_ANYWHERE = re.compile(
    r"\b(none of (those|these|that|them|the above|it)|nothing like that|nothing of the sort|"
    r"not at all|not that i know( of)?|not that i('ve| have)? noticed|no to (all|everything|both)|"
    r"all no|no(ne)? at all|not in the slightest|not one bit|not even a (little|bit)|not that i can tell|"
    r"(don'?t|do not|didn'?t|did not) have (any of )?(that|those|them|any)|"
    r"(haven'?t|have not|not) (noticed|seen|had|got) (anything|any of)( like that)?)\b"
)
# At the start of a clause: a no, whatever follows ("nope, all good", "i didn't injure it").
_NO_START = re.compile(
    r"^(no+|no+pe*s?|nah+|naw|nay+|na|nup|nuh uh|not really|never|none|neither|negative|nothing|"
    r"definitely not|absolutely not|certainly not|of course not|not|no way|"
    r"i (do not|don'?t|haven'?t|have not|didn'?t|did not|am not|wasn'?t|was not|never)|i'?m not|im not|"
    r"it (is not|isn'?t|doesn'?t|does not|wasn'?t|was not|hasn'?t|has not|didn'?t)|it'?s not|its not|"
    r"they (aren'?t|are not|don'?t|do not)|there'?s no|there is no|there was no|there isn'?t|"
    r"there'?s nothing|"
    r"thankfully not|luckily not|thank (god|goodness) no)\b"
)
# The whole clause (without filler): a short no ("all good", "the calf is fine").
_NO_SHORT = re.compile(
    r"^(((\w+ ){0,4}\w+)('s|'re|'m| is| are| was| were| looks?| feels?| seems?| am|s) (fine|good|ok|okay|"
    r"alright|normal|all good|all fine|grand|sound|clear)( \w+){0,4}|i'?m ok(ay)?|im ok(ay)?|"
    r"all (fine|good|ok|okay|clear|normal)|fine|grand|nothing|nil|n|nein|non)$"
)
# At the start or the end of a clause: a yes word ("yeah, a bit", "too painful yes").
_YES_WORD = (
    r"(y|ye+s+|yeah?|yeh|yea|yep+|yup+|yah|ya|yh|ys|ja|aye|affirmative|sure|definitely|"
    r"absolutely|certainly|correct|true|indeed|afraid so|of course)"
)
_YES_START = re.compile(rf"^{_YES_WORD}\b")
_YES_END = re.compile(r"\b(ye+s+|yeah?|yep+|yup+)$")
# The whole clause (without filler): a short yes ("i do", "it is", "a bit").
_YES_SHORT = re.compile(
    r"^(i (do|have|am|did|was)|i'?m|it (is|does|has|was|did)|it'?s|its|they (are|do)|there is|"
    r"a (bit|little|little bit|tiny bit)|slightly|a touch|somewhat|some|yes please|uh huh|mhm+|"
    r"kind of|kinda|sort of|sorta|ish|"
    r"that'?s right|you bet|100%|100 percent|big time|very much( so)?|totally|for sure)$"
)
_FILLER = re.compile(
    r"\b(really|actually|honestly|just|well|um+|uh+|oh|so|though|then|too|i think|"
    r"lol|lmao|haha|mate|tbh|sadly|unfortunately|thankfully|luckily|otherwise|here|now|right now|"
    r"today|at the moment|atm|thanks|thank you|cheers|ugh|ew+|eek|god|gosh|omg|hmm)\b"
)
# "deformed? nah": a word of the question echoed back before the answer is not the answer.
_ECHOED_QUESTION = re.compile(r"^[a-z' ]{1,30}\?+\s+(?=\S)")
# Words that open a clause that may take back what came before ("no X, but Y").
_CONTRAST = frozenset({"but", "though", "although", "however", "except", "yet", "still", "whereas", "while"})
_EMOJI = {"👍": " yes ", "✅": " yes ", "✔": " yes ", "👎": " no ", "❌": " no ", "🤷": " not sure "}

# Ages: plain numbers, "in my 50s", "over 60", "born in 1962"; not durations or measures.
_NUMBER = re.compile(
    r"(?<![\d.])(\d{1,4})(?![\d.])(?!\s*(%|percent|days?|weeks?|months?|years? ago|yrs? ago|hours?|"
    r"mins?|minutes?|kg|lbs?|cm|km|miles?|steps?|times?|out of|/10|x\b))"
)
_SELF = re.compile(r"\b(i'?m|im|i am|me|myself)\W*(\w+\W+){0,2}$")
_DECADE = re.compile(
    r"\b(\d)0'?s\b|\b(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"
)
_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}
_NEARLY = re.compile(r"\b(nearly|almost|not quite|just under|not|i'?ll be|will be|turning|turn|be)\s*$")
_BELOW = re.compile(r"\b(under|below|younger than|less than)\s*$")
_ABOVE = re.compile(r"\b(over|above|older than|past|more than)\s*$")
_TEEN = re.compile(r"\b(teen|teenager|teens|student|at school|in school)\b")

# Intents from the NLU model that answer a yes/no question on their own.
INTENT_ANSWERS = {"affirm": YES, "deny": NO, "unsure": NOT_SURE}
MIN_INTENT_CONFIDENCE = 0.7
_SEVERITY = (YES, NOT_SURE, NO)  # worst part first


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, emoji as words, single spaces."""
    text = text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    for emoji, word in _EMOJI.items():
        text = text.replace(emoji, word)
    return " ".join(text.split())


@lru_cache(maxsize=512)
def _whole_words(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{pattern})(?![\w'])")


@lru_cache(maxsize=64)
def _tokens(text: str) -> Doc:
    return chat_language()(text)


def _without_echoed_question(text: str) -> str:
    echo = _ECHOED_QUESTION.match(text)
    if echo and _clause_reading(echo.group(0).rstrip("? ")) is None:
        return text[echo.end() :]
    return text


def _clause_reading(clause: str) -> str | None:
    """Yes, no or not sure from the general words of one clause."""
    if _LEANING_NO.search(clause):
        return NO
    if _LEANING_YES.search(clause):
        return YES
    if _UNSURE.search(clause):
        return NOT_SURE
    short = " ".join(_FILLER.sub(" ", clause).split())
    if _NO_ANYWHERE.search(clause) or _NO_START.search(clause) or _NO_START.search(short):
        return NO
    if _YES_START.search(clause) or _YES_START.search(short) or _YES_END.search(short):
        return YES
    if short and _NO_SHORT.search(short):
        return NO
    if short and _YES_SHORT.search(short):
        return YES
    return None


def _text_readings(text: str, question: Question) -> set[str]:
    """Every reading the clauses of the answer give (the worst one is the answer)."""
    doc = _tokens(text)
    clauses = (now_scope() if question.only_now else default_scope()).clauses(doc)
    clause_texts = clauses.texts(doc)
    asks_meaning = {c for c, clause in clause_texts.items() if _DEFINITION_QUESTION.search(clause)}
    readings: set[str] = {NOT_SURE for c in asks_meaning if _UNSURE.search(clause_texts[c])}
    # "not sure if it's growing" makes the phrase unsure; "i think it's growing" leans to yes.
    unsure = {c for c, clause in clause_texts.items() if _UNSURE.search(_LEANING_WORDS.sub(" ", clause))}
    with_mentions: set[int] = set()
    for reading, patterns in ((YES, question.yes_if_text_mentions), (NO, question.no_if_text_mentions)):
        for pattern in patterns:
            for match in _whole_words(pattern).finditer(text):
                span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                clause = clauses.clause_of[span.start]
                with_mentions.add(clause)
                if clause in asks_meaning:
                    continue
                said = (NO if reading == YES else YES) if clauses.is_negated(span) else reading
                readings.add(NOT_SURE if said == YES and clause in unsure else said)
    if question.no_phrases_win and NO in readings:
        readings.discard(YES)
    unread_contrast = False
    for clause, clause_text in clause_texts.items():
        if clause not in with_mentions and clause not in asks_meaning:
            reading = _clause_reading(clause_text)
            if reading:
                readings.add(reading)
            elif clauses.opened_by.get(clause) in _CONTRAST and len(clause_text.split()) >= 2:
                unread_contrast = True
    if unread_contrast and readings <= {NO}:
        # "no chest pain but I got proper puffed out": the part after "but" may be the sign in
        # words the reader does not know, so this is not a safe no. Asked again instead.
        return set()
    return readings


def _age_reading(text: str, threshold: int) -> str | None:
    """Yes at or above the threshold, no below, not sure when a decade straddles it."""
    digits = alpha2digit(text, "en")
    decade = _DECADE.search(digits)
    if decade:
        low = 10 * (int(decade.group(1)) if decade.group(1) else _DECADE_WORDS[decade.group(2)])
        if re.search(r"\b(late|upper)\s*$", digits[: decade.start()]):
            low += 5
        elif re.search(r"\b(early|lower)\s*$", digits[: decade.start()]):
            return YES if low >= threshold else NO if low + 4 < threshold else NOT_SURE
        return YES if low >= threshold else NO if low + 9 < threshold else NOT_SURE
    ages = []
    for match in _NUMBER.finditer(digits):
        number = int(match.group(1))
        before = digits[: match.start()]
        if 1900 <= number <= datetime.date.today().year and re.search(r"\b(born|since|in)\W*$", before):
            number = datetime.date.today().year - number
        if not 1 <= number <= 120:
            continue
        if _NEARLY.search(before):
            number -= 1
        elif _BELOW.search(before):
            if number > threshold + 1:  # "under 60": could be either side of 55
                return NOT_SURE
            number -= 1
        elif _ABOVE.search(before):
            if number < threshold - 1:  # "over 50"
                return NOT_SURE
            number += 1
        ages.append((bool(_SELF.search(before)), number))
    if ages:
        own = [number for is_self, number in ages if is_self]
        if own and len(own) < len(ages):  # "my mum's 60 but i'm 33": the person's own age
            ages = [(True, own[0])]
        numbers = [number for _, number in ages]
        if min(numbers) < threshold <= max(numbers):  # "54 or 55"
            return NOT_SURE
        return YES if numbers[0] >= threshold else NO
    if _TEEN.search(text):
        return NO if threshold > 20 else None
    return None


def read_answer(
    text: str | None,
    question: Question,
    intent: str | None = None,
    intent_confidence: float = 0.0,
) -> str | None:
    """Returns yes, no or not_sure, or None when the answer is unclear."""
    if text and text.startswith("/"):  # a button payload such as /affirm
        return INTENT_ANSWERS.get(intent or text[1:].split("{")[0])
    normalised = _without_echoed_question(normalise(text or ""))
    readings: set[str] = set()
    if normalised:
        if question.age_threshold is not None:
            age = _age_reading(normalised, question.age_threshold)
            if age:
                return age if not (age == NO and YES in _text_readings(normalised, question)) else YES
        readings = _text_readings(normalised, question)
    for reading in _SEVERITY:
        if reading in readings:
            return reading
    if intent in INTENT_ANSWERS and intent_confidence >= MIN_INTENT_CONFIDENCE:
        return INTENT_ANSWERS[intent]
    return None
