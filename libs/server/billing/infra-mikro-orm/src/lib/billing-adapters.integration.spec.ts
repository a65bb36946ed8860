import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import { BILLED_LESSON_EVENT_TYPES, BillingAccount, IssueInvoice, Invoice, RecordLessonFacts, type BillingAccountId, type InvoiceId, type InvoiceLineId, type LessonId, type LessonTypeId } from '@cadenza/server/billing/domain';
import { billedLessonsContract, billingAccountsContract, FakeBillingDirectory, invoiceNumberingContract, invoicesContract, ratesContract } from '@cadenza/server/billing/domain/testing';
import { consumeOutbox, enterSchool, MikroOrmUnitOfWork, ormOptions } from '@cadenza/server/platform/db';
import { contextSpecParts, freshSchool, useSpecDatabase, type SpecDatabase } from '@cadenza/server/spec-database';
import { withClient } from '@cadenza/server/testing';
import { asId, AuditTrail, DAY, Money, newId, type AuditEntry, type FamilyId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock } from '@cadenza/shared/kernel/testing';
import { billingPersistence } from './billing-persistence.module.js';
import { MikroOrmBilledLessons } from './mikro-orm-billed-lessons.js';
import { MikroOrmBillingAccounts } from './mikro-orm-billing-accounts.js';
import { MikroOrmBillingSettings } from './mikro-orm-billing-settings.js';
import { MikroOrmInvoices } from './mikro-orm-invoices.js';
import { MikroOrmRates } from './mikro-orm-rates.js';
import { PostgresInvoiceNumbering } from './postgres-invoice-numbering.js';

const parts = contextSpecParts(billingPersistence);

/** Runs the work as a request would: in a context of its own, the school entered, in one unit of work (a transaction). */
const inRequest =
  (orm: MikroORM, schoolId: SchoolId) =>
  <T>(work: () => Promise<T>): Promise<T> =>
    RequestContext.create(orm.em, () => {
      enterSchool(orm.em, schoolId);
      return new MikroOrmUnitOfWork(orm.em).run(work);
    });

/** Two billing accounts of a fresh school, saved. */
async function schoolWithAccounts(db: SpecDatabase) {
  const { em, schoolId, userIds } = await freshSchool(db.orm, 3);
  const accounts = new MikroOrmBillingAccounts(em);
  const accountIds = [newId<BillingAccountId>(), newId<BillingAccountId>()];
  await accounts.save(BillingAccount.forFamily({ id: accountIds[0], familyId: newId<FamilyId>(), payerId: userIds[0], studentIds: [userIds[1]] }));
  await accounts.save(BillingAccount.forAdultStudent({ id: accountIds[1], studentId: userIds[2] }));
  return { em, schoolId, userIds, accountIds };
}

