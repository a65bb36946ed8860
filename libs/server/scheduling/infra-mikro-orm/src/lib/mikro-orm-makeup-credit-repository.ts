import { Injectable } from '@nestjs/common';
import { EntityManager, LockMode } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS, schoolWrite } from '@cadenza/server/platform/db';
import { asId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { MakeupCredit, MakeupCreditRepository, type LessonId, type MakeupCreditId, type MakeupCreditStatus } from '@cadenza/server/scheduling/domain';
import { MakeupCreditSchema, type MakeupCreditRow } from './entities.js';
import { NO_MAP } from './rows.js';
import { MAKEUP_CREDIT_INSERT } from './statements.js';

const toCredit = (row: MakeupCreditRow) =>
  MakeupCredit.restore({
    ...row,
    id: asId<MakeupCreditId>(row.id),
    schoolId: asId<SchoolId>(row.schoolId),
    studentId: asId<UserId>(row.studentId),
    originLessonId: asId<LessonId>(row.originLessonId),
    usedOnLessonId: row.usedOnLessonId ? asId<LessonId>(row.usedOnLessonId) : null,
    status: row.status as MakeupCreditStatus,
  });

@Injectable()
export class MikroOrmMakeupCreditRepository extends MakeupCreditRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(credits: readonly MakeupCredit[]): Promise<void> {
    for (const credit of credits) {
      const { id, studentId, originLessonId, grantedAt, expiresAt, status, usedOnLessonId } = credit.snapshot();
      await schoolWrite(this.em, MAKEUP_CREDIT_INSERT, [id, studentId, originLessonId, grantedAt, expiresAt, status, usedOnLessonId]);
    }
  }
  async update(credit: MakeupCredit): Promise<void> {
    const { id, status, usedOnLessonId, expiresAt, voidReason } = credit.snapshot();
    await this.em.nativeUpdate(MakeupCreditSchema, { id }, { status, usedOnLessonId, expiresAt, voidReason });
  }
  async byId(id: MakeupCreditId): Promise<MakeupCredit | null> {
    const row = await this.em.findOne(MakeupCreditSchema, { id }, { ...NO_MAP, lockMode: this.em.isInTransaction() ? LockMode.PESSIMISTIC_WRITE : undefined });
    return row ? toCredit(row) : null;
  }
  async ofStudent(studentId: UserId): Promise<MakeupCredit[]> {
    return (await this.em.find(MakeupCreditSchema, { studentId }, { ...NO_MAP, orderBy: { expiresAt: 'asc' } })).map(toCredit);
  }
  async all(): Promise<MakeupCredit[]> {
    return (await this.em.find(MakeupCreditSchema, {}, { ...NO_MAP, orderBy: { expiresAt: 'asc', id: 'asc' } })).map(toCredit);
  }
  /** The daily sweep runs for every school at once; each credit keeps its own school. */
  async expireDue(now: Date): Promise<MakeupCredit[]> {
    const due = await this.em.find(MakeupCreditSchema, { status: 'available', expiresAt: { $lte: now } }, { ...NO_MAP, ...ACROSS_SCHOOLS, limit: 5000 });
    if (due.length === 0) return [];
    await this.em.nativeUpdate(MakeupCreditSchema, { id: { $in: due.map((d) => d.id) }, status: 'available' }, { status: 'expired' }, ACROSS_SCHOOLS);
    return due.map((row) => toCredit({ ...row, status: 'expired' }));
  }
}
