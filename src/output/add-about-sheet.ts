import type ExcelJS from 'exceljs';
import { neutralizeFormula } from './neutralize-formula.ts';

/**
 * Streams a workbook's "About" sheet: bold labels and their values, then the notes (if any) under a
 * blank row. Every value is neutralised against formula injection (paths, filters and names come from
 * the user).
 */
export function addAboutSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  about: readonly (readonly [string, string])[],
  notes: readonly string[],
): void {
  const sheet = workbook.addWorksheet('About');
  sheet.columns = [{ width: 24 }, { width: 100 }];
  for (const [label, value] of about) {
    const row = sheet.addRow([label, neutralizeFormula(value)]);
    row.getCell(1).font = { bold: true };
    row.commit();
  }
  sheet.addRow([]).commit();
  notes.forEach((note, index) => {
    const row = sheet.addRow([index === 0 ? 'Notes' : '', neutralizeFormula(note.trim())]);
    row.getCell(1).font = { bold: true };
    row.commit();
  });
  sheet.commit();
}
