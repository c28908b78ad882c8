// Language data Exchange applies to mailboxes: localized default-folder names and the DateFormat/TimeFormat
// values Set-MailboxRegionalConfiguration accepts per language (first entry = the language's default).

/** Default folders the model knows, by FolderType. */
export const FOLDER_TYPES = ["Root", "Inbox", "SentItems", "DeletedItems", "Calendar", "Contacts"] as const;
export type FolderType = (typeof FOLDER_TYPES)[number];

type FolderNames = Record<Exclude<FolderType, "Root">, string>;

const FOLDER_NAMES: Record<string, FolderNames> = {
  en: {
    Inbox: "Inbox",
    SentItems: "Sent Items",
    DeletedItems: "Deleted Items",
    Calendar: "Calendar",
    Contacts: "Contacts",
  },
  nl: {
    Inbox: "Postvak IN",
    SentItems: "Verzonden items",
    DeletedItems: "Verwijderde items",
    Calendar: "Agenda",
    Contacts: "Contactpersonen",
  },
  de: {
    Inbox: "Posteingang",
    SentItems: "Gesendete Elemente",
    DeletedItems: "Gelöschte Elemente",
    Calendar: "Kalender",
    Contacts: "Kontakte",
  },
  fr: {
    Inbox: "Boîte de réception",
    SentItems: "Éléments envoyés",
    DeletedItems: "Éléments supprimés",
    Calendar: "Calendrier",
    Contacts: "Contacts",
  },
  es: {
    Inbox: "Bandeja de entrada",
    SentItems: "Elementos enviados",
    DeletedItems: "Elementos eliminados",
    Calendar: "Calendario",
    Contacts: "Contactos",
  },
  it: {
    Inbox: "Posta in arrivo",
    SentItems: "Posta inviata",
    DeletedItems: "Posta eliminata",
    Calendar: "Calendario",
    Contacts: "Contatti",
  },
};

interface LanguageFormats {
  dateFormats: string[];
  timeFormats: string[];
}

const FORMATS: Record<string, LanguageFormats> = {
  "en-US": {
    dateFormats: ["M/d/yyyy", "M/d/yy", "MM/dd/yy", "MM/dd/yyyy", "yy/MM/dd", "yyyy-MM-dd", "dd-MMM-yy"],
    timeFormats: ["h:mm tt", "hh:mm tt", "H:mm", "HH:mm"],
  },
  "en-GB": {
    dateFormats: ["dd/MM/yyyy", "dd/MM/yy", "d/M/yy", "d.M.yy", "yyyy-MM-dd"],
    timeFormats: ["HH:mm", "H:mm", "hh:mm tt", "h:mm tt"],
  },
  "nl-NL": {
    dateFormats: ["d-M-yyyy", "d-M-yy", "dd-MM-yy", "dd/MM/yy", "dd.MM.yy", "yyyy-MM-dd", "dd-MM-yyyy"],
    timeFormats: ["H:mm", "HH:mm"],
  },
  "nl-BE": {
    dateFormats: ["d/MM/yyyy", "d/MM/yy", "dd-MM-yy", "dd.MM.yy", "dd/MM/yy", "yyyy-MM-dd"],
    timeFormats: ["H:mm", "HH:mm", "H.mm", "HH.mm"],
  },
  "de-DE": {
    dateFormats: ["dd.MM.yyyy", "dd.MM.yy", "d.M.yy", "d.M.yyyy", "yyyy-MM-dd"],
    timeFormats: ["HH:mm", "H:mm"],
  },
  "de-AT": {
    dateFormats: ["dd.MM.yyyy", "dd.MM.yy", "d.M.yyyy", "yyyy-MM-dd"],
    timeFormats: ["HH:mm", "H:mm"],
  },
  "de-CH": {
    dateFormats: ["dd.MM.yyyy", "dd.MM.yy", "yyyy-MM-dd"],
    timeFormats: ["HH:mm", "H:mm"],
  },
  "fr-FR": {
    dateFormats: ["dd/MM/yyyy", "dd/MM/yy", "dd.MM.yy", "dd-MM-yy", "yyyy-MM-dd"],
    timeFormats: ["HH:mm", "HH' h 'mm", "H:mm", "H.mm"],
  },
  "fr-BE": {
    dateFormats: ["dd-MM-yy", "dd/MM/yy", "dd/MM/yyyy", "d/MM/yyyy", "yyyy-MM-dd"],
    timeFormats: ["HH:mm", "HH' h 'mm", "H:mm", "H.mm"],
  },
  "es-ES": {
    dateFormats: ["dd/MM/yyyy", "dd/MM/yy", "d/M/yy", "dd-MM-yy", "dd.MM.yy", "yyyy-MM-dd"],
    timeFormats: ["H:mm", "HH:mm", "h:mm tt", "hh:mm tt"],
  },
  "it-IT": {
    dateFormats: ["dd/MM/yyyy", "dd/MM/yy", "d/M/yy", "dd.MM.yy", "dd-MM-yy", "yyyy-MM-dd"],
    timeFormats: ["HH:mm", "H:mm", "H.mm", "HH.mm"],
  },
};

