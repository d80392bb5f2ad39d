"""Sentence templates and Markdown furniture for the corpus, in Swedish and English.

Slots: ``{n}`` noun, ``{nd}`` definite noun (Swedish), ``{np}`` plural, ``{npd}`` definite
plural (Swedish), ``{a}`` adjective, ``{v}`` infinitive, ``{vp}`` present (English: third
person), ``{vd}`` past, ``{vt}`` supine (English: -ing), ``{p}`` person, ``{c}`` company,
``{pr}`` product, ``{ci}`` city, ``{re}`` region, ``{ch}`` channel, ``{num}``, ``{pct}``,
``{money}``, ``{date}``, ``{q}`` quarter, ``{wd}`` weekday, ``{mo}`` month, ``{x}`` in-house
jargon. A capitalized slot name (``{Nd}``) capitalizes what fills it.
"""

from __future__ import annotations

SENTENCES = {
    "sv": """
Vi behöver {v} {nd} före {date} så att {p} hinner {v} {np}.
{P} på {c} föreslog att vi {v} en {a} {n} i {ci}.
Enligt {nd} ligger vi {pct} över förra kvartalet.
Målet för {q} är att {v} {num} nya {np} inom {n}.
{Nd} ska vara klar senast {date}, och {p} ansvarar för {nd}.
Det finns en risk att {nd} {vp} om vi inte {vp} {np} i tid.
Kan någon {v} {nd} innan mötet på {wd}?
Vi {vd} {np} förra veckan och fick {num} svar från {npd}.
{P} tar fram ett förslag på {n} tillsammans med {c}.
Fokus under {q} ligger på {np} inom {n} och {n}.
Kostnaden för {nd} landar på {money}, vilket är {pct} mindre än i fjol.
Vi har {vt} {nd} och ser att {npd} {vp} snabbare i {ci}.
Nästa steg är att {v} {nd} och sedan {v} {np} med {c}.
Alla {np} ska loggas i {pr} senast {wd}.
{P} påpekade att {nd} inte hänger ihop med {nd}.
Vi testar en {a} {n} på {ch} under {num} veckor.
Beslut: {p} {vp} {nd} och återkommer om {n} på {wd}.
Frågan är om {nd} räcker för att {v} {np} i {re}.
Utfallet blev {num} {np}, drygt {pct} bättre än plan.
Vi bör {v} {npd} tidigare i processen, annars tappar vi {nd}.
Det här är en {a} {n} som {p} har jobbat med sedan {mo}.
Under workshopen i {ci} {vd} vi både {np} och {np}.
Kunden ville veta hur {nd} påverkar {nd} och {nd}.
{P} och {p} äger {nd} fram till {date}.
Sammanfattningsvis {vp} {nd} bra, men {npd} behöver mer tid.
Om {nd} inte är klar före {date} flyttar vi {nd} till {q}.
I {pr} finns nu en {a} {n} för {np}.
Vi har fått {num} nya {np} via {ch} sedan {mo}.
Tanken är att {npd} ska {v} {nd} utan att vi {vp} {np}.
{P} lovade att {v} {nd} direkt efter lunch.
Internt kallar vi det för {x}, men kunden säger {n}.
{X}-projektet går enligt plan och {nd} är {vt}.
Vi jämför {nd} med {nd} från {c} innan vi bestämmer oss.
Ingen har hunnit {v} {nd} ännu, så {p} tar det på {wd}.
Enligt {p} är {nd} viktigare än {nd} just nu.
Vi landade i att {v} {np} i {re} först och {ci} sedan.
{Np} från {ch} konverterar sämre än {np} från {ch}.
Efter mötet med {c} {vd} vi {nd} och {nd}.
Jag skickar {nd} till {p} så fort {nd} är godkänd.
Det blir en {a} {n} med fokus på {np} och {np}.
""",
    "en": """
We need to {v} the {n} before {date} so that {p} can {v} the {np}.
{P} at {c} suggested that we {v} a {a} {n} in {ci}.
According to the {n}, we are {pct} ahead of last quarter.
The goal for {q} is to {v} {num} new {np} across the {n}.
The {n} has to be ready by {date}, and {p} owns the {n}.
There is a risk that the {n} {vp} late unless we {v} the {np} in time.
Can someone {v} the {n} before the meeting on {wd}?
We {vd} the {np} last week and got {num} replies from {np}.
{P} is drafting a proposal for the {n} together with {c}.
In {q} the focus is on {np} in the {n} and the {n}.
The cost of the {n} lands at {money}, which is {pct} less than last year.
We have been {vt} the {n} and the {np} move faster in {ci}.
The next step is to {v} the {n} and then {v} the {np} with {c}.
All {np} must be logged in {pr} by {wd}.
{P} pointed out that the {n} does not match the {n}.
We are testing a {a} {n} on {ch} for {num} weeks.
Decision: {p} {vp} the {n} and comes back about the {n} on {wd}.
The question is whether the {n} is enough to {v} {np} in {re}.
The outcome was {num} {np}, roughly {pct} better than plan.
We should {v} the {np} earlier in the process, or we lose the {n}.
This is a {a} {n} that {p} has worked on since {mo}.
During the workshop in {ci} we {vd} both the {np} and the {np}.
The customer asked how the {n} affects the {n} and the {n}.
{P} and {p} own the {n} until {date}.
In short, the {n} {vp} well, but the {np} need more time.
If the {n} is not ready by {date}, we move the {n} to {q}.
{Pr} now has a {a} {n} for {np}.
We have received {num} new {np} via {ch} since {mo}.
The idea is that the {np} {v} the {n} without us {vt} more {np}.
{P} promised to {v} the {n} right after lunch.
Internally we call it {x}, but the customer says {n}.
The {x} project is on track and the {n} is {vt}.
We compare the {n} with the {n} from {c} before we decide.
Nobody has had time to {v} the {n} yet, so {p} takes it on {wd}.
According to {p}, the {n} matters more than the {n} right now.
We agreed to {v} {np} in {re} first and {ci} later.
{Np} from {ch} convert worse than {np} from {ch}.
After the meeting with {c} we {vd} the {n} and the {n}.
I will send the {n} to {p} as soon as the {n} is approved.
It will be a {a} {n} focused on {np} and {np}.
""",
}

