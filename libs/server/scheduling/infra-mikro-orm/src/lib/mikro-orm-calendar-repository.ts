import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { asId, type SchoolId } from '@cadenza/shared/kernel';
import { CalendarRepository, Closure, Term, type TermId } from '@cadenza/server/scheduling/domain';
import { ClosureSchema, TermSchema } from './entities.js';
import { NO_MAP, type CalendarRow } from './rows.js';

@Injectable()
export class MikroOrmCalendarRepository extends CalendarRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async addTerm(term: Term): Promise<void> {
    await this.em.insert(TermSchema, term.snapshot());
  }
  async termById(id: TermId): Promise<Term | null> {
    const row = await this.em.findOne(TermSchema, { id }, NO_MAP);
    return row ? Term.restore({ ...row, id: asId<TermId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }) : null;
  }
  async terms(): Promise<Term[]> {
    // Plain SQL: read on every conflict check, where the ORM's overhead outweighs the query.
    const rows = await this.calendarRows('terms', '', []);
    return rows.map((row) => Term.restore({ ...row, id: asId<TermId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }));
  }
  async addClosure(closure: Closure): Promise<void> {
    await this.em.insert(ClosureSchema, closure.snapshot());
  }
  async closures(range?: { from: string; to: string }): Promise<Closure[]> {
    const rows = range ? await this.calendarRows('closures', 'and start_date <= ?::date and end_date >= ?::date', [range.to, range.from]) : await this.calendarRows('closures', '', []);
    return rows.map((row) => Closure.restore({ ...row, id: asId(row.id), schoolId: asId<SchoolId>(row.schoolId) }));
  }
  /** Terms' or closures' rows of the current school, by start date, with dates as `YYYY-MM-DD` (as the ORM maps them). */
  private calendarRows(table: 'terms' | 'closures', conditions: string, params: unknown[]): Promise<CalendarRow[]> {
    return this.em.getConnection().execute<CalendarRow[]>(
      `select id, school_id as "schoolId", name, to_char(start_date, 'YYYY-MM-DD') as "startDate", to_char(end_date, 'YYYY-MM-DD') as "endDate"
         from ${table} where school_id = ? ${conditions} order by start_date`,
      [currentSchool(this.em), ...params],
      'all',
      this.em.getTransactionContext(),
    );
  }
}
