"""Word lists for the benchmark corpus: Swedish and English business vocabulary, names, places.

Data only, written as whitespace-separated text. Swedish nouns carry their declension after a
slash when the ending does not tell it (``avtal/n`` is neuter: avtalet, avtal, avtalen); verbs
that are not regular carry their forms after colons (``köpa:köper:köpte:köpt``,
``send:sent``). `lexicon` turns these into inflected forms.
"""

from __future__ import annotations

SV_NOUNS = """
kund affär avtal/n leverans produkt tjänst marknad försäljning order/ar faktura pris rabatt
kostnad intäkt vinst marginal kvartal/n månad vecka dag/ar år/n mål/n plan strategi analys
rapport presentation workshop/ar seminarium/n mässa event/n webbinar/n nyhetsbrev/n annons
banner/ar landningssida webbplats hemsida artikel/ar blogg/ar inlägg/n film/er video/r
podd/ar bild text/er rubrik budskap/n varumärke logotyp profil grafik design layout mall/ar
dokument/n underlag/n beslut/n förslag/n fråga svar/n problem/n lösning behov/n krav/n
villkor/n risk möjlighet partner/ar leverantör konkurrent byrå konsult chef säljare
medarbetare kollega team/n avdelning ledning styrelse ägare beslutsfattare inköpare användare
besökare läsare prenumerant följare kontakt relation samtal/n mejl/n utskick/n inbjudan/ar
påminnelse uppföljning demo/r test/er projekt/n process rutin steg/n fas period deadline
tidplan milstolpe resultat/n siffra andel ökning minskning tillväxt trend statistik mätning
enkät undersökning intervju insikt kanal räckvidd klick/n visning trafik besök/n sökord/n
sponsring lansering release version funktion modul licens abonnemang/n prenumeration
förnyelse uppgradering support/ar ärende reklamation garanti lager/n leveranstid frakt
logistik region område land/n stad kontor/n lokal bransch sektor företag/n organisation
koncern bolag/n kommun myndighet upphandling anbud/n kontrakt/n förhandling provision bonus/ar
lön ersättning kalkyl investering finansiering betalning kredit valuta moms rapportering
dashboard/ar system/n verktyg/n plattform integration databas lista register/n fält/n
kalender/ar agenda protokoll/n anteckning sammanfattning prioritering ansvar/n roll
kompetens utbildning introduktion onboarding/ar kurs certifiering licensavtal/n
prismodell prislista volym kvalitet service hållbarhet miljö säkerhet struktur ram/ar
riktlinje policy/er tonalitet ton/er stil/ar färg typsnitt/n ikon illustration fotografering
bildbank/er copy/n manus/n storyboard/ar broschyr katalog/er affisch skylt/ar monter/ar
utställning konferens frukostmöte/n mingel/n lunch/er middag/ar resa resplan/er hotell/n
flyg/n budgetram/ar kostnadsställe/n attest/er godkännande underskrift avtalsperiod
uppsägning förlängning prishöjning prisjustering orderingång leveransplan/er kapacitet
resurs bemanning rekrytering personal/er konsultbolag/n partnernätverk/n återförsäljare
distributör grossist butik kedja handlare e-handel kassa varukorg/ar checkout/er
nedladdning registrering formulär/n fältsäljare innesäljare kundansvarig kundtjänst
kundnöjdhet kundresa nöjdhet rekommendation referens omdöme/n recension case/n
kundcase/n framgång utmaning hinder/n invändning tvekan prisfråga beslutsprocess
inköpsprocess köpresa köpbeslut/n förhandlingsläge/n tidsplan/er startmöte/n avstämning
genomgång utvärdering slutsats lärdom åtgärd aktivitetsplan/er handlingsplan/er
arbetsgrupp/er styrgrupp/er referensgrupp/er målbild/er vision affärsidé affärsplan/er
verksamhetsplan/er årsplan/er kvartalsplan/er halvår/n helår/n räkenskapsår/n bokslut/n
prisbild/er varumärkesplattform/ar innehåll/n innehållsplan/er redaktion publicering
nyhet pressmeddelande press/ar journalist redaktör influencer/ar ambassadör medlem
community/n forum/n grupp/er nätverk/n mötesplats/er sajt/er app/ar mobil/er skärm/ar
"""

