import type pg from 'pg';

/** The school-owned tables of a migrated database, each with the column that names its school. */
export async function schoolOwnedTables(client: pg.Client): Promise<Map<string, string>> {
  const { rows } = await client.query<{ table_name: string }>(
    `select table_name from information_schema.columns where table_schema = 'public' and column_name = 'school_id' order by table_name`,
  );
  return new Map([['schools', 'id'], ...rows.map((r) => [r.table_name, 'school_id'] as [string, string])]);
}

interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  Operation?: string;
  'Relation Name'?: string;
  Alias?: string;
  Output?: string[];
  'Index Cond'?: string;
  'Recheck Cond'?: string;
  Filter?: string;
  'TID Cond'?: string;
  'Conflict Resolution'?: string;
  'Conflict Arbiter Indexes'?: string[];
  'Conflict Filter'?: string;
  Plans?: PlanNode[];
}

/**
 * What keeps a statement from being bound to one school: one line for each school-owned table it reads, changes or
 * inserts into without that school, and nothing when it is bound. The school is `$1`.
 *
 * PostgreSQL reads the statement (a generic plan, as a prepared statement gets: `$n` stay parameters), so every
 * place a table is read is found however the SQL is written (joins, subqueries, CTEs, lateral and `offset 0`
 * subqueries); each scan of a school-owned table must have `<alias>.school_id = $1` as one of its conditions (not
 * inside an `or`), given or derived by PostgreSQL from the statement's equalities; a row inserted must take `$1` as
 * its `school_id`; an upsert must meet its conflict on a key that holds the school, or update only where the school is `$1`.
 */
export async function schoolScopeProblems(client: pg.Client, text: string, owned: ReadonlyMap<string, string>): Promise<string[]> {
  const params = Math.max(0, ...[...text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
  const name = `school_scope_${Math.random().toString(36).slice(2, 10)}`;
  await client.query(`prepare ${name} as ${text}`);
  try {
    await client.query('set plan_cache_mode = force_generic_plan');
    const args = params === 0 ? '' : `(${Array.from({ length: params }, () => 'null').join(', ')})`;
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`explain (verbose, format json) execute ${name}${args}`);
    const problems: string[] = [];
    for (const node of nodes(rows[0]['QUERY PLAN'][0].Plan)) {
      const table = node['Relation Name'];
      const column = table === undefined ? undefined : owned.get(table);
      if (table === undefined || column === undefined) continue;
      if (node['Node Type'] === 'ModifyTable') {
        if (node.Operation === 'Insert') problems.push(...(await insertProblems(client, node, table, column)));
        // An update or delete reads its rows through a scan of the table, checked as any other.
        continue;
      }
      const alias = node.Alias ?? table;
      const bound = [node['Index Cond'], node['Recheck Cond'], node.Filter, node['TID Cond']]
        .flatMap((condition) => (condition ? conjuncts(condition) : []))
        .some((c) => c === `${alias}.${column} = $1` || c === `$1 = ${alias}.${column}`);
      if (!bound) problems.push(`${table} (as ${alias}) is read without ${alias}.${column} = $1 (${node['Node Type']})`);
    }
    return problems;
  } finally {
    await client.query(`deallocate ${name}`);
    await client.query('reset plan_cache_mode');
  }
}

async function insertProblems(client: pg.Client, node: PlanNode, table: string, column: string): Promise<string[]> {
  const problems: string[] = [];
  const { rows } = await client.query<{ attname: string }>(`select attname from pg_attribute where attrelid = $1::regclass and attnum > 0 order by attnum`, [table]);
  const position = rows.findIndex((r) => r.attname === column);
  // The rows inserted come from the node's outer plan (a CTE's plans stand beside it).
  const value = node.Plans?.find((child) => child['Parent Relationship'] === 'Outer')?.Output?.[position];
  if (value === undefined || unwrap(value).replace(/::uuid$/, '') !== '$1') {
    problems.push(`${table} gets rows whose ${column} is not $1 (${value ?? 'not known from the plan: insert one row, or select from unnest with $1'})`);
  }
  const alias = node.Alias ?? table;
  const filtered = conjuncts(node['Conflict Filter'] ?? '').some((c) => c === `${alias}.${column} = $1` || c === `$1 = ${alias}.${column}`);
  if (node['Conflict Resolution'] === 'UPDATE' && !filtered) {
    for (const index of node['Conflict Arbiter Indexes'] ?? []) {
      const { rows: def } = await client.query<{ def: string }>(`select pg_get_indexdef(to_regclass($1)) as def`, [index]);
      const columns = /\(([^)]*)\)/.exec(def[0]?.def ?? '')?.[1].split(',').map((c) => c.trim()) ?? [];
      if (!columns.includes(column)) problems.push(`${table}'s upsert meets its conflict on ${index}, which does not hold ${column}, and its update is not bounded by ${alias}.${column} = $1: it could update another school's row`);
    }
  }
  return problems;
}

function* nodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodes(child);
}

/** The conditions a condition is the `AND` of, each without its outer parentheses. */
function conjuncts(condition: string): string[] {
  const inner = unwrap(condition);
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0 && inner.startsWith(' AND ', i)) {
      parts.push(inner.slice(start, i));
      start = i + 5;
    }
  }
  parts.push(inner.slice(start));
  return parts.length === 1 ? [unwrap(parts[0])] : parts.flatMap(conjuncts);
}

/** The text without parentheses that enclose all of it. */
function unwrap(text: string): string {
  let t = text.trim();
  while (t.startsWith('(') && t.endsWith(')') && closes(t) === t.length - 1) t = t.slice(1, -1).trim();
  return t;
}

/** Where the parenthesis opening the text closes. */
function closes(text: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return -1;
}
