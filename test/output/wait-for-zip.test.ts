import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { waitForZip, zipBacklogBytes } from '../../src/output/wait-for-zip.ts';

/** An output that takes a millisecond per chunk, like a slow disk or pipe. */
const slowOutput = () =>
  new Writable({
    write(_chunk, _encoding, callback) {
      setTimeout(callback, 1);
    },
  });

describe('waitForZip', () => {
  it("finds exceljs's zip entry of a streamed sheet and keeps its backlog under a MiB", async () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: slowOutput() });
    const sheet = workbook.addWorksheet('Rows');
    const backlogs: (number | null)[] = [];
    for (let index = 0; index < 40_000; index += 1) {
      sheet.addRow([`row ${index}`, index, 'x'.repeat(100)]).commit();
      if (index % 256 === 255) {
        await waitForZip(sheet);
        backlogs.push(zipBacklogBytes(sheet));
      }
    }
    sheet.commit();
    await workbook.commit();
    expect(backlogs).not.toContain(null);
    expect(Math.max(...backlogs.map(Number))).toBeLessThanOrEqual(2 ** 20);
  }, 60_000);
});
