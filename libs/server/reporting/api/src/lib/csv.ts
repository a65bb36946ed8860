import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

export type CsvValue = string | number | boolean | null | undefined;

/**
 * One CSV cell: quoted when it holds a comma, quote or line break, and with a leading apostrophe when it would start
 * a spreadsheet formula (`=`, `+`, `-`, `@`), so a name can never run as one. Numbers are written as they are.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A rate as a CSV cell: a share with four decimals, empty when there is none. */
export const csvRate = (value: number | null): string => (value === null ? '' : value.toFixed(4));

/**
 * A CSV download written as it is sent: the heading, then each row as the iterable yields it (rows are joined in
 * chunks of a few hundred, so a long report is never one string in memory).
 */
export function csvDownload(filename: string, heading: readonly string[], rows: Iterable<readonly CsvValue[]>): StreamableFile {
  function* lines(): Generator<string> {
    yield `${heading.map(csvCell).join(',')}\r\n`;
    let chunk: string[] = [];
    for (const row of rows) {
      chunk.push(`${row.map(csvCell).join(',')}\r\n`);
      if (chunk.length === 500) {
        yield chunk.join('');
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk.join('');
  }
  return new StreamableFile(Readable.from(lines()), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${filename}"` });
}
