import { strFromU8, unzipSync } from 'fflate';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { renderPersonalDataZip } from './personal-data-export-files.js';

/** The text a PDF shows: pdfkit writes it as hex strings in `TJ` operators. */
const shownText = (pdf: string) =>
  [...pdf.matchAll(/\[((?:<[0-9a-f]*>\s*-?[\d.]*\s*)+)\]\s*TJ/g)].map((m) => Buffer.from([...m[1]!.matchAll(/<([0-9a-f]*)>/g)].map((h) => h[1]).join(''), 'hex').toString('latin1')).join('');

const person = asId<UserId>('c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f');
const admin = asId<UserId>('8d4e2f1a-7c3b-4a9e-b5d6-1e2f3a4b5c6d');

describe('the subject-access export as a ZIP', () => {
  it('holds a readable PDF summary, the export’s index and each context’s JSON files in its folder', async () => {
    const zip = await renderPersonalDataZip({
      personId: person,
      name: 'Mila Horvat',
      generatedAt: new Date('2026-12-08T10:00:00Z'),
      generatedBy: admin,
      erasure: null,
      sections: [
        { context: 'identity', title: 'Profile', files: [{ name: 'profile.json', content: { name: 'Mila Horvat' } }], summary: ['Mila Horvat <mila@example.test>'], retained: [] },
        { context: 'messaging', title: 'Messages', files: [{ name: 'threads.json', content: [{ id: 't1' }] }], summary: ['1 thread'], retained: ['Thread t1 is kept until its retention ends.'] },
      ],
    });
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files).sort()).toEqual(['export.json', 'identity/profile.json', 'messaging/threads.json', 'summary.pdf']);
    expect(JSON.parse(strFromU8(files['identity/profile.json']!))).toEqual({ name: 'Mila Horvat' });
    const index = JSON.parse(strFromU8(files['export.json']!));
    expect(index.contexts[1]).toEqual({ context: 'messaging', title: 'Messages', files: ['messaging/threads.json'], summary: ['1 thread'], retained: ['Thread t1 is kept until its retention ends.'] });
    const pdf = Buffer.from(files['summary.pdf']!).toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    const text = shownText(pdf);
    for (const expected of ['Person: Mila Horvat', 'Mila Horvat <mila@example.test>', 'Kept: Thread t1 is kept until its retention ends.', 'messaging/threads.json']) expect(text).toContain(expected);
  }, 30_000);
});
