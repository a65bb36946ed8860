import { DomainError, type FamilyId, type UserId } from '@cadenza/shared/kernel';
import type { BillingAccountId } from './ids.js';

/**
 * Who is invoiced: each family is one account, paid by the guardian the family names as its payer; an adult student who
 * pays for themself is an account of their own. A family's own discount (basis points) applies to all its lessons.
 */
export interface BillingAccountState {
  id: BillingAccountId;
  /** The family invoiced, or null for an adult student paying for themself. */
  familyId: FamilyId | null;
  /** The adult student paying for themself, or null for a family. */
  ownStudentId: UserId | null;
  /** Who pays: the family's payer guardian (null while the family has named none), or the adult student. */
  payerId: UserId | null;
  /** The students whose lessons are charged to the account. */
  studentIds: UserId[];
  discountBasisPoints: number;
}

export class BillingAccount {
  private constructor(private state: BillingAccountState) {}

  static forFamily(input: { id: BillingAccountId; familyId: FamilyId; payerId: UserId | null; studentIds: UserId[] }): BillingAccount {
    return new BillingAccount({ ...input, ownStudentId: null, studentIds: [...input.studentIds], discountBasisPoints: 0 });
  }

  static forAdultStudent(input: { id: BillingAccountId; studentId: UserId }): BillingAccount {
    return new BillingAccount({ id: input.id, familyId: null, ownStudentId: input.studentId, payerId: input.studentId, studentIds: [input.studentId], discountBasisPoints: 0 });
  }

  static restore(state: BillingAccountState): BillingAccount {
    return new BillingAccount({ ...state, studentIds: [...state.studentIds] });
  }

  snapshot(): BillingAccountState {
    return { ...this.state, studentIds: [...this.state.studentIds] };
  }

  get id(): BillingAccountId {
    return this.state.id;
  }
  get familyId(): FamilyId | null {
    return this.state.familyId;
  }

  get ownStudentId(): UserId | null {
    return this.state.ownStudentId;
  }

  get payerId(): UserId | null {
    return this.state.payerId;
  }
  get studentIds(): readonly UserId[] {
    return this.state.studentIds;
  }
  get discountBasisPoints(): number {
    return this.state.discountBasisPoints;
  }

  /** The family's payer and students as the family now has them (an adult student's own account keeps them as they are). */
  follow(family: { payerId: UserId | null; studentIds: UserId[] }): void {
    if (this.state.familyId === null) return;
    this.state = { ...this.state, payerId: family.payerId, studentIds: [...family.studentIds] };
  }

  /** The family's own discount: a whole number of basis points from 0 to 10000 (100 %). */
  setDiscount(basisPoints: number): void {
    if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000) {
      throw DomainError.invalid('BILLING.INVALID_DISCOUNT', 'discountBasisPoints', 'A discount is a whole number of basis points from 0 to 10000.');
    }
    this.state = { ...this.state, discountBasisPoints: basisPoints };
  }
}
