// stripe-webhooks: Stripe's webhook ingestion on the real app, with signature verification, against its local Stripe.
//
// The demo school (a temporary `cadenza_bench_*` database) with 1,000 issued invoices of one family's account, written
// through SQL. The app runs as `npm start` does without STRIPE_SECRET_KEY (its embedded Stripe fake), with the webhook
// secret given here. Each invoice gets three events as Stripe sends them, signed with the library's own
// generateTestHeaderString: a payment of part, the rest, and a partial refund of the first (3,000 events); they are
// posted shuffled, a fifth of them twice (3,600 deliveries), BENCH_WEBHOOK_CONNECTIONS at a time (default 16), after a
// warm-up on other invoices. Figures: deliveries per second and events applied per second (target >= 500/s), latency,
// and the proof: applied once each (3,000 `applied`, 600 `duplicate`, 3,000 rows in billing_payment_events) and every
// invoice's paid amount and status as the events applied once in order give.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';
import { percentile, prng, withSeededApp } from './lib/app.js';
import { heading, line, pass } from './lib/util.js';

const INVOICES = 1_000;
const WARMUP_INVOICES = 100;
const TOTAL = 10_000;
const CONNECTIONS = Number(process.env.BENCH_WEBHOOK_CONNECTIONS ?? 16);
const TARGET_PER_SECOND = 500;
const SECRET = `whsec_bench_${randomUUID().replaceAll('-', '')}`;

const signer = new Stripe('sk_test_bench_signer');

/** The three events of one invoice: part paid, the rest paid, part of the first refunded (cumulative, as Stripe's). */
function eventsOf(schoolId, invoiceId, n) {
  const metadata = { schoolId, invoiceId };
  const event = (type, object) => ({ id: `evt_bench_${n}_${type}_${randomUUID().slice(0, 8)}`, object: 'event', api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1, request: { id: null, idempotency_key: null }, type, data: { object } });
  const intent = (id, amount) => ({ id, object: 'payment_intent', amount, amount_received: amount, currency: 'gbp', status: 'succeeded', metadata });
  return [
    event('payment_intent.succeeded', intent(`pi_bench_${n}_a`, 6_000)),
    event('payment_intent.succeeded', intent(`pi_bench_${n}_b`, 4_000)),
    event('charge.refunded', { id: `ch_bench_${n}_a`, object: 'charge', payment_intent: `pi_bench_${n}_a`, amount: 6_000, amount_refunded: 1_500, currency: 'gbp', refunded: false, metadata }),
  ];
}

async function seedInvoices(client, schoolId, count, firstNumber) {
  const accountId = randomUUID();
  await client.query('insert into billing_accounts (id, school_id, family_id, payer_id, student_ids) values ($1, $2, $3, null, $4)', [accountId, schoolId, randomUUID(), []]);
  const ids = Array.from({ length: count }, () => randomUUID());
  await client.query(
    `insert into billing_invoices (id, school_id, account_id, currency, status, number, tax_basis_points, issued_at, due_at, created_at)
     select i.id, $1, $2, 'GBP', 'issued', $4 + i.n, 0, now(), now() + interval '14 days', now() from unnest($3::uuid[]) with ordinality as i(id, n)`,
    [schoolId, accountId, ids, firstNumber],
  );
  await client.query(
    `insert into billing_invoice_lines (id, school_id, invoice_id, position, kind, source_id, description, amount_minor, currency)
     select gen_random_uuid(), $1, i.id, 0, 'manual', gen_random_uuid(), 'Lessons', $3, 'GBP' from unnest($2::uuid[]) as i(id)`,
    [schoolId, ids, TOTAL],
  );
  return ids;
}

/** Posts every delivery, `CONNECTIONS` at a time; each signed as it is sent. */
async function deliver(url, deliveries) {
  const latencies = [];
  const outcomes = { applied: 0, duplicate: 0, ignored: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const payload = JSON.stringify(deliveries[next++]);
      const started = performance.now();
      const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': signer.webhooks.generateTestHeaderString({ payload, secret: SECRET }) }, body: payload });
      const body = await response.json();
      latencies.push(performance.now() - started);
      if (response.status === 200) outcomes[body.outcome] += 1;
      else outcomes.failed += 1;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return { seconds: (performance.now() - started) / 1000, latencies, outcomes };
}

export async function run() {
  heading(`stripe-webhooks: ${INVOICES * 3} Stripe events (and ${INVOICES * 3 / 5} again) on ${INVOICES} invoices, signed, ${CONNECTIONS} at a time`);
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  return withSeededApp('webhooks', async ({ server, client, schoolId }) => {
    const url = `${server.baseUrl}/api/v1/webhooks/stripe`;
    const warm = await seedInvoices(client, schoolId, WARMUP_INVOICES, 1_000_000);
    await deliver(url, warm.flatMap((id, i) => eventsOf(schoolId, id, `warm${i}`)));
    const invoices = await seedInvoices(client, schoolId, INVOICES, 2_000_000);
    const events = invoices.flatMap((id, i) => eventsOf(schoolId, id, i));
    const random = prng(18);
    const deliveries = [...events, ...events.filter(() => random() < 0.2).slice(0, events.length / 5)];
    for (let i = deliveries.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [deliveries[i], deliveries[j]] = [deliveries[j], deliveries[i]];
    }
    const { seconds, latencies, outcomes } = await deliver(url, deliveries);
    const applied = Number((await client.query('select count(*)::int as n from billing_payment_events where event_id like $1', ['evt_bench_%'])).rows[0].n) - WARMUP_INVOICES * 3;
    const states = (await client.query(`select status, paid_minor, count(*)::int as n from billing_invoices where id = any($1::uuid[]) group by 1, 2`, [invoices])).rows;
    // Applied once each, in any order: 6,000 - 1,500 + 4,000 paid of 10,000.
    const right = states.length === 1 && states[0].status === 'partially_paid' && states[0].paid_minor === 8_500 && states[0].n === INVOICES;
    const duplicatesApplied = outcomes.applied - events.length;
    const perSecond = outcomes.applied / seconds;
    line(`${deliveries.length} deliveries in ${seconds.toFixed(2)} s: ${(deliveries.length / seconds).toFixed(0)} deliveries/s, ${perSecond.toFixed(0)} events applied/s (target >= ${TARGET_PER_SECOND})`);
    line(`latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms`);
    line(`outcomes: ${JSON.stringify(outcomes)}; rows in billing_payment_events: ${applied}; duplicates applied: ${duplicatesApplied}`);
    line(`invoices: ${JSON.stringify(states)} (expected all partially_paid with 8500 paid): ${pass(right)}`);
    const ok = perSecond >= TARGET_PER_SECOND && duplicatesApplied === 0 && applied === events.length && outcomes.failed === 0 && right;
    line(`>= ${TARGET_PER_SECOND} events/s, 0 duplicates applied, balances as applied once: ${pass(ok)}`);
    const summary = { bench: 'stripe-webhooks', invoices: INVOICES, events: events.length, deliveries: deliveries.length, connections: CONNECTIONS, seconds, deliveriesPerSecond: deliveries.length / seconds, appliedPerSecond: perSecond, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99), outcomes, duplicatesApplied, target: { perSecond: TARGET_PER_SECOND }, pass: ok };
    line(`SUMMARY ${JSON.stringify(summary)}`);
    return summary;
  });
}
