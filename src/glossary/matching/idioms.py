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
accounts payable, accounts receivable, account payable, account receivable
chart of accounts, annual accounts, year-end accounts, statutory accounts, audited accounts
management accounts, profit and loss account, ledger account, general ledger account
gl account, nominal account, suspense account, clearing account, escrow account
trust account, brokerage account, investment account, loan account, mortgage account
credit card account, card account, payroll account, salary account, tax account
vat account, paypal account, google account, microsoft account, apple account
github account, gitlab account, aws account, azure account, cloud account, slack account
zoom account, windows account, local account, domain account, root account, system account
test account, work account, shared account, student account, staff account
account lockout, account locked, locked account, account password, account recovery
account settings, account verification, account deletion, account credentials
account login, create an account, sign up for an account, register an account
log in to your account, log into your account, login to your account
sign in to your account, sign into your account, account holder
vivid account
conflicting accounts, account of events, account of what happened
by his own account, by her own account, by their own account, by your own account
on my account, paid on account, settle accounts, settle an account
lead paint, lead-free, lead-based, lead acid, lead-acid, lead weight, lead balloon
detailed account of, full account of, brief account of, written account of
lead shot, lead pencil, pencil lead, red lead, white lead, lead screw
lead vocals, lead vocalist, lead story, lead article, lead paragraph, lead character
lead author, lead investigator, lead researcher, lead scientist, lead negotiator
lead counsel, lead attorney, lead auditor, lead consultant, lead analyst, lead tester
qa lead, dev lead, design lead, product lead, engineering lead, test lead, ux lead
data lead, ops lead, squad lead, workstream lead, security lead, lead dev, team leads
lead-in, lead up to, lead-up, lead off, lead the charge, lead from the front
all roads lead to, point lead, one-goal lead, two-point lead, comfortable lead
narrow lead, commanding lead, extend our lead, extended their lead
dog lead, on a lead, off the lead, off-lead, charging lead, power lead, extension lead
usb lead, hdmi lead, test leads, ecg leads, ekg leads, jumper leads, battery leads
budget airlines, budget carrier, budget hotels
budget accommodation, budget travel, budget traveller, budget traveler, budget phone
budget laptop, budget smartphone, budget brand, budget-conscious
national budget, government budget, federal budget
budget deficit, budget surplus
error budget, latency budget, performance budget, time budget, memory budget
power budget, frame budget, token budget, retry budget, crawl budget, calorie budget
carbon budget, emissions budget, energy budget, water budget
weather forecasts, rain forecast, snow forecast, storm forecast, pollen forecast
avalanche forecast, economic forecast, gdp forecast, inflation forecast
interest rate forecast, population forecast, load forecast, capacity forecast
forecast sunshine, forecast showers, the forecast says rain
spin the wheel, spin dryer, spin-dryer, spin speed, backspin, topspin, sidespin
electron spin, quantum spin, nuclear spin, spin lock, spinlock, spin bowling
spin around, spin round, take it for a spin, took it for a spin, head spin
spin the bottle
css positioning, absolute positioning, relative positioning, fixed positioning
sticky positioning, element positioning, window positioning, cursor positioning
sensor positioning, antenna positioning, camera positioning, patient positioning
dynamic positioning, global positioning system, gps positioning system
comes with the territory, goes with the territory, came with the territory
familiar territory, dangerous territory, neutral territory, occupied territory
occupied territories, overseas territory, national territory, foreign territory
uncharted territories, mark its territory, marking its territory, marks its territory
mark their territory, marking their territory, territory of the state
roof pitch, pitch of the roof, pitch of a roof, thread pitch, screw pitch
pitch of the thread, pitch of a screw, soccer pitch, cricket pitch, rugby pitch
hockey pitch, pitch invasion, pitch-dark, pitch perfect, pitch-perfect, high-pitched
low-pitched, high pitch, low pitch, voice pitch, pitch of the voice, pitch shift
pitch shifter, pitch bend, pitch and roll, pitch angle, blade pitch, propeller pitch
pixel pitch, dot pitch, pitch accent, pitch and putt, wild pitch, pitch count
pitched a tent
segment of an orange, orange segment, citrus segment, body segment, spinal segment
st segment, road segment, route segment, flight segment, trip segment, audio segment
video segment, code segment, text segment, segment register
seven-segment, 7-segment, segment display, circular segment, circle segment
track segment, pipe segment, wall segment, tcp segment, lan segment, vlan segment
target release, target milestone, target sprint, make target, cmake target
target host, target server, target database, target table
target schema, target url, target path, target device, target os, target framework
target architecture, target triple, deployment target, compile target
compilation target, test target, link target, target attribute, drop target
click target, tap target, touch target, easy target, soft target, military target
target temperature, target weight, target heart rate, target cell, target cells
target gene, target organ, drug target, target molecule
online persona, on-screen persona, screen persona, tv persona
television persona, radio persona, political persona
nurturing environment, nurturing parent, nurturing parents, nurturing care
nurturing atmosphere, nurturing mother, nurturing father, nurturing nature
caring and nurturing, warm and nurturing, nurturing talent, nurturing young talent
nurturing plants, nurturing role, nurturing home, nurturing family
electoral campaign, re-election campaign, reelection campaign
campaign trail, campaign finance, campaign contribution, campaign contributions
campaign donation, campaign donations, campaign rally, campaign headquarters
bombing campaign, air campaign, vaccination campaign, immunization campaign
immunisation campaign, disinformation campaign, misinformation campaign
influence campaign, hacking campaign, ransomware campaign, attack campaign
harassment campaign, hate campaign, whisper campaign, whispering campaign
letter-writing campaign, drilling campaign, sampling campaign, excavation campaign
measurement campaign, single-player campaign, campaign mode, co-op campaign
sporting activity, sports activity, recreational activity, classroom activity
team-building activity, team building activity, teambuilding activity
economic activity, trading activity, bot activity, spam activity, malicious activity
hacker activity, illegal activity, terrorist activity, gang activity, cpu activity
io activity, database activity, background activity, file activity, android activity
activity lifecycle, activity diagram, activity monitor
fitness activity, muscle activity, electrical activity
enzyme activity, antibacterial activity, biological activity, sexual activity
hobby activity, bank activity, storm activity, hurricane activity
engagement letter, letter of engagement, terms of engagement, audit engagement
engagement partner, military engagement, armed engagement, civic engagement
political engagement, student engagement, staff engagement, worker engagement
workforce engagement, parental engagement, gear engagement, clutch engagement
thread engagement, broken engagement, engagement announcement
thank you for your engagement, thanks for your engagement, thanks for all your engagement
thank you all for your engagement, announced their engagement, announce their engagement
announced his engagement
announced her engagement, engagement photos, engagement gift, engagement rings, engagement parties
conversion of the file, conversion of the files, conversion of units, conversion of currencies
image conversion, video conversion, pdf conversion, document conversion
character conversion, encoding conversion, date conversion, timezone conversion
time zone conversion, temperature conversion, metric conversion
conversion factor, loft conversion, barn conversion
garage conversion, building conversion, religious conversion, conversion to christianity
conversion to islam, conversion to judaism, conversion to catholicism, conversion therapy
energy conversion, power conversion, analog-to-digital conversion, digital-to-analog conversion
debt conversion, bond conversion, conversion error
conversion utility, implicit conversion, explicit conversion, lossless conversion
signal conversion, conversion kick, convert to pdf, converted to pdf, converting to pdf
converts to pdf, convert to csv, converted to csv, convert to json, converted to json
convert to utc, converted to utc, converting to utc, convert the file, converted the file
converting the file, convert the files, converted the files, convert currency
convert units, convert celsius, convert fahrenheit, convert the timestamp
convert the image, converted the image
cc by attribution, creative commons attribution, attribution license, attribution licence
attribution-sharealike, attribution-noncommercial, attribution-noderivs
attribution 4.0, attribution 3.0, attribution required, attribution requirement
image attribution, photo attribution, author attribution, authorship attribution
attribution notice
attribution text, attribution statement, attribution theory
fundamental attribution error, cognitive attribution bias, attribution of blame
attribution of responsibility, attack attribution, threat attribution
attribution of the attack, cyber attribution
water pipeline, natural gas pipeline, crude oil pipeline, pipeline leak
pipeline explosion, pipeline spill, ci/cd pipeline, cicd pipeline, gitlab pipeline
azure pipeline, azure pipelines, jenkins pipeline, github actions pipeline
test pipeline, testing pipeline, ml pipeline, machine learning pipeline
training pipeline, inference pipeline, processing pipeline, ingestion pipeline
rendering pipeline, render pipeline, graphics pipeline, instruction pipeline
cpu pipeline, shader pipeline, aggregation pipeline, nlp pipeline, asset pipeline
talent pipeline, hiring pipeline, recruiting pipeline, recruitment pipeline
candidate pipeline, drug pipeline, r&d pipeline, pipeline run, pipeline runs
pipeline job, pipeline jobs, pipeline yaml, pipeline logs, pipeline config
pipeline configuration, pipeline definition, pipeline is green, pipeline is red
kitchen funnel, oil funnel, plastic funnel, glass funnel, filter funnel
separatory funnel, buchner funnel, funnel-web, funnel web spider, funnel cake
funnel plot, funnel-shaped, funnel shaped, ship's funnel, funnel of the ship
if the opportunity arises, when the opportunity arises, should the opportunity arise
at your earliest opportunity, take this opportunity, taking this opportunity, took this opportunity
use this opportunity, using this opportunity, seize the opportunity
seized the opportunity, seize this opportunity, grab the opportunity
golden opportunity, at the first opportunity, at the earliest opportunity
at every opportunity, at every possible opportunity, given the opportunity
thank you for the opportunity
have the opportunity to, had the opportunity to, has the opportunity to
having the opportunity to, get the opportunity to, got the opportunity to
gets the opportunity to, getting the opportunity to
opportunity to discuss, opportunity to meet, opportunity to present, opportunity to learn
opportunity to work, opportunity to thank, opportunity to say, opportunity to ask
opportunity to share, opportunity to introduce, opportunity to visit, opportunity to talk
opportunity to join, opportunity to contribute, opportunity to participate
opportunity to comment, opportunity to respond, opportunity to reflect, opportunity to connect
opportunity to catch up, opportunity to speak, opportunity to attend, opportunity to travel
opportunities to learn, opportunities to meet, opportunities to grow
thanks for the opportunity, grateful for the opportunity
appreciate the opportunity, appreciated the opportunity, equal opportunities
equal opportunity employer, opportunity knocks, opportunity for improvement
opportunities for improvement, educational opportunity, educational opportunities
training opportunity, training opportunities, volunteering opportunity
volunteer opportunity, networking opportunity, investment opportunity
offer of help, offers of help, offer of assistance, offer of support
offer to help
offered to help, offers to help, job offers, employment offer, offer of employment
settlement offer, takeover offer, tender offer, public offer, share offer
rights offer, exchange offer, offer of proof
single quotes, double quotes, single quote, double quote, smart quotes
curly quotes, straight quotes, quote character, quote char, closing quote
opening quote, missing quote, end quote, unescaped quote, escaped quote
quote unquote, direct quote, inspirational quote, motivational quote
favourite quote, favorite quote, pull quote, block quote, stock quote
stock quotes, quote tweet, quote-tweet, quote post, a quotation from
heat retention, moisture retention, fluid retention, urinary retention
urine retention, memory retention, knowledge retention, learning retention
employee retention, staff retention, talent retention, teacher retention
student retention, email retention, mail retention, message retention
retention settings, retention rules, retention schedule, retention label
retention tag, retention lock, object retention, snapshot retention
retention days, days of retention, retention of title, retention of records
retention of data, retention of documents, retention of personal data
retention money, retention payment, retention bonus, retention pond
retention basin, colour retention, color retention
churned out, churning out, employee churn, staff churn, personnel churn
code churn, dependency churn, requirements churn, api churn, stomach churn
churning stomach, churning sea, churning water, churning waters, churning butter
icp-ms, icp license, icp licence, icp filing
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
personkonto, girokonto, plusgirokonto, valutakonto, klientmedelskonto, depåkonto
kapitalförsäkringskonto, e-sparkonto, barnsparkonto, bolånekonto, lånekonto
bokföringskonto, resultatkonto, balanskonto, kostnadskonto, intäktskonto, momskonto
kassakonto, bas-konto, baskonto, skattekontot, inloggningskonto, lokalt konto
microsoft-konto, google-konto, apple-konto, github-konto, testkonto, personalkonto
systemkonto, domänkonto, servicekonto, skolkonto, elevkonto, studentkonto, swish-konto
spärrat konto, låst konto, skapa ett konto, logga in på ditt konto
teamlead, techlead, tech lead, team lead
felbudget, tidsbudget, prestandabudget, koldioxidbudget, utsläppsbudget, kaloribudget
energibudget, budgetresa, budgethotell, budgetflyg, budgetflygbolag, lågbudget
privatbudget, kommunal budget
väderleksprognos, konjunkturprognos, befolkningsprognos, inflationsprognos
ränteprognos, bnp-prognos, pollenprognos, lavinprognos, snöprognos, regnprognos
smhi:s prognos, prognosen för vädret, medicinsk prognos
elektronens spinn, skruv och spinn
absolut positionering, relativ positionering, css-positionering, mobilpositionering
fordonspositionering, fönsterpositionering
svenskt territorium, på svenskt territorium, ockuperat territorium, neutralt territorium
främmande territorium, outforskat territorium, markera sitt territorium
markerar sitt territorium
minnessegment, vägsegment, cirkelsegment, kodsegment, lan-segment, vlan-segment
tcp-segment
offentlig persona, scenpersona, persona non grata
cnc-bearbetning, metallbearbetning, träbearbetning, maskinbearbetning, skärande bearbetning
plåtbearbetning, stålbearbetning, efterbearbetning, bildbearbetning, ljudbearbetning
textbearbetning, signalbearbetning, databearbetning, jordbearbetning, markbearbetning
sorgbearbetning, traumabearbetning, krisbearbetning, känslomässig bearbetning
bearbetning av sorg, bearbetning av data, scenbearbetning, filmbearbetning
presidentvalskampanj, vaccinationskampanj, bombkampanj, desinformationskampanj
påverkanskampanj, hatkampanj, drevkampanj, bedrägerikampanj, spamkampanj
skräppostkampanj, militär kampanj, provborrningskampanj
idrottsaktivitet, friluftsaktivitet, utomhusaktivitet, inomhusaktivitet, lovaktivitet
barnaktivitet, teambuildingaktivitet, personalaktivitet, föreningsaktivitet
muskelaktivitet, solaktivitet, hjärtaktivitet, enzymaktivitet, nätverksaktivitet
diskaktivitet, processoraktivitet, kriminell aktivitet, brottslig aktivitet
bedräglig aktivitet, seismisk aktivitet, sexuell aktivitet, ekonomisk aktivitet
inloggningsaktivitet, skadlig aktivitet
tack för engagemanget, tack för visat engagemang, tack för ert stora engagemang
tack för ditt stora engagemang, tack för allt ert engagemang, tack för allt engagemang
tack för ert fina engagemang, tack för ditt fina engagemang
socialt engagemang, samhällsengagemang, miljöengagemang, klimatengagemang
föreningsengagemang, styrelseengagemang, militärt engagemang, utlandsengagemang
personalens engagemang, medarbetarnas engagemang
konvertering av filen, konvertering av filer, konvertering av data, konverteringen av filen
konverteringen av filerna, bildkonvertering, videokonvertering, pdf-konvertering, teckenkonvertering
enhetskonvertering, typkonvertering, energikonvertering, religiös konvertering
konvertering till islam, konvertering till kristendomen, konvertera till pdf
konverteras till pdf, konverterade till pdf, konverterat till pdf, konvertera filen
konverterade filen, konvertera valuta, konverterade till islam, konverterade till katolicismen
ci-pipeline, ci/cd-pipeline, byggpipeline, bygg-pipeline, deploy-pipeline, deploypipeline
releasepipeline, datapipeline, etl-pipeline, testpipeline, ml-pipeline, gaspipeline
oljepipeline, rekryteringspipeline
kaffetratt, oljetratt, plasttratt, glastratt, påfyllningstratt, bensintratt
fyllningstratt, grammofontratt, kökstratt, skiltratt, avskiljningstratt
tornadotratt, virveltratt, hörtratt
uppköpserbjudande, aktieerbjudande, kontanterbjudande, förlikningserbjudande
arbetserbjudande, erbjudande om anställning, erbjudande om hjälp, erbjudandet om hjälp
falla offer för, faller offer för, föll offer för, fallit offer för
brottsoffer, trafikoffer, brandoffer, dödsoffer, olycksoffer, bedrägerioffer, våldsoffer
krigsoffer, människooffer, mobbningsoffer, offer för bedrägeri, offer för brott
noteringsprospekt, grundprospekt, tilläggsprospekt, börsprospekt, eu-prospekt
bostadsprospekt, mäklarprospekt, objektsprospekt
dataretention, loggretention, backupretention, vätskeretention, urinretention
sql-kod, sql-sats, sql-satser, sql-frågor, sql-server, sql-databas
"""


def _phrases(table: str) -> tuple[str, ...]:
    return tuple(
        stripped
        for line in table.splitlines()
        for phrase in line.split(",")
        if (stripped := phrase.strip())
    )


IDIOMS: dict[str, tuple[str, ...]] = {"en": _phrases(_EN), "sv": _phrases(_SV)}
