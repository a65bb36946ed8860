import type { EntityManager } from '@mikro-orm/postgresql';
import { preparedStatement, queryPrepared, type PreparedStatement } from './prepared-statements.js';
import { currentSchool } from './tenancy.js';

/**
 * Hand-shaped statements (SQL an entity call cannot say or would make too slow) are bound to the school by
 * one mechanism, as entity calls are by the tenant filter: a statement is declared once, by name, as a
 * function of the school's placeholder (`schoolScoped`), and run by `schoolRows` or `schoolWrite`, which bind
 * that placeholder to the school in force. The caller never passes the school, so it cannot pass the wrong
 * one or forget it; and every declared statement is listed (`handShapedStatements`) for the test that checks
 * each school-owned table it reads or writes is constrained to that placeholder. The few statements that must
 * cross schools (the outbox's relay and consumers) are declared with `acrossSchools` and a reason.
 */

/** The placeholder the school in force is bound to, in every school-scoped statement. */
export const SCHOOL = '$1';
export type SchoolPlaceholder = typeof SCHOOL;

declare const TYPES: unique symbol;

interface Declared {
  /** Unique across the deployment: it names the statement in the registry, in logs and, when prepared, in PostgreSQL. */
  readonly name: string;
  /** The SQL with numbered parameters (`$1`, `$2`, …). */
  readonly text: string;
  /** The same SQL with `?` placeholders and, for each, the index of its value, for the entity manager's `execute`. */
  readonly positional: { readonly text: string; readonly order: readonly number[] };
  readonly prepared: PreparedStatement | null;
}

/** A statement bound to the school in force: `$1` is the school, `$2`… its parameters in order. */
export interface SchoolScoped<Row, Params extends readonly unknown[]> extends Declared {
  readonly scope: 'school';
  readonly [TYPES]?: { row: Row; params: Params };
}

/** A statement that deliberately reads or writes every school's rows, with the reason it must. */
export interface AcrossSchools<Row, Params extends readonly unknown[]> extends Declared {
  readonly scope: 'across-schools';
  readonly why: string;
  readonly [TYPES]?: { row: Row; params: Params };
}

export type HandShapedStatement = SchoolScoped<unknown, readonly unknown[]> | AcrossSchools<unknown, readonly unknown[]>;

const registry = new Map<string, HandShapedStatement>();

/** Every hand-shaped statement declared so far (each adapter library declares its own in its `statements.ts`). */
export function handShapedStatements(): readonly HandShapedStatement[] {
  return [...registry.values()];
}

/**
 * Declares a statement over school-owned tables. `text` receives the school's placeholder (`$1`) and must
 * constrain every school-owned table it names with it (`t.school_id = ${school}`, or `${school}` as the
 * `school_id` of a row it inserts); its own parameters are `$2`, `$3`… in the order `Params` lists them.
 * `prepared`: sent as a named statement that each connection parses once (for the hottest reads; see
 * `preparedStatement`); otherwise the entity manager writes the values in, as it does for its own queries.
 */
export function schoolScoped<Row, Params extends readonly unknown[] = []>(
  name: string,
  text: (school: SchoolPlaceholder) => string,
  options: { prepared?: boolean } = {},
): SchoolScoped<Row, Params> {
  const sql = text(SCHOOL);
  if (!new RegExp(`\\${SCHOOL}(?!\\d)`).test(sql)) throw new Error(`The statement ${name} never uses the school's placeholder ${SCHOOL}.`);
  return register({ scope: 'school', ...declared(name, sql, options.prepared ?? false) });
}

/** Declares a statement that must read or write across schools, saying why; run it with `acrossSchoolsRows`. */
export function acrossSchools<Row, Params extends readonly unknown[] = []>(name: string, text: string, why: string): AcrossSchools<Row, Params> {
  if (!why.trim()) throw new Error(`The statement ${name} crosses schools without saying why.`);
  return register({ scope: 'across-schools', why, ...declared(name, text, false) });
}

/** Runs a school-scoped statement in the school in force, inside the unit of work when there is one; its rows. */
export async function schoolRows<Row, Params extends readonly unknown[]>(
  em: EntityManager,
  statement: SchoolScoped<Row, Params>,
  params: Params,
  options: { locks?: AdvisoryLocks | null } = {},
): Promise<Row[]> {
  const values = [currentSchool(em), ...params];
  if (statement.prepared) {
    if (options.locks) throw new Error(`The prepared statement ${statement.name} cannot take locks in the same round trip.`);
    return queryPrepared<Row>(em, statement.prepared, values);
  }
  return em.execute<Row[]>(withLocks(statement, options.locks), positionalValues(statement, values), 'all');
}