SV_VERBS = """
skicka ringa:ringer:ringde:ringt planera boka analysera presentera diskutera
följa:följer:följde:följt leverera fakturera förhandla stänga:stänger:stängde:stängt öppna testa
mäta:mäter:mätte:mätt publicera lansera uppdatera justera förbättra förenkla prioritera samordna
granska godkänna:godkänner:godkände:godkänt dokumentera rapportera
sammanställa:sammanställer:sammanställde:sammanställt beställa:beställer:beställde:beställt
köpa:köper:köpte:köpt sälja:säljer:sålde:sålt skriva:skriver:skrev:skrivit läsa:läser:läste:läst
ta:tar:tog:tagit ge:ger:gav:gett göra:gör:gjorde:gjort visa:visar:visade:visat ändra flytta
starta avsluta utvärdera bjuda:bjuder:bjöd:bjudit träffa besöka:besöker:besökte:besökt
förbereda:förbereder:förberedde:förberett hantera kontakta informera
beskriva:beskriver:beskrev:beskrivit jämföra:jämför:jämförde:jämfört förklara säkra
säkerställa:säkerställer:säkerställde:säkerställt bygga:bygger:byggde:byggt skapa designa
formulera ta_fram:tar_fram:tog_fram:tagit_fram lägga:lägger:lade:lagt höja:höjer:höjde:höjt
sänka:sänker:sänkte:sänkt öka:ökar:ökade:ökat minska rekrytera utbilda anpassa
vinna:vinner:vann:vunnit förlora behålla:behåller:behöll:behållit växa:växer:växte:vuxit
förstå:förstår:förstod:förstått välja:väljer:valde:valt samla
kartlägga:kartlägger:kartlade:kartlagt paketera prissätta:prissätter:prissatte:prissatt signera
registrera logga följa_upp:följer_upp:följde_upp:följt_upp
stämma_av:stämmer_av:stämde_av:stämt_av markera sortera filtrera exportera importera integrera
automatisera skala_upp:skalar_upp:skalade_upp:skalat_upp förlänga:förlänger:förlängde:förlängt
säga_upp:säger_upp:sade_upp:sagt_upp dela:delar:delade:delat fördela:fördelar:fördelade:fördelat
tydliggöra:tydliggör:tydliggjorde:tydliggjort
"""

SV_ADJECTIVES = """
ny stor liten viktig tydlig enkel svår snabb långsam stark svag bred smal hög låg
lokal nationell global digital fysisk årlig månatlig tidig sen gemensam intern extern
strategisk operativ kommersiell teknisk ekonomisk kreativ relevant aktuell befintlig
potentiell möjlig rimlig realistisk ambitiös försiktig positiv negativ neutral
konkret generell specifik personlig automatisk manuell kvalitativ kvantitativ
långsiktig kortsiktig prioriterad godkänd planerad genomförd pågående avslutad
lönsam dyr billig effektiv flexibel hållbar trygg säker osäker komplex grundläggande
"""

SV_FUNCTION = """
och att det som en på är av för med till den har de inte om ett men var jag sig från
vi så kan man när år hon under också efter eller nu sin där vid mot ska skulle kommer
ut får finns vara hade alla andra mycket än här då sedan över bara in blir upp även vad
få två vill ha många hur mer går detta nya procent något allt första fick måste mellan
blev bli någon några sitt varit dem bland bra tre ta genom del hela annat fram gör
ingen sagt kunna denna dessa ofta alltid aldrig redan fortfarande kanske troligen
dessutom därför eftersom medan innan tills samtidigt tillsammans ungefär nästan
direkt snart igen tidigare senare idag imorgon igår vecka per cirka enligt inom utan
kring hos bakom framför inför förbi trots vilket vilken vilka vår våra vårt er ert
deras hans hennes dess egen eget egna samma varje vissa flera färre fler mest minst
"""