describe('billing adapters on PostgreSQL', () => {
  const db = useSpecDatabase(parts);

  ratesContract('MikroORM adapter', async () => {
    const { em, userIds } = await freshSchool(db.orm, 2);
    return { rates: new MikroOrmRates(em), people: userIds };
  });

  invoicesContract('MikroORM adapter', async () => {
    const { schoolId, userIds, accountIds } = await schoolWithAccounts(db);
    // An entity manager that follows the unit's transaction, as the app's context-aware one does.
    const em = db.orm.em.fork({ useContext: true });
    enterSchool(em, schoolId);
    return { invoices: new MikroOrmInvoices(em), accountIds, studentId: userIds[1], unit: (work) => new MikroOrmUnitOfWork(em).run(work) };
  });

  invoiceNumberingContract('PostgreSQL counter', async () => {
    const school = async () => {
      const { schoolId } = await freshSchool(db.orm, 0);
      return { numbering: new PostgresInvoiceNumbering(db.orm.em), unit: inRequest(db.orm, schoolId) };
    };
    return { school: await school(), other: await school() };
  });

  billingAccountsContract('MikroORM adapter', async () => {
    const { em, userIds } = await freshSchool(db.orm, 4);
    return { accounts: new MikroOrmBillingAccounts(em), settings: new MikroOrmBillingSettings(em), family: { id: newId<FamilyId>(), guardianId: userIds[0], studentIds: [userIds[1], userIds[2]] }, adultId: userIds[3] };
  });

  billedLessonsContract('MikroORM adapter', async () => {
    const { em, userIds } = await freshSchool(db.orm, 3);
    return { lessons: new MikroOrmBilledLessons(em), people: userIds, lessonTypeId: newId<LessonTypeId>() };
  });

  it('keeps its lessons from the outbox as a consumer claims them: scheduled, then delivered, each event once', async () => {
    const { schoolId, userIds } = await freshSchool(db.orm, 2);
    const [teacherId, studentId] = userIds;
    const lessonId = newId();
    const lesson = { lessonId, seriesId: null, teacherId, studentIds: [studentId], accompanistId: null, roomId: null, start: '2027-01-07T16:00:00.000Z', end: '2027-01-07T16:30:00.000Z' };
    const counts = { students: 1, present: 1, late: 0, absentWithNotice: 0, absentWithoutNotice: 0, excused: 0 };
    const delivered = { actorId: teacherId, lessonId, teacherId, accompanistId: null, studentIds: [studentId], start: lesson.start, end: lesson.end, startedAt: null, deliveredAt: '2027-01-07T16:31:00.000Z', counts };
    await withClient(db.url, async (client) => {
      const insert = (type: string, payload: unknown, ago: number) =>
        client.query(`insert into outbox_events (id, school_id, type, payload, occurred_at) values ($1, $2, $3, $4, now() - make_interval(secs => $5))`, [newId(), schoolId, type, JSON.stringify(payload), ago]);
      await insert('lesson.scheduled.v1', { actorId: null, lesson }, 20);
      await insert('thread.read.v1', { threadId: newId(), userId: studentId, lastReadSeq: 1 }, 15);
      await insert('attendance.lesson_delivered.v1', delivered, 10);
    });
    const directory = new FakeBillingDirectory();
    directory.typeOfLesson.set(asId<LessonId>(lessonId), null);
    const record = new RecordLessonFacts(new MikroOrmBilledLessons(db.orm.em), directory, new MikroOrmUnitOfWork(db.orm.em));
    const consume = () => consumeOutbox(db.orm.em, 'billing.lessons', async (_school, events) => void (await record.execute(events)), { types: BILLED_LESSON_EVENT_TYPES, batch: 200, maxAgeMs: DAY, now: new Date() });
    expect(await consume()).toBe(2);
    expect(await consume()).toBe(0);
    const rows = await withClient(db.url, async (client) => (await client.query('select id, status, student_ids, delivered_at from billing_lessons where school_id = $1', [schoolId])).rows);
    expect(rows).toEqual([{ id: lessonId, status: 'delivered', student_ids: [studentId], delivered_at: new Date('2027-01-07T16:31:00Z') }]);
  });

  it('refuses in the database what the domain never writes: a positive credit, a draft with a number, a second rate of one scope', async () => {
    const { schoolId, accountIds } = await schoolWithAccounts(db);
    await withClient(db.url, async (client) => {
      const invoiceId = newId();
      await client.query(`insert into billing_invoices (id, school_id, account_id, currency, status, tax_basis_points, created_at) values ($1, $2, $3, 'GBP', 'draft', 0, now())`, [invoiceId, schoolId, accountIds[0]]);
      await expect(client.query(`update billing_invoices set number = 5 where id = $1`, [invoiceId])).rejects.toThrow(/check/);
      await expect(
        client.query(`insert into billing_invoice_lines (id, school_id, invoice_id, position, kind, source_id, description, amount_minor, currency) values ($1, $2, $3, 0, 'credit', $4, 'x', 100, 'GBP')`, [newId(), schoolId, invoiceId, newId()]),
      ).rejects.toThrow(/check/);
      const type = newId();
      const rate = `insert into billing_rates (id, school_id, lesson_type_id, price_minor, currency, format) values ($1, $2, $3, 100, 'GBP', 'individual')`;
      await client.query(rate, [newId(), schoolId, type]);
      await expect(client.query(rate, [newId(), schoolId, type])).rejects.toThrow(/unique/);
    });
  });

  describe('racing issuers', () => {
    let second: MikroORM;
    beforeAll(async () => {
      second = await MikroORM.init(ormOptions(db.url, parts, 4));
    });
    afterAll(async () => {
      await second?.close(true);
    });

    it('two workers issuing 60 invoices of one school at once, every fifth failing after taking its number: numbers 1 to 48, gapless and unique (SQL)', async () => {
      const { schoolId, accountIds } = await schoolWithAccounts(db);
      const clock = new FixedClock('2026-12-25T06:00:00Z');
      const failing = new Set<string>();
      const drafts: InvoiceId[] = [];
      const invoices = new MikroOrmInvoices(db.orm.em);
      for (let i = 0; i < 60; i++) {
        const invoice = Invoice.draft({ id: newId<InvoiceId>(), accountId: accountIds[i % 2], currency: 'GBP', period: null, taxBasisPoints: 0, createdAt: clock.now() });
        invoice.addLine({ id: newId<InvoiceLineId>(), kind: 'lesson', sourceId: newId(), studentId: null, description: 'Piano', amount: Money.of(2500, 'GBP') });
        await inRequest(db.orm, schoolId)(() => invoices.save(invoice));
        drafts.push(invoice.id);
        if (i % 5 === 4) failing.add(invoice.id);
      }
      /** The audit write fails for the chosen invoices: after their number was taken, in the same transaction. */
      class FailingAudit extends AuditTrail {
        async record(entry: AuditEntry): Promise<void> {
          if (entry.entityId && failing.has(entry.entityId)) throw new Error('audit unavailable');
        }
      }
      const issuerOn = (orm: MikroORM) => {
        const em = orm.em;
        return new IssueInvoice(new MikroOrmInvoices(em), new PostgresInvoiceNumbering(em), new MikroOrmBillingSettings(em), new FailingAudit(), new MikroOrmUnitOfWork(em), clock);
      };
      const workers = [db.orm, second].map((orm) => ({ orm, issuer: issuerOn(orm) }));
      const admin = { userId: newId<UserId>(), schoolId, roles: ['admin'] };
      const results = await Promise.allSettled(
        drafts.map((id, i) => {
          const { orm, issuer } = workers[i % 2];
          return RequestContext.create(orm.em, () => {
            enterSchool(orm.em, schoolId);
            return issuer.execute(admin, id);
          });
        }),
      );
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(12);
      const proof = await withClient(db.url, async (client) => {
        const { rows } = await client.query<{ issued: number; distinct_numbers: number; lowest: number; highest: number; failed_with_number: number }>(
          `select count(*) filter (where number is not null)::int as issued, count(distinct number)::int as distinct_numbers,
                  min(number) as lowest, max(number) as highest,
                  count(*) filter (where id = any($2::uuid[]) and (number is not null or status <> 'draft'))::int as failed_with_number
             from billing_invoices where school_id = $1`,
          [schoolId, [...failing]],
        );
        const counter = await client.query<{ last_number: number }>('select last_number from billing_invoice_counters where school_id = $1', [schoolId]);
        return { ...rows[0], counter: counter.rows[0]?.last_number };
      });
      expect(proof).toEqual({ issued: 48, distinct_numbers: 48, lowest: 1, highest: 48, failed_with_number: 0, counter: 48 });
    }, 60_000);
  });
});
