"""Everyday phrases in which a common business word does not carry its business meaning.

They block the glossary's labels inside them, as prefer wordings do: *take into account* is
not a customer account, *leads to* is not a sales lead, a Swedish *lönekonto* is a bank
account. A one-word phrase is a compound: it blocks the label it ends in (and is found
inflected, *lönekontot*, and as the head of a longer compound, *semesterlönekontot*). Only
the last word of a longer phrase is found inflected (*lead time* → *lead times*).

The table is data, one line per word and sense, phrases separated by commas; each phrase
matters only when the glossary has a word in it. A phrase a glossary lists as its own wording
(a label, form or prefer wording such as *ad account*) is left to the glossary.
"""

from __future__ import annotations

_EN = """
into account, taken into account, on account of, on no account, on any account
on its own account, account for, accounts for, accounted for, accounting for, by all accounts
call to account, held to account, held accountable, give an account of
first-hand account, firsthand account, eyewitness account
account executive, account executives, account manager, account managers
bank account, savings account, checking account, current account, deposit account
joint account, expense account, pension account, account number, account balance
account statement, user account, email account, e-mail account, admin account
administrator account, service account, guest account
leads to, lead to, leading to, led to, lead the way, leads the way, led the way
take the lead, took the lead, taking the lead, in the lead, lead by example
follow their lead, follow his lead, follow her lead, follow our lead, follow my lead
lead singer, lead guitarist, lead actor, lead role, lead poisoning, lead pipe
team lead, tech lead, technical lead, project lead, lead developer, lead engineer
lead designer, lead architect, lead time
budget airline, budget hotel, budget-friendly, household budget, family budget, state budget
weather forecast, forecast rain, forecast snow, shipping forecast
data retention, retention period, retention policy, retention time, log retention
record retention, document retention, backup retention, water retention
spin off, spin-off, spin-offs, spin up, spins up, spin down, spins down, spin out
spin cycle, spin class, for a spin, tailspin
pitch black, pitch-black, pitch dark, pitch in, pitched in, football pitch, fever pitch
perfect pitch, pitch a tent
engagement ring, engagement party, rules of engagement, speaking engagement
prior engagement, previous engagement, employee engagement
prospect of, the prospects of, in prospect, job prospects, career prospects
offer letter, job offer
oil pipeline, gas pipeline, ci pipeline, cd pipeline, build pipeline, deployment pipeline
deploy pipeline, release pipeline, data pipeline, etl pipeline
currency conversion, unit conversion, file conversion, format conversion, type conversion
data conversion
on target, target date, moving target, target practice, build target, target branch
target environment, target system, target platform, target directory, target folder
target file, target language, target version, target machine
activity log, physical activity, payment activity, suspicious activity, unusual activity
fraudulent activity, criminal activity, card activity, login activity, sign-in activity
network activity, disk activity, brain activity, seismic activity, volcanic activity
solar activity, extracurricular activity, leisure activity, outdoor activity
segment of, line segment, network segment, memory segment, news segment, tv segment
radio segment
political campaign, election campaign, presidential campaign, military campaign
phishing campaign, spam campaign, malware campaign, smear campaign
funnel cloud
churn out, churns out, butter churn
equal opportunity, opportunity cost, window of opportunity, take the opportunity
took the opportunity, taking the opportunity, job opportunity, career opportunity
learning opportunity, photo opportunity, land of opportunity
quotation marks, quote marks, in quotes, quote of the day, famous quote
persona non grata, public persona, stage persona
gps positioning, satellite positioning, indoor positioning, positioning system
uncharted territory, unknown territory, enemy territory, with the territory
sql query, sql server, sql injection, sql statement, sql database, sql dump, sql script
"""

_SV = """
lönekonto, bankkonto, sparkonto, privatkonto, pensionskonto, skattekonto, kreditkonto
transaktionskonto, kortkonto, investeringssparkonto, isk-konto, e-postkonto, mejlkonto
mailkonto, användarkonto, administratörskonto, adminkonto, gästkonto, tjänstekonto
på mitt konto, på ditt konto, på hans konto, på hennes konto, på vårt konto, på deras konto
ta ledningen, tog ledningen, i ledningen, leda till, leder till, ledde till, lett till
statsbudget, hushållsbudget, hushållets budget, familjebudget
väderprognos, väderprognosen, vädrets prognos
gå i spinn, gick i spinn, går i spinn
tack för ditt engagemang, tack för ert engagemang, ideellt engagemang
politiskt engagemang, fackligt engagemang, medarbetarengagemang
emissionsprospekt, jobberbjudande, anställningserbjudande
valutakonvertering, filkonvertering, formatkonvertering, datakonvertering
fysisk aktivitet, misstänkt aktivitet, ovanlig aktivitet, fritidsaktivitet, hjärnaktivitet
vulkanisk aktivitet
nätverkssegment, linjesegment
politisk kampanj, valkampanj, nätfiskekampanj, phishingkampanj, smutskastningskampanj
gps-positionering, satellitpositionering
okänt territorium, fiendens territorium
sql-fråga
"""


def _phrases(table: str) -> tuple[str, ...]:
    return tuple(
        stripped
        for line in table.splitlines()
        for phrase in line.split(",")
        if (stripped := phrase.strip())
    )


IDIOMS: dict[str, tuple[str, ...]] = {"en": _phrases(_EN), "sv": _phrases(_SV)}
