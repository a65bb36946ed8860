import { Clock } from '@cadenza/shared/kernel';
import { dateInZone } from '../model/profile-fields.js';
import { SchoolRepository } from '../ports/index.js';

/** The school's calendar day now, `YYYY-MM-DD` in its time zone: the "today" of the date rules (who is a minor). */
export class SchoolDay {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly clock: Clock,
  ) {}

  async today(): Promise<string> {
    return dateInZone(this.clock.now(), (await this.schools.current()).timeZone);
  }
}
