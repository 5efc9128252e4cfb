// Text as people typed it, minus what hides or breaks: control and zero-width
// characters are stripped, Unicode is normalised (NFC) so "ә" typed two ways
// is one letter.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_AND_NEWLINES = /[\u0000-\u001f\u007f-\u009f]/g;
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** One line: no newlines, trimmed, inner runs of spaces collapsed. */
export function cleanLine(value: string): string {
  return value
    .normalize("NFC")
    .replace(CONTROL_AND_NEWLINES, " ")
    .replace(INVISIBLE, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Several lines: keeps line breaks (as \n) and tabs, trims the ends. */
export function cleanText(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(CONTROL, "")
    .replace(INVISIBLE, "")
    .trim();
}

/** Case- and form-insensitive key for comparing names (Cyrillic, Kazakh and Latin alike). */
export function foldForSearch(value: string): string {
  return cleanLine(value).toLocaleLowerCase("kk").replace(/ё/g, "е");
}
