import { EntitySchema } from '@mikro-orm/core';
import { schoolOwned } from '@cadenza/server/platform/db';

export interface PersonalDataErasureRow {
  userId: string;
  schoolId: string;
  number: number;
  label: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export const PersonalDataErasureSchema = new EntitySchema<PersonalDataErasureRow>({
  name: 'PersonalDataErasureRow',
  tableName: 'personal_data_erasures',
  properties: {
    userId: { type: 'uuid', primary: true },
    schoolId: { type: 'uuid' },
    number: { type: 'integer' },
    label: { type: 'text' },
    startedAt: { type: 'datetime', columnType: 'timestamptz' },
    finishedAt: { type: 'datetime', columnType: 'timestamptz', nullable: true },
  },
  filters: schoolOwned(),
});
