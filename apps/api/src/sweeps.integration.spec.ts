import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { SchedulingSweeps } from '@cadenza/server/scheduling/api';
import { buildConfig, parseEnvironment } from '@cadenza/server/platform/config';
import { migrate } from '@cadenza/server/platform/db';
import { createTestDatabase, withClient, type TestDatabase } from '@cadenza/server/testing';
import { seedDemoSchool } from '@cadenza/server/demo';
import { createHttpApp } from './http-app.js';
import { persistence } from '@cadenza/server/bridges';

describe('the makeup-credit sweep', () => {
  let db: TestDatabase;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    await migrate(db.url, persistence);
    const config = buildConfig(parseEnvironment({ DATABASE_URL: db.url, SMTP_URL: 'smtp://127.0.0.1:2525', LOG_LEVEL: 'silent' }), 'x'.repeat(40));
    app = await createHttpApp(config, db.url, { logs: false });
    await app.init();
    await seedDemoSchool(app);
  }, 90_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('expires credits past their date once, audits each, and leaves the others bookable', async () => {
    const credits = await withClient(db.url, async (c) => (await c.query<{ id: string }>(`select id from makeup_credits where status = 'available' order by id`)).rows);
    expect(credits.length).toBeGreaterThanOrEqual(2);
    await withClient(db.url, (c) => c.query(`update makeup_credits set expires_at = now() - interval '1 minute' where id = $1`, [credits[0].id]));

    const sweeps = app.get(SchedulingSweeps);
    expect(await sweeps.expireMakeupCredits()).toBe(1);
    expect(await sweeps.expireMakeupCredits()).toBe(0);

    const rows = await withClient(db.url, async (c) => (await c.query<{ id: string; status: string }>(`select id, status from makeup_credits order by id`)).rows);
    expect(rows.find((r) => r.id === credits[0].id)?.status).toBe('expired');
    expect(rows.filter((r) => r.status === 'available').length).toBe(credits.length - 1);
    const audited = await withClient(db.url, async (c) => (await c.query(`select 1 from audit_events where entity_id = $1 and action like 'scheduling.%expired%'`, [credits[0].id])).rowCount);
    expect(audited).toBe(1);
  });
});
