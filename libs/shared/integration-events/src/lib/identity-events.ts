import type { UserId } from '@cadenza/shared/kernel';

/**
 * A student's date of birth was recorded, changed or cleared (`null`): whether they count as a minor may have changed,
 * so messaging applies its safeguarding rule to their threads again.
 */
export interface StudentDateOfBirthChangedV1 {
  actorId: UserId;
  studentId: UserId;
  /** `YYYY-MM-DD`, or null when it is no longer recorded. */
  dateOfBirth: string | null;
}

/** Identity's events, by versioned type. */
export interface IdentityEventPayloads {
  'student.date_of_birth_changed.v1': StudentDateOfBirthChangedV1;
}
