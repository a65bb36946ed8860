import { copyData, DomainError, newId, type FamilyId, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import type { AccessLevel } from './roles.js';

export interface FamilyState {
  id: FamilyId;
  schoolId: SchoolId;
  name: string;
  guardianIds: UserId[];
  childIds: UserId[];
  /** Per guardian and child: `view` reads, `full` reads and acts. */
  access: { guardianId: UserId; childId: UserId; level: AccessLevel }[];
  /** The guardian who pays the family's invoices (billing reads it), or null while none is chosen. */
  payerId: UserId | null;
}

/** A guardian's access to one child; `none` takes it away. */
export interface ChildAccess {
  childId: UserId;
  level: AccessLevel | 'none';
}

function validName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 120) {
    throw DomainError.invalid('IDENTITY.INVALID_FAMILY_NAME', 'name', 'Enter a family name of 1 to 120 characters.');
  }
  return trimmed;
}

/**
 * Links parents (guardians) to their children, with an access level per child. Siblings are the children of one family.
 * A minor always keeps a guardian with `full` access once they have one: removing that guardian, or lowering their
 * access, is refused while they are the last.
 */
export class Family {
  private constructor(private state: FamilyState) {}

  static restore(state: FamilyState): Family {
    return new Family(copyData({ ...state, payerId: state.payerId ?? null }));
  }

  static create(schoolId: SchoolId, name: string): Family {
    return new Family({ id: newId<FamilyId>(), schoolId, name: validName(name), guardianIds: [], childIds: [], access: [], payerId: null });
  }

  get id(): FamilyId {
    return this.state.id;
  }
  get schoolId(): SchoolId {
    return this.state.schoolId;
  }
  get name(): string {
    return this.state.name;
  }
  get guardianIds(): readonly UserId[] {
    return this.state.guardianIds;
  }
  get childIds(): readonly UserId[] {
    return this.state.childIds;
  }
  get payerId(): UserId | null {
    return this.state.payerId;
  }

  rename(name: string): void {
    this.state.name = validName(name);
  }

  addChild(childId: UserId): void {
    if (!this.state.childIds.includes(childId)) {
      this.state.childIds.push(childId);
    }
  }

  /** Adds a child the family does not have yet; a child already in it is a conflict naming `childId`. */
  addNewChild(childId: UserId): void {
    if (this.state.childIds.includes(childId)) {
      throw new DomainError('IDENTITY.ALREADY_IN_FAMILY', 'conflict', 'This child is already in the family.', { fields: [{ field: 'childId', message: 'Already a child of this family.' }] });
    }
    if (this.state.guardianIds.includes(childId)) {
      throw DomainError.invalid('IDENTITY.GUARDIAN_AS_CHILD', 'childId', 'A guardian of the family cannot also be one of its children.');
    }
    this.state.childIds.push(childId);
  }

  /** Takes a child out of the family (moved to another), with every guardian's access to them. */
  removeChild(childId: UserId): void {
    if (!this.state.childIds.includes(childId)) {
      throw DomainError.notFound('IDENTITY.NOT_FOUND', 'The child in this family');
    }
    this.state.childIds = this.state.childIds.filter((id) => id !== childId);
    this.state.access = this.state.access.filter((a) => a.childId !== childId);
  }

  /** Adds a guardian with the same level for every child (change per child with `grant`). */
  addGuardian(guardianId: UserId, level: AccessLevel): void {
    if (!this.state.guardianIds.includes(guardianId)) {
      this.state.guardianIds.push(guardianId);
    }
    for (const childId of this.state.childIds) {
      this.grant(guardianId, childId, level);
    }
  }