/** Runs a school-scoped write in the school in force, inside the unit of work when there is one; how many rows it changed. */
export async function schoolWrite<Params extends readonly unknown[]>(
  em: EntityManager,
  statement: SchoolScoped<unknown, Params>,
  params: Params,
  options: { locks?: AdvisoryLocks | null } = {},
): Promise<number> {
  if (statement.prepared) throw new Error(`The prepared statement ${statement.name} is a read; run it with schoolRows.`);
  const result = await em.execute<{ affectedRows?: number }>(withLocks(statement, options.locks), positionalValues(statement, [currentSchool(em), ...params]), 'run');
  return result.affectedRows ?? 0;
}

/** Runs a statement declared with `acrossSchools`, inside the unit of work when there is one; its rows. */
export async function acrossSchoolsRows<Row, Params extends readonly unknown[]>(em: EntityManager, statement: AcrossSchools<Row, Params>, params: Params): Promise<Row[]> {
  return em.execute<Row[]>(statement.positional.text, positionalValues(statement, params), 'all');
}

/**
 * Runs a statement declared with `acrossSchools` on a pooled connection of its own, outside any unit of work, so it
 * commits at once whatever transaction the caller is in (a claim other workers must see before the caller goes on);
 * its rows.
 */
export async function acrossSchoolsCommitted<Row, Params extends readonly unknown[]>(em: EntityManager, statement: AcrossSchools<Row, Params>, params: Params): Promise<Row[]> {
  return em.getConnection().execute<Row[]>(statement.positional.text, positionalValues(statement, params), 'all');
}

/**
 * Transaction-scoped advisory locks on keys, taken in ascending order of their hashes by one statement, so
 * writers that take overlapping sets cannot deadlock on them. Made here only, from keys, so what runs in front
 * of a statement (`options.locks`) touches no table. Keys are ids and numbers (letters, digits, `@`, `:`, `_`, `-`).
 */
export class AdvisoryLocks {
  private constructor(readonly text: string, readonly keys: readonly string[]) {}

  /** The locks on these keys, or null when there are none. */
  static on(keys: Iterable<string>): AdvisoryLocks | null {
    const unique = [...new Set(keys)];
    if (unique.length === 0) return null;
    const odd = unique.find((key) => !/^[\w@:-]+$/.test(key));
    if (odd !== undefined) throw new Error(`An advisory lock key may hold only letters, digits, @, :, _ and -: ${JSON.stringify(odd)}`);
    return new AdvisoryLocks(
      `select pg_advisory_xact_lock(k) from (select distinct hashtextextended(x, 0) as k from unnest('{${unique.join(',')}}'::text[]) as x order by k) as keys;\n`,
      unique,
    );
  }
}

/** Takes the locks in the unit of work's transaction (they are released when it ends). */
export async function takeAdvisoryLocks(em: EntityManager, locks: AdvisoryLocks): Promise<void> {
  await em.execute(locks.text, [], 'run');
}

function register<S extends HandShapedStatement>(statement: S): S {
  const known = registry.get(statement.name);
  if (known && known.text !== statement.text) throw new Error(`Two hand-shaped statements are named ${statement.name}.`);
  registry.set(statement.name, statement);
  return statement;
}

function declared(name: string, text: string, prepared: boolean): Declared {
  // The entity manager reads every `?` as a placeholder.
  if (text.includes('?')) throw new Error(`The statement ${name} holds a ?: write parameters as $n (and jsonb's ? operator as jsonb_exists).`);
  const order: number[] = [];
  const positionalText = text.replace(/\$(\d+)/g, (_, n: string) => {
    order.push(Number(n) - 1);
    return '?';
  });
  return { name, text, positional: { text: positionalText, order }, prepared: prepared ? preparedStatement(name, text) : null };
}

function positionalValues(statement: Declared, values: readonly unknown[]): unknown[] {
  const needed = Math.max(0, ...statement.positional.order.map((i) => i + 1));
  if (values.length !== needed) throw new Error(`The statement ${statement.name} takes ${needed} values, given ${values.length}.`);
  return statement.positional.order.map((i) => values[i]);
}

function withLocks(statement: Declared, locks: AdvisoryLocks | null | undefined): string {
  return locks ? `${locks.text}${statement.positional.text}` : statement.positional.text;
}
