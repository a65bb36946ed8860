import { MikroOrmUnitOfWork, enterSchool } from '@cadenza/server/platform/db';
import { type EntityManager } from '@mikro-orm/postgresql';
import { contextSpecParts, freshSchool, useSpecDatabase } from '@cadenza/server/spec-database';
import { newId, type DataSubject } from '@cadenza/shared/kernel';
import { personalDataContract } from '@cadenza/shared/kernel/testing';
import { auditPersistence } from './audit.adapters.js';
import { MikroOrmAuditPersonalData } from './mikro-orm-audit-personal-data.js';

describe('MikroOrmAuditPersonalData on PostgreSQL', () => {
  const db = useSpecDatabase(contextSpecParts(auditPersistence));

  it('keeps the trail append-only outside an erasure’s transaction', async () => {
    const { em, schoolId } = await freshSchool(db.orm, 1);
    const sql = em.getConnection();
    const id = newId();
    await sql.execute(`insert into audit_events (id, school_id, occurred_at, action, entity_type, after) values (?, ?, now(), 'x.y.z', 'user', '{"name":"Mila"}')`, [id, schoolId]);
    await expect(sql.execute(`update audit_events set after = null where id = ?`, [id])).rejects.toThrow(/append-only/);
    await expect(sql.execute(`delete from audit_events where id = ?`, [id])).rejects.toThrow(/append-only/);
    // Even an erasure may not change what an event is (its action), only what it recorded.
    await expect(
      em.transactional(async (tx: EntityManager) => {
        await tx.execute(`select set_config('cadenza.personal_data_erasure', 'on', true)`);
        await tx.execute(`update audit_events set action = 'other' where id = ?`, [id]);
      }),
    ).rejects.toThrow(/append-only/);
  });

  personalDataContract('audit', async () => {
    const { em, schoolId, userIds } = await freshSchool(db.orm, 3);
    const [admin, mila, ana] = userIds as unknown as [string, string, string];
    const subject: DataSubject = { schoolId, personId: userIds[1]!, identifiers: ['Mila Horvat', 'mila@example.test'], pseudonym: 'Former student 1', pseudonymEmail: `erased-${mila}@erased.invalid` };
    const other: DataSubject = { schoolId, personId: userIds[2]!, identifiers: ['Ana Other'], pseudonym: 'Former student 2', pseudonymEmail: `erased-${ana}@erased.invalid` };
    const sql = em.getConnection();
    const event = (actor: string | null, entityType: string, entityId: string, after: unknown, ip: string | null = null) =>
      sql.execute(`insert into audit_events (id, school_id, occurred_at, actor_id, action, entity_type, entity_id, ip, user_agent, after) values (?, ?, now(), ?, 'identity.test.done', ?, ?, ?, ?, ?)`, [
        newId(), schoolId, actor, entityType, entityId, ip, ip ? 'Mozilla/5.0' : null, JSON.stringify(after),
      ]);
    await event(admin, 'user', mila, { name: 'Mila Horvat', email: 'mila@example.test', roles: ['student'] });
    await event(mila, 'user', mila, { name: 'Mila Horvat', timeZone: 'Europe/London', note: 'now MILA HORVAT' }, '203.0.113.9');
    await event(admin, 'invitation', newId(), { email: 'mila@example.test', name: 'Mila Horvat' });
    await event(admin, 'user', ana, { name: 'Ana Other' });
    // The adapter's entity manager follows the unit of work's transaction, as the app's request-scoped one does.
    const scoped = db.orm.em.fork({ useContext: true });
    enterSchool(scoped, schoolId);
    const uow = new MikroOrmUnitOfWork(scoped);
    return {
      holder: new MikroOrmAuditPersonalData(scoped),
      subject,
      other,
      inUnit: (work) => uow.run(work),
      erasableText: async () => JSON.stringify(await sql.execute(`select before, after, ip, user_agent from audit_events where school_id = ? order by id`, [schoolId])),
      recordCount: async () => Number((await sql.execute(`select count(*) as n from audit_events where school_id = ?`, [schoolId]))[0].n),
    };
  });
});
