import type { SchoolId, UserId } from './ids.js';

/**
 * Who is asking: the signed-in person as the transport (REST or socket) authenticated them.
 * Every context's use cases take it; each context decides for itself what the roles allow.
 * `roles` holds the school's role names (`admin`, `teacher`, `accompanist`, `student`, `parent`).
 */
export interface Actor {
  userId: UserId;
  schoolId: SchoolId;
  roles: readonly string[];
}
