import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { acrossSchoolsRows, schoolRows } from '@cadenza/server/platform/db';
import { PersonalData, redactIdentifiers, type DataSubject, type PersonalDataSection } from '@cadenza/shared/kernel';
import { AuditEventSchema, type AuditEventRow } from './audit-event.entity.js';
import { AUDIT_EVENTS_CONCERNING, BEGIN_AUDIT_ERASURE } from './statements.js';

const NO_MAP = { disableIdentityMap: true } as const;
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The audit trail's part of data-protection requests: the events about the person, by them, or holding their name or
 * contacts. An erasure keeps every event (what, when, by whom, about what) and replaces their name and contacts in
 * the values it recorded, and the address and browser of the events they made.
 */
@Injectable()
export class MikroOrmAuditPersonalData extends PersonalData {
  readonly context = 'audit';

  constructor(private readonly em: EntityManager) {
    super();
  }

  async export(subject: DataSubject): Promise<PersonalDataSection> {
    const events = await this.concerning(subject);
    return {
      context: this.context,
      title: 'Audit trail',
      files: [{ name: 'events.json', content: events.map(({ schoolId: _s, requestId: _r, ...e }) => e) }],
      summary: [`${events.length} audit events about them or made by them`],
      retained: ['The audit trail keeps every event after an erasure, without the person’s name or contacts.'],
    };
  }

  async erase(subject: DataSubject): Promise<void> {
    await acrossSchoolsRows(this.em, BEGIN_AUDIT_ERASURE, []);
    for (const event of await this.concerning(subject)) {
      const values = redactIdentifiers({ before: event.before, after: event.after }, subject);
      const byThem = event.actorId === subject.personId && (event.ip !== null || event.userAgent !== null);
      if (!values.changed && !byThem) continue;
      const { before, after } = values.value as Pick<AuditEventRow, 'before' | 'after'>;
      await this.em.nativeUpdate(AuditEventSchema, { id: event.id }, { before, after, ...(byThem ? { ip: null, userAgent: null } : {}) });
    }
  }

  private async concerning(subject: DataSubject): Promise<AuditEventRow[]> {
    const patterns = `{${subject.identifiers.map((i) => JSON.stringify(likePattern(i))).join(',')}}`;
    const ids = (await schoolRows(this.em, AUDIT_EVENTS_CONCERNING, [subject.personId, patterns])).map((r) => r.id);
    return ids.length ? this.em.find(AuditEventSchema, { id: { $in: ids } }, { ...NO_MAP, orderBy: { occurredAt: 'asc', id: 'asc' } }) : [];
  }
}
