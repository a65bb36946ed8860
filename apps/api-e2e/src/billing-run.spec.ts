import { pdfText, startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { sleep } from './support/waiting.js';

/**
 * The billing run in the embedded shape: the api bills the batches itself (CADENZA_JOBS=inline, no Redis). The demo
 * school's lessons of this month, priced by a rate per lesson type: the preview says what each family would pay and
 * writes nothing; the run invoices the same, numbered on from the demo's invoices of last month without a gap, and a
 * family's guardian reads theirs.
 */
let api: ApiProcess;
let admin: Client;
const month = new Date().toISOString().slice(0, 7);

beforeAll(async () => {
  api = await startApiProcess({ CADENZA_JOBS: 'inline' });
  admin = await signedIn(api.url, demo('admin'));
}, 240_000);
afterAll(() => api?.stop());

interface Preview {
  accounts: { accountId: string; familyName: string | null; total: { minor: number }; issued: boolean }[];
  totals: { invoices: number; amount: { minor: number } };
  warnings: { kind: string }[];
}

it('previews the month without writing, then runs it once: the previewed totals invoiced, numbered on without a gap', async () => {
  const types = (await admin.get('/api/v1/lesson-types')).body as { id: string }[];
  // The demo school opens with last month's invoices of two families: the run's numbers carry on from theirs.
  const accountsBefore = (await admin.get('/api/v1/billing/accounts')).body as unknown[];
  const numbered = ((await admin.get('/api/v1/invoices')).body as { number: number | null }[]).map((i) => i.number ?? 0);
  const last = Math.max(0, ...numbered);
  // Billing reads the demo's lessons from the outbox as the api starts: wait until the preview sees them.
  let preview: Preview = { accounts: [], totals: { invoices: 0, amount: { minor: 0 } }, warnings: [] };
  for (let tries = 0; tries < 150 && preview.warnings.length === 0; tries++) {
    const reply = await admin.post('/api/v1/billing/runs/preview', { period: month });
    expect({ status: reply.status, body: reply.status === 200 ? null : reply.body }).toEqual({ status: 200, body: null });
    preview = reply.body as Preview;
    if (preview.warnings.length === 0) await sleep(200);
  }
  expect(preview.warnings.some((w) => w.kind === 'no_rate')).toBe(true);
  for (const type of types) expect((await admin.post('/api/v1/billing/rates', { lessonTypeId: type.id, price: { minor: 2000, currency: 'GBP' } })).status).toBe(201);
  preview = (await admin.post('/api/v1/billing/runs/preview', { period: month })).body as Preview;
  expect(preview.warnings.filter((w) => w.kind === 'no_rate')).toEqual([]);
  expect(preview.totals.invoices).toBeGreaterThan(0);
  expect((await admin.get('/api/v1/billing/runs')).body).toEqual([]);
  expect((await admin.get('/api/v1/billing/accounts')).body).toEqual(accountsBefore);

  const started = await admin.post('/api/v1/billing/runs', { period: month });
  expect(started.status).toBe(201);
  expect(started.body.created).toBe(true);
  let run = started.body.run as { finished: boolean; invoices: number; accountsDone: number; accounts: number };
  for (let tries = 0; tries < 300 && !run.finished; tries++) {
    await sleep(100);
    run = (await admin.get(`/api/v1/billing/runs/${month}`)).body;
  }
  expect(run).toMatchObject({ finished: true, invoices: preview.totals.invoices, accountsDone: run.accounts });

  const invoices = (await admin.get(`/api/v1/invoices?period=${month}`)).body as { number: number; total: { minor: number }; familyName: string; accountId: string }[];
  expect(invoices.map((i) => i.number).sort((a, b) => a - b)).toEqual(Array.from({ length: preview.totals.invoices }, (_, i) => last + i + 1));
  expect(invoices.reduce((sum, i) => sum + i.total.minor, 0)).toBe(preview.totals.amount.minor);
  // A family without an account yet is previewed under an account the run then makes: compared by family.
  const pairs = (rows: { familyName: string | null; total: { minor: number } }[]) => rows.map((r) => `${r.familyName}: ${r.total.minor}`).sort();
  expect(pairs(invoices)).toEqual(pairs(preview.accounts.filter((a) => a.issued)));

  const again = await admin.post('/api/v1/billing/runs', { period: month });
  expect(again.body).toMatchObject({ created: false, run: { finished: true, invoices: preview.totals.invoices } });
  expect(((await admin.get(`/api/v1/invoices?period=${month}`)).body as unknown[]).length).toBe(invoices.length);

  const parent = await signedIn(api.url, demo('parent1'));
  const theirs = (await parent.get(`/api/v1/invoices?period=${month}`)).body as { id: string; number: number }[];
  expect(theirs.length).toBe(1);
  const detail = (await parent.get(`/api/v1/invoices/${theirs[0]!.id}`)).body;
  expect(detail).toMatchObject({ status: 'issued', lines: expect.arrayContaining([expect.objectContaining({ kind: 'lesson' })]), history: [{ event: 'drafted' }, { event: 'issued', number: theirs[0]!.number }] });

  // Its PDF, as the parent downloads it: the number, each line and the totals the API gives.
  const pdf = await fetch(`${api.url}/api/v1/invoices/${theirs[0]!.id}/pdf`, { headers: { authorization: `Bearer ${parent.token}` } });
  expect(pdf.status).toBe(200);
  const text = pdfText(new Uint8Array(await pdf.arrayBuffer()));
  const gbp = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(minor / 100);
  expect(text).toContain(`Invoice ${theirs[0]!.number}`);
  for (const line of detail.lines as { description: string }[]) expect(text).toContain(line.description);
  const lines = text.split('\n');
  expect(lines[lines.indexOf('Total') + 1]).toBe(gbp(detail.total.minor));
  expect(lines[lines.indexOf('Open') + 1]).toBe(gbp(detail.open.minor));
}, 180_000);