TITLES = {
    "brief": {"sv": "Kampanjbrief: {Pr} {q}", "en": "Campaign brief: {Pr} {q}"},
    "playbook": {"sv": "Säljplaybook för {re}", "en": "Sales playbook: {re}"},
    "notes": {"sv": "Mötesanteckningar {date}", "en": "Meeting notes {date}"},
    "report": {"sv": "Månadsrapport {mo}", "en": "Monthly report: {mo}"},
}

TABLE_HEADERS = {
    "sv": (("Kanal", "Kostnad", "Ansvarig", "Status"), ("Aktör", "Antal", "Andel", "Kommentar")),
    "en": (("Channel", "Cost", "Owner", "Status"), ("Item", "Count", "Share", "Comment")),
}
STATUSES = {
    "sv": ("klar", "pågår", "ej startad", "försenad", "pausad"),
    "en": ("done", "in progress", "not started", "late", "paused"),
}
HOSTS = (
    "intranet.example.com",
    "docs.example.com",
    "drive.example.com/d",
    "crm.example.com/opportunities",
    "wiki.example.se/marknad",
    "github.com/example/playbooks/blob/main",
)

#: Fenced code blocks: the language tag and the code, with slots filled like sentences'.
CODE = (
    (
        "yaml",
        "campaign:\n  name: {slug}\n  budget_sek: {int}\n  channels: [linkedin, google_ads]\n"
        "  start: {iso}\n  owner: {user}\n  lead_target: {small}",
    ),
    (
        "sql",
        "SELECT owner, SUM(amount) AS pipeline\nFROM opportunities\n"
        "WHERE stage IN ('pitch', 'negotiation') AND close_date >= '{iso}'\n"
        "GROUP BY owner\nORDER BY pipeline DESC;",
    ),
    (
        "python",
        "def conversion_rate(leads: int, customers: int) -> float:\n"
        '    """Share of leads that became customers."""\n'
        "    return customers / leads if leads else 0.0\n\n\n"
        "print(conversion_rate({int}, {small}))",
    ),
    (
        "json",
        '{{"lead_id": {int}, "campaign": "{slug}", "score": {small}, "segment": "smb",\n'
        ' "owner": "{user}@example.com", "forecast": {{"q": "{q}", "amount": {int}}}}}',
    ),
    (
        "bash",
        "curl -s 'https://crm.example.com/api/v2/leads?campaign={slug}&since={iso}' \\\n"
        "  | jq '.items[] | {{email, score, budget}}'",
    ),
)
INLINE_CODE = (
    "utm_campaign={slug}",
    "stage = closed_won",
    "lead_score >= {small}",
    "crm export --quarter {q}",
    "{slug}.md",
    "budget_{year}.xlsx",
    "pipeline.refresh()",
    "#{slug}",
)
