import { MikroORM } from '@mikro-orm/postgresql';
import { ormOptions, type PersistenceParts } from './orm-config.js';

/** Applies every pending migration; returns the names applied. */
export async function migrate(url: string, parts: PersistenceParts): Promise<string[]> {
  const orm = await MikroORM.init(ormOptions(url, parts, 2));
  try {
    const applied = await orm.migrator.up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
