import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { currentSchool } from '@cadenza/server/platform/db';
import { BillingAccount, BillingAccounts, type BillingAccountId } from '@cadenza/server/billing/domain';
import { asId, DomainError, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import { BillingAccountSchema, type BillingAccountRow } from './entities.js';

const NO_MAP = { disableIdentityMap: true } as const;
const user = (value: string | null): UserId | null => (value === null ? null : asId<UserId>(value));

const toAccount = (row: BillingAccountRow): BillingAccount =>
  BillingAccount.restore({
    id: asId<BillingAccountId>(row.id),
    familyId: row.familyId === null ? null : asId<FamilyId>(row.familyId),
    ownStudentId: user(row.ownStudentId),
    payerId: user(row.payerId),
    studentIds: row.studentIds.map((id) => asId<UserId>(id)),
    discountBasisPoints: row.discountBasisPoints,
  });

/** Billing accounts in `billing_accounts`: one per family and one per adult student paying for themself (unique keys). */
@Injectable()
export class MikroOrmBillingAccounts extends BillingAccounts {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async get(id: BillingAccountId): Promise<BillingAccount | null> {
    const row = await this.em.findOne(BillingAccountSchema, { id }, NO_MAP);
    return row ? toAccount(row) : null;
  }

  async forFamily(familyId: FamilyId): Promise<BillingAccount | null> {
    const row = await this.em.findOne(BillingAccountSchema, { familyId }, NO_MAP);
    return row ? toAccount(row) : null;
  }

  async forAdultStudent(studentId: UserId): Promise<BillingAccount | null> {
    const row = await this.em.findOne(BillingAccountSchema, { ownStudentId: studentId }, NO_MAP);
    return row ? toAccount(row) : null;
  }

  async list(): Promise<BillingAccount[]> {
    return (await this.em.find(BillingAccountSchema, {}, { ...NO_MAP, orderBy: { id: 'asc' } })).map(toAccount);
  }

  async byIds(ids: readonly BillingAccountId[]): Promise<BillingAccount[]> {
    if (ids.length === 0) return [];
    return (await this.em.find(BillingAccountSchema, { id: { $in: [...ids] } }, { ...NO_MAP, orderBy: { id: 'asc' } })).map(toAccount);
  }

  async save(account: BillingAccount): Promise<void> {
    try {
      await this.em.upsert(BillingAccountSchema, { ...account.snapshot(), schoolId: currentSchool(this.em) }, NO_MAP);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new DomainError('BILLING.ACCOUNT_EXISTS', 'conflict', 'The family or student has an account already.');
      throw error;
    }
  }
}
