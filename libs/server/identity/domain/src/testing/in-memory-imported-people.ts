import type { SchoolId, UserId } from '@cadenza/shared/kernel';
import { ImportedPeople } from '../ports/imported-people.js';

/** Which run created whom, per school; `currentSchool` plays the adapter's tenant filter. */
export class InMemoryImportedPeople extends ImportedPeople {
  readonly rows: { schoolId: SchoolId | null; runId: string; personId: UserId }[] = [];
  constructor(private readonly currentSchool: () => SchoolId | null = () => null) {
    super();
  }
  async record(runId: string, personIds: readonly UserId[]): Promise<void> {
    for (const personId of personIds) {
      if (!this.rows.some((r) => r.runId === runId && r.personId === personId)) this.rows.push({ schoolId: this.currentSchool(), runId, personId });
    }
  }
  async of(runId: string): Promise<UserId[]> {
    const school = this.currentSchool();
    return this.rows.filter((r) => r.runId === runId && (!school || r.schoolId === school)).map((r) => r.personId);
  }
}