  /**
   * Links a guardian the family does not have yet: `level` for every child, then `perChild` where it differs.
   * Linking someone twice is a conflict naming `userId`.
   */
  linkGuardian(guardianId: UserId, level: AccessLevel, perChild: readonly ChildAccess[] = []): void {
    if (this.state.guardianIds.includes(guardianId)) {
      throw new DomainError('IDENTITY.ALREADY_GUARDIAN', 'conflict', 'This person is already a guardian in this family.', { fields: [{ field: 'userId', message: 'Already a guardian of this family.' }] });
    }
    if (this.state.childIds.includes(guardianId)) {
      throw DomainError.invalid('IDENTITY.CHILD_AS_GUARDIAN', 'userId', 'A child of the family cannot also be its guardian.');
    }
    this.state.guardianIds.push(guardianId);
    for (const childId of this.state.childIds) {
      this.grant(guardianId, childId, level);
    }
    this.setAccess(guardianId, perChild, new Set());
  }

  grant(guardianId: UserId, childId: UserId, level: AccessLevel): void {
    if (!this.state.guardianIds.includes(guardianId) || !this.state.childIds.includes(childId)) {
      throw DomainError.invalid('IDENTITY.NOT_IN_FAMILY', 'guardianId', 'Both the guardian and the child must belong to the family.');
    }
    this.state.access = this.state.access.filter((a) => !(a.guardianId === guardianId && a.childId === childId));
    this.state.access.push({ guardianId, childId, level });
  }

  /**
   * Changes a guardian's access per child (`none` takes it away). `minors` are the children under 18: none of them
   * may be left without a `full` guardian they had.
   */
  setAccess(guardianId: UserId, changes: readonly ChildAccess[], minors: ReadonlySet<UserId>): void {
    if (!this.state.guardianIds.includes(guardianId)) {
      throw DomainError.notFound('IDENTITY.NOT_FOUND', 'The guardian in this family');
    }
    changes.forEach((change, index) => {
      if (!this.state.childIds.includes(change.childId)) {
        throw DomainError.invalid('IDENTITY.NOT_IN_FAMILY', `access.${index}.childId`, 'This child is not in the family.');
      }
    });
    for (const change of changes) {
      if (change.level !== 'full') this.assertNotLastFull(guardianId, change.childId, minors);
      this.state.access = this.state.access.filter((a) => !(a.guardianId === guardianId && a.childId === change.childId));
      if (change.level !== 'none') this.state.access.push({ guardianId, childId: change.childId, level: change.level });
    }
  }

  /** Removes a guardian and their access; never the last `full` guardian of a minor. The payer stops being one. */
  removeGuardian(guardianId: UserId, minors: ReadonlySet<UserId>): void {
    if (!this.state.guardianIds.includes(guardianId)) {
      throw DomainError.notFound('IDENTITY.NOT_FOUND', 'The guardian in this family');
    }
    for (const childId of this.state.childIds) this.assertNotLastFull(guardianId, childId, minors);
    this.state.guardianIds = this.state.guardianIds.filter((id) => id !== guardianId);
    this.state.access = this.state.access.filter((a) => a.guardianId !== guardianId);
    if (this.state.payerId === guardianId) this.state.payerId = null;
  }

  /** Marks which guardian pays (null: none chosen). */
  setPayer(guardianId: UserId | null): void {
    if (guardianId !== null && !this.state.guardianIds.includes(guardianId)) {
      throw DomainError.invalid('IDENTITY.PAYER_NOT_GUARDIAN', 'payerId', 'The payer must be one of the family’s guardians.');
    }
    this.state.payerId = guardianId;
  }

  accessOf(guardianId: UserId, childId: UserId): AccessLevel | null {
    return this.state.access.find((a) => a.guardianId === guardianId && a.childId === childId)?.level ?? null;
  }

  /** The other children of the family. */
  siblingsOf(childId: UserId): UserId[] {
    return this.state.childIds.filter((id) => id !== childId);
  }

  private assertNotLastFull(guardianId: UserId, childId: UserId, minors: ReadonlySet<UserId>): void {
    if (!minors.has(childId) || this.accessOf(guardianId, childId) !== 'full') return;
    const others = this.state.access.some((a) => a.childId === childId && a.level === 'full' && a.guardianId !== guardianId);
    if (!others) {
      throw new DomainError('IDENTITY.LAST_FULL_GUARDIAN', 'conflict', 'A child under 18 must keep a guardian with full access: give another guardian full access first.');
    }
  }

  snapshot(): FamilyState {
    return copyData(this.state);
  }
}
