/** First characters a spreadsheet may read as the start of a formula (OWASP "CSV Injection"). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * Makes user text (project names, tags, model ids) safe to open in a spreadsheet: text starting with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading single quote, so Excel, LibreOffice and
 * Google Sheets show it as text instead of evaluating it (https://owasp.org/www-community/attacks/CSV_Injection).
 * Only for text cells: numbers are written as numbers and never pass through here.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}
