// The DateFormat and TimeFormat values Set-MailboxRegionalConfiguration accepts per language (Exchange
// takes the patterns of the language's culture). Checked before the call: Exchange can take over 70 s to
// reject a bad combination, past HelloID's 30 s limit. A language missing here is refused with a clear
// error rather than sent unchecked; add it here with its formats.
const FORMATS: Readonly<Record<string, { dateFormats: readonly string[]; timeFormats: readonly string[] }>> =
  {
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

export const LANGUAGES: readonly string[] = Object.keys(FORMATS);

/** The table's spelling of a culture name ("nl-nl" → "nl-NL"), or undefined when the table lacks it. */
export function knownLanguage(tag: string): string | undefined {
  return LANGUAGES.find((language) => language.toLowerCase() === tag.toLowerCase());
}

/** The formats of a language from LANGUAGES; format strings are case-sensitive (MM is month, mm minutes). */
export function formatsOf(language: string, kind: "DateFormat" | "TimeFormat"): readonly string[] {
  const formats = FORMATS[language];
  if (!formats) throw new Error(`no formats for language ${language}`);
  return kind === "DateFormat" ? formats.dateFormats : formats.timeFormats;
}
