import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows } from '@cadenza/server/platform/db';
import { asId, type SchoolId } from '@cadenza/shared/kernel';
import { CalendarRepository, Closure, Term, type ClosureId, type TermId } from '@cadenza/server/scheduling/domain';
import { ClosureSchema, TermSchema } from './entities.js';
import { NO_MAP } from './rows.js';
import { CLOSURES, CLOSURES_OVERLAPPING, TERMS } from './statements.js';

@Injectable()
export class MikroOrmCalendarRepository extends CalendarRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async addTerm(term: Term): Promise<void> {
    await this.em.insert(TermSchema, term.snapshot());
  }
  async updateTerm(term: Term): Promise<void> {
    const { id, ...rest } = term.snapshot();
    await this.em.nativeUpdate(TermSchema, { id }, rest);
  }
  async removeTerm(id: TermId): Promise<void> {
    await this.em.nativeDelete(TermSchema, { id });
  }
  async termById(id: TermId): Promise<Term | null> {
    const row = await this.em.findOne(TermSchema, { id }, NO_MAP);
    return row ? Term.restore({ ...row, id: asId<TermId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }) : null;
  }
  async terms(): Promise<Term[]> {
    // Hand-shaped: read on every conflict check, where the ORM's overhead outweighs the query.
    const rows = await schoolRows(this.em, TERMS, []);
    return rows.map((row) => Term.restore({ ...row, id: asId<TermId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }));
  }
  async addClosure(closure: Closure): Promise<void> {
    await this.em.insert(ClosureSchema, closure.snapshot());
  }
  async updateClosure(closure: Closure): Promise<void> {
    const { id, ...rest } = closure.snapshot();
    await this.em.nativeUpdate(ClosureSchema, { id }, rest);
  }
  async removeClosure(id: ClosureId): Promise<void> {
    await this.em.nativeDelete(ClosureSchema, { id });
  }
  async closureById(id: ClosureId): Promise<Closure | null> {
    const row = await this.em.findOne(ClosureSchema, { id }, NO_MAP);
    return row ? Closure.restore({ ...row, id: asId<ClosureId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }) : null;
  }
  async closures(range?: { from: string; to: string }): Promise<Closure[]> {
    const rows = range ? await schoolRows(this.em, CLOSURES_OVERLAPPING, [range.to, range.from]) : await schoolRows(this.em, CLOSURES, []);
    return rows.map((row) => Closure.restore({ ...row, id: asId(row.id), schoolId: asId<SchoolId>(row.schoolId) }));
  }
}
