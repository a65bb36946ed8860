import type { SchoolId } from '@cadenza/shared/kernel';

/**
 * Puts a school in force for what follows in this request, for a caller known only by a secret (a feed's token)
 * rather than a session. Every later read is bound to that school.
 */
export abstract class SchoolContext {
  abstract enter(schoolId: SchoolId): void;
}
