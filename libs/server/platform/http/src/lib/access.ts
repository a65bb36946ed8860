import { SetMetadata } from '@nestjs/common';

export const ACCESS_METADATA = 'cadenza:access';

export type AccessRole = 'admin' | 'teacher' | 'accompanist' | 'student' | 'parent';

/**
 * Who may call a route. Every handler carries exactly one declaration; a test
 * enumerates the registered routes and fails on any without one.
 * - `public`: anyone, signed in or not (sign-in, health, links from mail).
 * - `roles`: signed-in users holding at least one of the roles. `owner` says in
 *   words which records of theirs a use case then narrows to (their own, their
 *   children's): the guard admits by role, the use case by ownership.
 * The API's description (`buildApiDocument`) reads the same declaration, so what it documents is
 * what the guard does.
 */
export type AccessRule = { kind: 'public'; why: string } | { kind: 'roles'; roles: readonly AccessRole[]; owner?: string };

export const ANY_SIGNED_IN: readonly AccessRole[] = ['admin', 'teacher', 'accompanist', 'student', 'parent'];

export function Public(why: string): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_METADATA, { kind: 'public', why } satisfies AccessRule);
}

export function Access(roles: readonly AccessRole[], owner?: string): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_METADATA, { kind: 'roles', roles, owner } satisfies AccessRule);
}
