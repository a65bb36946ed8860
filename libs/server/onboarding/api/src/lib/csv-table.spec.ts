import { readCsv } from './csv-table.js';

describe('readCsv', () => {
  it('reads quoted cells with commas, quotes and line breaks, a byte-order mark and CRLF', () => {
    const text = '\uFEFFName,Notes\r\n"Okafor, Ada","says ""hi""\r\nand bye"\r\n\r\nLin,\r\n';
    expect(readCsv(text)).toEqual({ columns: ['Name', 'Notes'], rows: [['Okafor, Ada', 'says "hi"\r\nand bye'], ['Lin', '']] });
  });

  it('reads a file separated by semicolons', () => {
    expect(readCsv('Room name;Capacity;Features\nStudio 1;4;piano, mirror\n')).toEqual({ columns: ['Room name', 'Capacity', 'Features'], rows: [['Studio 1', '4', 'piano, mirror']] });
  });

  it('keeps short rows, to be reported by field, and refuses what is not a table', () => {
    expect(readCsv('a,b,c\n1\n').rows).toEqual([['1']]);
    const refused = (text: string) => {
      try {
        readCsv(text);
      } catch (error) {
        return error;
      }
      throw new Error('not refused');
    };
    expect(refused('')).toMatchObject({ code: 'ONBOARDING.INVALID_CSV', details: { fields: [{ field: 'file', message: expect.stringContaining('empty') }] } });
    expect(refused('a,,c\n1,2,3\n')).toMatchObject({ details: { fields: [{ message: 'Column 2 has no heading.' }] } });
    expect(refused('a,a\n1,2\n')).toMatchObject({ details: { fields: [{ message: 'The heading "a" appears twice.' }] } });
    expect(refused('a,b\n1,2\n1,2,3\n')).toMatchObject({ details: { fields: [{ message: 'Row 3 has 3 cells but there are 2 headings.' }] } });
    expect(refused('a,b\n"1,2\n')).toMatchObject({ details: { fields: [{ message: expect.stringContaining('not readable as CSV') }] } });
  });
});
