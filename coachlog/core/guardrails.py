"""How a goal is phrased, judged by the method [004]: a coaching goal needs only the rep's yes,
a sales goal needs the customer's; a goal must be measurable, never "soft and squishy".

Pure and table-driven: a title is cut into words and read as a person reads it, by its verb
and what the verb acts on, not matched against a list of whole sentences.

- **A sales goal** names an outcome the customer decides:
  - an outcome verb (``win``, ``close``, ``land``, ``sign``, ``clinch``, ``seal``, ``renew``,
    ``convert``, ``capture``) acting on a customer, a deal or a paper of the deal: "Win
    Initech", "Close Globex by end of month", "Land the Umbrella deal", "Sign the MSA";
  - ``get``, ``secure``, ``obtain`` or ``receive`` a paper of the deal or its yes: "Get the
    PO", "Secure the signed order form", "Get a verbal yes from Acme";
  - a customer made to decide: "Get Acme to sign", "Have Globex commit";
  - the outcome as a state: "Acme deal closed", "Contract signed by Initech".
  An outcome verb acting on an activity is a coaching goal ("Land a meeting with the CFO",
  "Close the loop with procurement", "Sign up for the negotiation course"), and ``win rate``,
  ``close rate`` are pistons of the engine, not sales.
- **Soft wording**: "try to", "work on", "focus on", "think about", "look into", "be more",
  "get better at", or a verb of change ("improve", "increase", "reduce"...) with no number in
  the title and no target.
"""

from __future__ import annotations

import re


def _set(text: str) -> frozenset[str]:
    return frozenset(text.split())


OUTCOME_VERBS = _set(
    "win wins winning won close closes closing closed land lands landing landed sign "
    "signs signing signed clinch clinched seal sealed renew renewed convert converted "
    "capture captured"
)
GETTING_VERBS = _set("get secure obtain receive")
CAUSING_VERBS = _set("get have make push convince persuade")
DECIDING_VERBS = _set("sign buy purchase commit approve agree order renew")
DEAL_PAPERS = _set(
    "deal deals contract contracts po pos purchase order orders signature signatures "
    "msa sow agreement agreements renewal renewals business account accounts logo "
    "logos sale sales revenue bookings booking commitment yes verbal approval"
)
# what a rep does, not what the customer decides: an outcome verb acting on one is an activity
ACTIVITY_WORDS = _set(
    "call calls meeting meetings demo demos intro intros session sessions workshop "
    "workshops validation review reviews plan plans planning loop course courses "
    "training questionnaire slot slots time agenda agendas draft drafts notes note "
    "email emails briefing follow-up checklist questions question map"
)
PISTON_NOUNS = _set("rate rates ratio ratios")
PARTICLES = frozenset(["up"])  # "sign up for": not the outcome verb
PARTICIPLES = _set("closed signed won landed renewed booked")
LEADS = (
    ("try", "to"),
    ("try", "and"),
    ("aim", "to"),
    ("plan", "to"),
    ("want", "to"),
    ("make", "sure", "to"),
    ("make", "sure", "we"),
    ("be", "able", "to"),
)

SOFT_PHRASES = (
    ("try", "to"),
    ("try", "and"),
    ("attempt", "to"),
    ("work", "on"),
    ("focus", "on"),
    ("think", "about"),
    ("look", "into"),
    ("be", "more"),
    ("get", "better"),
    ("do", "better"),
)
CHANGE_VERBS = _set(
    "improve enhance strengthen increase raise boost grow reduce lower shorten lift "
    "better optimise optimize"
)

_WORDS = re.compile(r"[a-z0-9$]+(?:['\u2019-][a-z0-9]+)*")


def words_of(title: str) -> list[str]:
    """The title's words, lower case, apostrophes and hyphens kept inside a word."""
    return _WORDS.findall(title.lower())


def _without_leads(words: list[str]) -> list[str]:
    """The words after a lead that changes nothing of what is asked ("try to", "aim to")."""
    changed = True
    while changed:
        changed = False
        for lead in LEADS:
            if tuple(words[: len(lead)]) == lead:
                words, changed = words[len(lead) :], True
    return words


def _activity(rest: list[str]) -> bool:
    return any(w in ACTIVITY_WORDS for w in rest[:6])


def is_sales_goal(title: str) -> bool:
    """A goal only the customer can decide (module doc): not a coaching goal."""
    words = _without_leads(words_of(title))
    if not words:
        return False
    verb, rest = words[0], words[1:]
    if verb in OUTCOME_VERBS or (verb == "book" and any(w in DEAL_PAPERS for w in rest[:5])):
        if not rest or rest[0] in PISTON_NOUNS or rest[0] in PARTICLES:
            return False  # "win rate", "sign up for"
        return not (rest[:2] == ["the", "loop"] or _activity(rest))  # "land a meeting"
    if verb in GETTING_VERBS and any(w in DEAL_PAPERS for w in rest[:5]) and not _activity(rest):
        return True  # "get the PO", "secure the signed order form"
    if verb in CAUSING_VERBS:  # "get Acme to sign", "have Globex commit"
        for j, later in enumerate(rest[:6]):
            if j > 0 and later in DECIDING_VERBS:
                return True
    # the outcome as a state: "Acme deal closed", "contract signed by Initech"
    return any(
        w in PARTICIPLES and any(p in DEAL_PAPERS for p in words[:i]) for i, w in enumerate(words)
    )


def is_soft_goal(title: str, has_target: bool) -> bool:
    """Soft, squishy wording (module doc): nobody could say whether it was achieved."""
    words = words_of(title)
    for i in range(len(words)):
        if any(tuple(words[i : i + len(p)]) == p for p in SOFT_PHRASES):
            return True
    if has_target or any(ch.isdigit() for ch in title):
        return False
    return any(w in CHANGE_VERBS for w in _without_leads(words)[:2])