SV_HEADINGS = """
Bakgrund|Syfte|Mål|Mottagare|Budskap|Kanaler|Tidplan|Ansvar|Uppföljning|Risker|Nästa steg
|Beslut|Närvarande|Att göra|Övrigt|Bilagor|Länkar|Sammanfattning|Agenda|Diskussion
|Öppna frågor|Förutsättningar|Genomförande|Resultat|Lärdomar|Rekommendationer|Frågor att ställa
|Invändningar och svar|Kvalificering|Prissättning|Konkurrenter|Material|Mätetal|Kostnader
"""

EN_NOUNS = """
customer deal contract delivery product service market sale order invoice price discount
cost revenue profit margin quarter month week day year goal plan strategy analysis
report presentation workshop seminar fair event webinar newsletter ad banner page
website homepage article blog post film video podcast image text headline message brand
logo profile graphic design layout template document brief decision proposal question
answer problem solution need requirement condition risk possibility partner supplier
competitor agency consultant manager seller colleague team department leadership board
owner stakeholder buyer user visitor reader subscriber follower contact relationship
call email mailing invitation reminder demo test project process routine step phase period
deadline timeline milestone result figure share increase decrease growth trend statistic
measurement survey study interview insight channel click impression traffic visit keyword
sponsorship launch release version feature module licence subscription renewal upgrade
support ticket complaint warranty stock shipping logistics region area country city office
venue industry sector company organisation group business municipality agency procurement
tender negotiation bonus salary compensation calculation investment financing payment
credit currency reporting dashboard system tool platform integration database list
register field calendar agenda minutes note summary priority responsibility role skill
training introduction onboarding course certification policy guideline tone style colour
font icon illustration photo copy script storyboard brochure catalogue poster sign booth
exhibition conference breakfast lunch dinner trip hotel flight approval signature
termination extension capacity resource staffing recruitment staff reseller distributor
wholesaler shop chain retailer checkout cart download registration form representative
satisfaction journey recommendation reference review story success challenge obstacle
objection hesitation evaluation conclusion lesson action roadmap workstream vision
initiative backlog sprint handover kickoff recap update outcome benchmark baseline
headcount playbook cadence sequence asset collateral
"""

EN_VERBS = """
send:sent call plan:planned:planning book analyse present discuss follow deliver invoice
negotiate close open test measure publish launch update adjust improve simplify prioritise
coordinate review approve document report compile order buy:bought sell:sold write:wrote
read:read take:took give:gave make:made show change move start finish evaluate invite meet:met
visit prepare handle contact inform describe compare explain secure ensure build:built create
design draft set:set:setting raise lower increase reduce recruit train adapt win:won:winning
lose:lost keep:kept grow:grew understand:understood choose:chose gather map:mapped:mapping
package price sign register log:logged:logging check mark sort filter export import integrate
automate scale extend share split:split:splitting align clarify own hire onboard escalate
forward schedule reschedule
"""

EN_ADJECTIVES = """
new big small important clear simple hard fast slow strong weak broad narrow high low
local national global digital physical annual monthly early late shared internal external
strategic operational commercial technical financial creative relevant current existing
potential possible reasonable realistic ambitious careful positive negative neutral
concrete general specific personal automatic manual qualitative quantitative long-term
short-term prioritised approved planned completed ongoing finished profitable expensive
cheap efficient flexible sustainable safe secure uncertain complex basic key main
"""

