import { EntitySchema } from '@mikro-orm/core';
import { schoolOwned } from '@cadenza/server/platform/db';

export interface ImportedPersonRow {
  runId: string;
  userId: string;
  schoolId: string;
}

export const ImportedPersonSchema = new EntitySchema<ImportedPersonRow>({
  name: 'ImportedPersonRow',
  tableName: 'imported_people',
  properties: {
    runId: { type: 'uuid', primary: true },
    userId: { type: 'uuid', primary: true },
    schoolId: { type: 'uuid' },
  },
  filters: schoolOwned(),
});
