import { io, type Socket } from 'socket.io-client';
import {
  REALTIME_EVENTS,
  REALTIME_PATH,
  type BillingRunProgressedEvent,
  type ClientToServerEvents,
  type InvoiceSettledEvent,
  type ServerToClientEvents,
} from '@cadenza/shared/contracts';
import { startApiProcess, type ApiProcess } from '@cadenza/server/testing';
import { demo, signedIn, type Client } from './support/client.js';
import { sleep } from './support/waiting.js';

/**
 * Billing on the socket, heard by real socket.io clients of a running api in the embedded shape (CADENZA_JOBS=inline):
 * the admins watch a billing run's progress as its batches are billed (`billing_run.progressed.v1`), and whoever may
 * read an invoice hears it settle (`invoice.settled.v1`) as an admin records a payment and as the card payment's webhook
 * arrives. A teacher, another family and another school's admin hear nothing of either.
 */
type RealtimeSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
interface Heard {
  progress: BillingRunProgressedEvent[];
  settled: InvoiceSettledEvent[];
}

const QUIET_MS = 1_500;
const month = new Date().toISOString().slice(0, 7);
const slug = `billing-live-${Math.random().toString(36).slice(2, 8)}`;
let api: ApiProcess;
let admin: Client;
const heard: Record<string, Heard> = {};
const sockets: RealtimeSocket[] = [];

/** A socket for a signed-in client, and the billing events it hears from now on. */
async function listen(client: Client): Promise<Heard> {
  const socket: RealtimeSocket = io(client.base, { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: client.token } });
  sockets.push(socket);
  const events: Heard = { progress: [], settled: [] };
  socket.on(REALTIME_EVENTS.billingRunProgressed, (e) => events.progress.push(e));
  socket.on(REALTIME_EVENTS.invoiceSettled, (e) => events.settled.push(e));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return events;
}

async function waitFor<T>(what: string, check: () => T | undefined): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const found = check();
    if (found !== undefined) return found;
    await sleep(100);
  }
  throw new Error(`never heard ${what}`);
}

beforeAll(async () => {
  api = await startApiProcess({ CADENZA_JOBS: 'inline' });
  admin = await signedIn(api.url, demo('admin'));
  const created = await api.cli(
    'create', '--name', 'Other Billing School', '--time-zone', 'Europe/London', '--currency', 'GBP', '--locale', 'en-GB',
    '--admin-email', `owner@${slug}.example`, '--admin-name', 'Other Owner', '--admin-password', 'billing-live-password',
  );
  if (created.code !== 0) throw new Error(`school: ${created.stderr}`);
  const clients: Record<string, Client> = {
    admin,
    teacher: await signedIn(api.url, demo('teacher1')),
    parent1: await signedIn(api.url, demo('parent1')),
    parent5: await signedIn(api.url, demo('parent5')),
    otherAdmin: await signedIn(api.url, `owner@${slug}.example`, 'billing-live-password'),
  };
  for (const [who, client] of Object.entries(clients)) heard[who] = await listen(client);
}, 240_000);
afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  await api?.stop();
});

it("pushes the run's progress to the school's admins as its batches are billed, and to nobody else", async () => {
  const types = (await admin.get('/api/v1/lesson-types')).body as { id: string }[];
  for (const type of types) expect((await admin.post('/api/v1/billing/rates', { lessonTypeId: type.id, price: { minor: 2000, currency: 'GBP' } })).status).toBe(201);
  // Billing reads the demo's lessons from the outbox as the api starts: wait until the preview has families to invoice.
  let invoices = 0;
  for (let tries = 0; tries < 150 && invoices === 0; tries++) {
    invoices = ((await admin.post('/api/v1/billing/runs/preview', { period: month })).body as { totals: { invoices: number } }).totals.invoices;
    if (invoices === 0) await sleep(200);
  }
  expect(invoices).toBeGreaterThan(0);

  const started = await admin.post('/api/v1/billing/runs', { period: month });
  expect(started.status).toBe(201);
  const last = await waitFor('the finished run', () => heard['admin']!.progress.find((p) => p.finished));
  const run = (await admin.get(`/api/v1/billing/runs/${month}`)).body as Record<string, unknown>;
  expect(last).toEqual({
    runId: run['id'],
    periodFrom: `${month}-01`,
    accounts: run['accounts'],
    accountsDone: run['accounts'],
    batches: run['batches'],
    batchesDone: run['batches'],
    invoices,
    finished: true,
  });
  await sleep(QUIET_MS);
  for (const who of ['teacher', 'parent1', 'parent5', 'otherAdmin']) expect({ who, progress: heard[who]!.progress }).toEqual({ who, progress: [] });
}, 120_000);

it("tells whoever may read an invoice that it settled, as a payment is recorded and as the card payment's webhook arrives", async () => {
  const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const parent1 = await signedIn(api.url, demo('parent1'));
  const [invoice] = (await parent1.get(`/api/v1/invoices?period=${lastMonth}`)).body as { id: string; total: { minor: number } }[];
  expect(invoice).toBeDefined();
  const { id } = invoice!;

  expect((await admin.post(`/api/v1/invoices/${id}/payments`, { method: 'cash', amount: { minor: 1000, currency: 'GBP' } })).status).toBe(201);
  const partly = { invoiceId: id, status: 'partially_paid', paidMinor: 1000, openMinor: invoice!.total.minor - 1000 };
  expect(await waitFor('the cash payment', () => heard['parent1']!.settled.find((s) => s.invoiceId === id))).toEqual(partly);
  expect(await waitFor('the cash payment (admin)', () => heard['admin']!.settled.find((s) => s.invoiceId === id))).toEqual(partly);

  // The rest by card on the local Stripe's hosted page: its webhook settles the invoice, and the parent hears it paid.
  const checkout = await parent1.post(`/api/v1/invoices/${id}/checkout`);
  expect(checkout.status).toBe(201);
  const paid = await fetch(`${checkout.body.url}/pay`, { method: 'POST', body: new URLSearchParams({ card: '4242' }), redirect: 'manual' });
  expect(paid.status).toBe(303);
  expect(await waitFor('the card payment', () => heard['parent1']!.settled.find((s) => s.status === 'paid'))).toEqual({ invoiceId: id, status: 'paid', paidMinor: invoice!.total.minor, openMinor: 0 });

  await sleep(QUIET_MS);
  for (const who of ['teacher', 'parent5', 'otherAdmin']) expect({ who, settled: heard[who]!.settled }).toEqual({ who, settled: [] });
}, 120_000);
