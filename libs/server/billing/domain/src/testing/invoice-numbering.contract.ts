import type { InvoiceNumbering } from '../ports/invoice-numbering.js';

export interface NumberingSchool {
  numbering: InvoiceNumbering;
  /** Runs the work in one unit of work with the school in force. */
  unit: <T>(work: () => Promise<T>) => Promise<T>;
}

/** The contract of `InvoiceNumbering`: each school's own sequence from 1, and a failed unit gives its number back. */
export function invoiceNumberingContract(name: string, setup: () => Promise<{ school: NumberingSchool; other: NumberingSchool }>): void {
  describe(`InvoiceNumbering contract: ${name}`, () => {
    it('numbers each school from 1 without a gap, and a unit that fails gives its number back', async () => {
      const { school, other } = await setup();
      expect(await school.unit(() => school.numbering.next())).toBe(1);
      expect(await school.unit(async () => [await school.numbering.next(), await school.numbering.next()])).toEqual([2, 3]);
      await expect(
        school.unit(async () => {
          await school.numbering.next();
          throw new Error('the issue failed');
        }),
      ).rejects.toThrow('the issue failed');
      expect(await school.unit(() => school.numbering.next())).toBe(4);
      expect(await other.unit(() => other.numbering.next())).toBe(1);
    });
  });
}