EN_FUNCTION = """
the and to of a in that is for it with as was on be at by this had not are but from or
have an they which one you were all we there been if more when will would who so no
she other its may these about into than them can only over also after most some could
our then do first any my now such like just should what how well even because each
those very much before same still here where while both between through during without
again against under never since around until always often already soon maybe probably
however therefore instead rather quite almost roughly per via within across ahead next
"""

EN_HEADINGS = """
Background|Goals|Audience|Key messages|Channels|Timeline|Owners|Risks|Next steps|Decisions
|Attendees|Action items|Notes|Links|Summary|Agenda|Discussion|Open questions|Assumptions
|Execution|Results|Lessons learned|Recommendations|Discovery questions|Objection handling
|Qualification|Pricing|Competitors|Assets|Metrics|Costs
"""

SV_FIRST_NAMES = """
Anna Erik Karin Lars Maria Johan Eva Anders Sara Per Emma Mikael Lena Fredrik Sofia Jonas
Elin Magnus Hanna Niklas Ida Henrik Linnea Oskar Malin Gustav Frida Viktor Ulrika Mattias
Åsa Örjan Märta Björn Göran Ingrid Kerstin Sven Agneta Stina
"""

SV_LAST_NAMES = """
Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson
Pettersson Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson
Lindström Lindqvist Lindgren Axelsson Berg Bergström Lundberg Lind Lundgren Lundqvist
Mattsson Berglund Fredriksson Sandberg Henriksson Forsberg Sjöberg Wallin Engström Ek
Åberg Öberg Holmström Nyström Söderberg
"""

EN_FIRST_NAMES = """
James Olivia Liam Amelia Noah Isla Oliver Ava George Mia Harry Grace Jack Chloe Thomas
Emily Daniel Sophie Michael Laura David Rachel Peter Hannah Mark Megan Paul Lucy
"""

EN_LAST_NAMES = """
Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans
Walker White Roberts Green Hall Wood Jackson Clarke Patel Khan Murphy Kelly Baker Hughes
"""

CITIES = """
Stockholm Göteborg Malmö Uppsala Linköping Örebro Västerås Helsingborg Jönköping Norrköping
Lund Umeå Gävle Borås Sundsvall Växjö Karlstad Luleå Oslo Köpenhamn Helsingfors London
Berlin Hamburg Amsterdam Dublin Manchester Tallinn
"""

REGIONS = """
Norden|Sverige|Norrland|Västsverige|Skåne|Mälardalen|DACH|Benelux|UK|Baltikum|EMEA
"""

CHANNELS = """
LinkedIn|Google Ads|Meta|Instagram|YouTube|TikTok|Spotify|nyhetsbrevet|webben|bloggen
|podden|Dagens Industri|Breakit|SVD Näringsliv|display|retargeting|SEO|partnerportalen
"""

COMPANY_SUFFIXES = "AB|Group|Solutions|Nordic|Sverige AB|Consulting|Labs|Systems|& Co|Partners"

WEEKDAYS_SV = "måndag tisdag onsdag torsdag fredag"
WEEKDAYS_EN = "Monday Tuesday Wednesday Thursday Friday"
MONTHS_SV = "januari februari mars april maj juni juli augusti september oktober november december"
MONTHS_EN = "January February March April May June July August September October November December"

#: English words Swedish writers use as Swedish nouns (dealen, caset), with their declension.
SV_LOANS = """
deal/ar case/n feedback/ar content/n brief/er kickoff/er backlog/ar sprint/ar roadmap/ar
playbook/er insight/er benchmark/ar dashboard/ar webinar/n workshop/ar
"""

#: Swedish first elements that take a linking s in compounds (affärsplan, kvartalsmål).
SV_LINK_S_WORDS = "affär år halvår helår kvartal bolag företag avtal land kvalitet"

#: Swedish prefixes that make compounds with a term as their head (säljbudgeten).
SV_COMPOUND_HEADS = "sälj marknads kvartals års kund projekt kampanj region total huvud del"
