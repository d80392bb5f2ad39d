"""The pages' words in Swedish and English, and which language a reader gets."""

from __future__ import annotations

LANGUAGES = ("sv", "en")
DEFAULT = "sv"

TEXTS: dict[str, dict[str, str]] = {
    "sv": {
        "site": "Ordlistan",
        "tagline": "Samma ord, olika betydelse för sälj och marknad",
        "nav_glossary": "Ordlista",
        "nav_check": "Kontrollera text",
        "nav_widget": "Widget",
        "language": "Språk",
        "search_label": "Sök ett ord",
        "search_button": "Sök",
        "department": "Avdelning",
        "all_departments": "Alla avdelningar",
        "tag": "Etikett",
        "all_tags": "Alla etiketter",
        "found": "{count} av {total} ord",
        "nothing_found": "Inget ord matchar sökningen.",
        "write_instead": "Skriv hellre",
        "ambiguous": "Tvetydigt",
        "deprecated": "Avrått",
        "known": "En betydelse",
        "also_called": "Även",
        "related": "Relaterade ord",
        "history": "Historik",
        "meanings": "Betydelser",
        "revision": "Version",
        "action": "Ändring",
        "actor": "Av",
        "when": "När",
        "changed": "Ändrade fält",
        "action_create": "Skapad",
        "action_update": "Ändrad",
        "action_import": "Importerad",
        "action_delete": "Borttagen",
        "action_restore": "Återställd",
        "field_labels": "ord",
        "field_forms": "böjningsformer",
        "field_usage": "användning",
        "field_definition": "definition",
        "field_prefer": "skriv hellre",
        "field_cues": "ledtrådar",
        "field_related": "relaterade ord",
        "field_tags": "etiketter",
        "field_note": "anteckning",
        "field_status": "status",
        "back": "Till ordlistan",
        "check_title": "Kontrollera en text",
        "check_intro": "Klistra in en text. Ord som sälj och marknad läser olika markeras.",
        "text_label": "Text",
        "format_label": "Format",
        "plain": "Vanlig text",
        "markdown": "Markdown",
        "check_button": "Kontrollera",
        "findings": "Fynd",
        "no_findings": "Inga tvetydiga ord hittades.",
        "findings_cut": "Bara de {count} första fynden visas: texten har fler. Dela upp den "
        "för att se resten.",
        "line": "rad",
        "column": "kolumn",
        "demo_title": "Widgeten",
        "demo_intro": "Lägg in en rad på vilken intranätsida som helst så förklarar sig de "
        "tvetydiga orden själva: håll musen över, tabba till eller tryck på ett markerat ord.",
        "demo_snippet": "Kod att klistra in",
        "demo_options": "data-root väljer området som söks igenom, data-audience avdelningarna "
        'som läser, data-lang språket och data-include="known" markerar även ord med en betydelse.',
        "demo_sample": "Exempelsida",
        "demo_form": "Ett formulärfält ändras aldrig",
        "proposals": "Öppna förslag",
        "proposal_new": "nytt ord",
        "proposal_change": "ändring",
        "proposed_by": "föreslaget av",
        "proposals_more": "De {shown} nyaste av {total} visas. Alla finns i API:t:",
        "flagged": "Orden vi oftast missförstår",
        "flagged_count": "{count} gånger de senaste 30 dagarna",
        "error": "Något gick fel",
        "error_details": "Detaljer",
        "error_api": "API:ts dokumentation",
    },
    "en": {
        "site": "The glossary",
        "tagline": "Same word, different meaning for sales and marketing",
        "nav_glossary": "Glossary",
        "nav_check": "Check a text",
        "nav_widget": "Widget",
        "language": "Language",
        "search_label": "Search for a word",
        "search_button": "Search",
        "department": "Department",
        "all_departments": "All departments",
        "tag": "Tag",
        "all_tags": "All tags",
        "found": "{count} of {total} words",
        "nothing_found": "No word matches the search.",
        "write_instead": "Write instead",
        "ambiguous": "Ambiguous",
        "deprecated": "Deprecated",
        "known": "One meaning",
        "also_called": "Also",
        "related": "Related words",
        "history": "History",
        "meanings": "Meanings",
        "revision": "Revision",
        "action": "Change",
        "actor": "By",
        "when": "When",
        "changed": "Fields changed",
        "action_create": "Created",
        "action_update": "Updated",
        "action_import": "Imported",
        "action_delete": "Deleted",
        "action_restore": "Restored",
        "field_labels": "words",
        "field_forms": "forms",
        "field_usage": "usage",
        "field_definition": "definition",
        "field_prefer": "write instead",
        "field_cues": "cues",
        "field_related": "related words",
        "field_tags": "tags",
        "field_note": "note",
        "field_status": "status",
        "back": "Back to the glossary",
        "check_title": "Check a text",
        "check_intro": "Paste a text. Words that sales and marketing read differently are marked.",
        "text_label": "Text",
        "format_label": "Format",
        "plain": "Plain text",
        "markdown": "Markdown",
        "check_button": "Check",
        "findings": "Findings",
        "no_findings": "No ambiguous words were found.",
        "findings_cut": "Only the first {count} findings are shown: the text has more. Split "
        "it to see the rest.",
        "line": "line",
        "column": "column",
        "demo_title": "The widget",
        "demo_intro": "Add one line to any intranet page and its ambiguous words explain "
        "themselves: hover over, tab to or tap a marked word.",
        "demo_snippet": "Code to paste",
        "demo_options": "data-root picks the region to scan, data-audience the departments that "
        'read it, data-lang the language, and data-include="known" also marks one-meaning words.',
        "demo_sample": "Sample page",
        "demo_form": "A form field is never changed",
        "proposals": "Open proposals",
        "proposal_new": "new word",
        "proposal_change": "change",
        "proposed_by": "proposed by",
        "proposals_more": "The {shown} newest of {total} are shown. All of them are in the API:",
        "flagged": "The words we most often misunderstand",
        "flagged_count": "{count} times in the last 30 days",
        "error": "Something went wrong",
        "error_details": "Details",
        "error_api": "The API's documentation",
    },
}

#: An error page's heading per status, in each language (others get the "error" text).
ERROR_TITLES: dict[str, dict[int, str]] = {
    "sv": {
        400: "Begäran går inte att läsa",
        401: "Det här kräver en API-nyckel",
        403: "Det här får du inte göra",
        404: "Sidan finns inte",
        405: "Det går inte att göra så här",
        413: "Det du skickade är för stort",
        422: "Begäran bryter mot en regel",
        429: "För många förfrågningar – vänta en stund",
        503: "Databasen svarar inte just nu",
        507: "Databasen kan inte spara just nu",
    },
    "en": {
        400: "The request cannot be read",
        401: "This needs an API key",
        403: "You may not do this",
        404: "The page does not exist",
        405: "This cannot be done this way",
        413: "What you sent is too large",
        422: "The request breaks a rule",
        429: "Too many requests – wait a moment",
        503: "The database is not answering right now",
        507: "The database cannot store anything right now",
    },
}


def choose_language(asked: str | None, cookie: str | None, accept: str | None) -> str:
    """``?lang=`` first, then the reader's earlier choice, then ``Accept-Language``."""
    for choice in (asked, cookie):
        if choice in LANGUAGES:
            return choice
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept or "").split(",")):
        code, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        primary = code.strip().lower().split("-")[0]
        if primary in LANGUAGES and quality > 0:
            ranked.append((-quality, position, primary))
    return min(ranked)[2] if ranked else DEFAULT
