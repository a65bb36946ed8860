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
}

/** Links parents (guardians) to their children, with an access level per child. */
export class Family {
  private constructor(private state: FamilyState) {}

  static restore(state: FamilyState): Family {
    return new Family(copyData(state));
  }

  static create(schoolId: SchoolId, name: string): Family {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 120) {
      throw DomainError.invalid('IDENTITY.INVALID_FAMILY_NAME', 'name', 'Enter a family name of 1 to 120 characters.');
    }
    return new Family({ id: newId<FamilyId>(), schoolId, name: trimmed, guardianIds: [], childIds: [], access: [] });
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

  addChild(childId: UserId): void {
    if (!this.state.childIds.includes(childId)) {
      this.state.childIds.push(childId);
    }
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

  grant(guardianId: UserId, childId: UserId, level: AccessLevel): void {
    if (!this.state.guardianIds.includes(guardianId) || !this.state.childIds.includes(childId)) {
      throw DomainError.invalid('IDENTITY.NOT_IN_FAMILY', 'guardianId', 'Both the guardian and the child must belong to the family.');
    }
    this.state.access = this.state.access.filter((a) => !(a.guardianId === guardianId && a.childId === childId));
    this.state.access.push({ guardianId, childId, level });
  }

  accessOf(guardianId: UserId, childId: UserId): AccessLevel | null {
    return this.state.access.find((a) => a.guardianId === guardianId && a.childId === childId)?.level ?? null;
  }

  snapshot(): FamilyState {
    return copyData(this.state);
  }
}
