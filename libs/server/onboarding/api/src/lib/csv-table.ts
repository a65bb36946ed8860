import { parse } from 'csv-parse/sync';
import type { ImportTable } from '@cadenza/server/onboarding/domain';
import { DomainError } from '@cadenza/shared/kernel';

const invalid = (message: string) => DomainError.invalid('ONBOARDING.INVALID_CSV', 'file', message);

/**
 * A CSV file as headings and rows, read with csv-parse: UTF-8 with or without a byte-order mark, quoted cells with
 * commas and line breaks, CRLF or LF; separated by commas, or by semicolons when the heading line has more of them (as
 * spreadsheets save CSV in many European locales). Blank lines are skipped. Refused (400 on `file`) when it is not CSV,
 * has no headings, repeats or leaves out a heading, or has a row with more cells than headings.
 */
export function readCsv(text: string): ImportTable {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, relax_column_count: true });
  } catch (error) {
    throw invalid(`The file is not readable as CSV: ${(error as Error).message}`);
  }
  const [headings, ...rows] = records.filter((r) => r.some((cell) => cell.trim() !== ''));
  if (!headings) throw invalid('The file is empty: its first row should hold the column headings.');
  const columns = headings.map((h) => h.trim());
  const blank = columns.findIndex((c) => c === '');
  if (blank >= 0) throw invalid(`Column ${blank + 1} has no heading.`);
  const repeated = columns.find((c, i) => columns.indexOf(c) !== i);
  if (repeated) throw invalid(`The heading "${repeated}" appears twice.`);
  const wide = rows.findIndex((r) => r.length > columns.length);
  if (wide >= 0) throw invalid(`Row ${wide + 2} has ${rows[wide].length} cells but there are ${columns.length} headings.`);
  return { columns, rows };
}
