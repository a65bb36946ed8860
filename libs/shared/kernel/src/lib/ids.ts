/**
 * Ids are UUIDs, branded per entity so that a `UserId` cannot be passed where a
 * `SchoolId` is expected.
 */
declare const brand: unique symbol;
export type Id<Name extends string> = string & { readonly [brand]: Name };

export type SchoolId = Id<'School'>;
export type UserId = Id<'User'>;
export type FamilyId = Id<'Family'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** A new random id (UUID v4 from the platform's CSPRNG; no I/O). */
export function newId<T extends Id<string>>(): T {
  return globalThis.crypto.randomUUID() as T;
}

/** Brands a string that is known to be an id (from storage or a validated request). */
export function asId<T extends Id<string>>(value: string): T {
  return value as T;
}
