import { z } from 'zod';

/** `POST /users/{id}/erasure`: the admin confirms by typing the person's name as the school holds it. */
export const ErasePersonRequest = z.strictObject({
  confirmName: z.string({ message: 'Type the person’s name to confirm.' }).min(1, { message: 'Type the person’s name to confirm.' }).max(200),
});
export type ErasePersonRequest = z.infer<typeof ErasePersonRequest>;

/** What an erasure left: the pseudonym the person is shown as from now on. */
export const ErasureOutcome = z
  .object({ personId: z.uuid(), pseudonym: z.string(), erasedAt: z.iso.datetime() })
  .meta({ id: 'ErasureOutcome', example: { personId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', pseudonym: 'Former student 12', erasedAt: '2026-12-08T10:00:00.000Z' } });
export type ErasureOutcome = z.infer<typeof ErasureOutcome>;

/** The name of the ZIP a subject-access export answers with. */
export function personalDataExportFileName(personId: string, at: string): string {
  return `personal-data-${personId}-${at.slice(0, 10)}.zip`;
}
