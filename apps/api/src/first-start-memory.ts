import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { INestApplicationContext } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { acrossSchoolsRows, OUTBOX_PENDING } from '@cadenza/server/platform/db';

const POLL_MS = 250;
const GIVE_UP_MS = 15_000;

/**
 * The first start seeds the demo school: thousands of writes through the use cases, then the relay and
 * the jobs catching up on their events. V8 keeps the pages its heap grew into for that (about 100 MB more
 * than a warm start) until it notices the process is idle, some seconds later. Once the outbox has been
 * relayed, this asks V8 for a last-resort collection, which hands them back at once: the first start then
 * sits at a warm start's footprint. Only after seeding; never on a later start.
 */
export async function releaseFirstStartMemory(app: INestApplicationContext): Promise<void> {
  const orm = app.get(MikroORM);
  const deadline = Date.now() + GIVE_UP_MS;
  while (Date.now() < deadline) {
    const [row] = await acrossSchoolsRows(orm.em.fork(), OUTBOX_PENDING, []);
    if (!row?.pending) break;
    await sleep(POLL_MS);
  }
  // The jobs' last batch commits with the relay's: give it a moment, then collect.
  await sleep(POLL_MS);
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (options: { type: 'major'; execution: 'sync'; flavor: 'last-resort' }) => void;
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}
