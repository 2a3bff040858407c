/**
 * Epoch milliseconds of a timestamp in the one shape JavaScript's `toISOString()` writes,
 * `2026-10-05T09:14:03.120Z`, or null for anything else (the caller then applies parseInstant's
 * wider rules). Reads the digits by position, without a regex or a Date object: Claude Code stamps
 * every line this way, and parseInstant's regex cost ~0.8 µs a line. Agrees with parseInstant on
 * every string it accepts; rejects out-of-range fields (month 13, 30 February, 24:00) so that those
 * get parseInstant's verdict.
 */
export function parseCanonicalInstant(text: string): number | null {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== DASH ||
    text.charCodeAt(7) !== DASH ||
    text.charCodeAt(10) !== LETTER_T ||
    text.charCodeAt(13) !== COLON ||
    text.charCodeAt(16) !== COLON ||
    text.charCodeAt(19) !== DOT ||
    text.charCodeAt(23) !== LETTER_Z
  ) {
    return null;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  const millisecond = digits(text, 20, 3);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || millisecond < 0 || year < 0) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
}

const DASH = 45;
const DOT = 46;
const COLON = 58;
const LETTER_T = 84;
const LETTER_Z = 90;

/** The decimal number in text[start, start + count), or -1 if a character is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let position = start; position < start + count; position++) {
    const digit = text.charCodeAt(position) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
