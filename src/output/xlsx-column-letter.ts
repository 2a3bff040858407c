/** A spreadsheet column's letters: 1 → A, 27 → AA (for formulas and autofilter ranges). */
export function columnLetter(columnNumber: number): string {
  let letters = '';
  for (let rest = columnNumber; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}
