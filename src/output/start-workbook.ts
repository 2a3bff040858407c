import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

/** A streaming workbook writing to `output`, with styles and shared strings, stamped llmcost. */
export function startWorkbook(output: Writable, createdMs: number): ExcelJS.stream.xlsx.WorkbookWriter {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: true,
  });
  workbook.creator = 'llmcost';
  workbook.created = new Date(createdMs);
  workbook.modified = workbook.created;
  return workbook;
}
