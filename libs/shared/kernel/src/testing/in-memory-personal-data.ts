import { PersonalData, PersonalDataHolders, redactIdentifiers, type DataSubject, type PersonalDataSection } from '../lib/personal-data.js';

/**
 * A context's personal data as plain records per person, for the data-protection use cases' specs: the export
 * lists them, the erasure redacts them, and `failNextErase` makes the next erasure throw (a crash mid-way).
 */
export class InMemoryPersonalData extends PersonalData {
  readonly records = new Map<string, unknown[]>();
  readonly erased: string[] = [];
  retained: string[] = [];
  private failures = 0;

  constructor(readonly context: string) {
    super();
  }

  hold(personId: string, ...records: unknown[]): this {
    this.records.set(personId, [...(this.records.get(personId) ?? []), ...records]);
    return this;
  }

  failNextErase(times = 1): void {
    this.failures = times;
  }

  async export(subject: DataSubject): Promise<PersonalDataSection> {
    const records = this.records.get(subject.personId) ?? [];
    return { context: this.context, title: this.context, files: [{ name: 'records.json', content: { personId: subject.personId, records } }], summary: [`${records.length} records`], retained: [...this.retained] };
  }

  async erase(subject: DataSubject): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw new Error(`${this.context} failed mid-erasure`);
    }
    const records = this.records.get(subject.personId) ?? [];
    this.records.set(subject.personId, redactIdentifiers(records, subject).value as unknown[]);
    this.erased.push(subject.personId);
  }
}

export class FixedPersonalDataHolders extends PersonalDataHolders {
  constructor(private readonly holders: readonly PersonalData[]) {
    super();
  }
  all(): readonly PersonalData[] {
    return this.holders;
  }
}