/** Windows time-zone ids Exchange accepts for TimeZone (a representative subset). */
export const TIME_ZONES: readonly string[] = [
  "Dateline Standard Time",
  "UTC-11",
  "Hawaiian Standard Time",
  "Alaskan Standard Time",
  "Pacific Standard Time",
  "US Mountain Standard Time",
  "Mountain Standard Time",
  "Central Standard Time",
  "Central Standard Time (Mexico)",
  "Canada Central Standard Time",
  "SA Pacific Standard Time",
  "Eastern Standard Time",
  "Atlantic Standard Time",
  "E. South America Standard Time",
  "Argentina Standard Time",
  "UTC-02",
  "Azores Standard Time",
  "Cape Verde Standard Time",
  "UTC",
  "GMT Standard Time",
  "Greenwich Standard Time",
  "Morocco Standard Time",
  "W. Europe Standard Time",
  "Central Europe Standard Time",
  "Romance Standard Time",
  "Central European Standard Time",
  "W. Central Africa Standard Time",
  "GTB Standard Time",
  "E. Europe Standard Time",
  "FLE Standard Time",
  "Egypt Standard Time",
  "South Africa Standard Time",
  "Israel Standard Time",
  "Turkey Standard Time",
  "Arab Standard Time",
  "Russian Standard Time",
  "Arabian Standard Time",
  "Pakistan Standard Time",
  "India Standard Time",
  "Bangladesh Standard Time",
  "SE Asia Standard Time",
  "China Standard Time",
  "Singapore Standard Time",
  "Taipei Standard Time",
  "Tokyo Standard Time",
  "Korea Standard Time",
  "Cen. Australia Standard Time",
  "AUS Eastern Standard Time",
  "W. Australia Standard Time",
  "New Zealand Standard Time",
];

const TIME_ZONE_BY_LOWER = new Map(TIME_ZONES.map((id) => [id.toLowerCase(), id]));
const LANGUAGE_BY_LOWER = new Map(Object.keys(FORMATS).map((tag) => [tag.toLowerCase(), tag]));

/** The canonical language tag ("nl-nl" → "nl-NL"), or undefined when the model doesn't know it. */
export function canonicalLanguage(tag: string): string | undefined {
  return LANGUAGE_BY_LOWER.get(tag.toLowerCase());
}

export function canonicalTimeZone(id: string): string | undefined {
  return TIME_ZONE_BY_LOWER.get(id.toLowerCase());
}

export function languageFormats(language: string): LanguageFormats {
  const formats = FORMATS[language];
  if (!formats) throw new Error(`unknown language ${language}`);
  return formats;
}

/** The localized name of a default folder for a language; English when the language has no translation. */
export function folderName(type: FolderType, language: string): string {
  if (type === "Root") return "Top of Information Store";
  const names = FOLDER_NAMES[language.split("-")[0] ?? "en"] ?? FOLDER_NAMES.en;
  return (names as FolderNames)[type];
}
