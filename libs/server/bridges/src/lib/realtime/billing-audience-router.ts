import { Injectable } from '@nestjs/common';
import { AccountVisibility, BillingRuns, runFinished, type BillingAccountId, type BillingRunId } from '@cadenza/server/billing/domain';
import { RealtimeRooms, RealtimeRouter, type RealtimeDelivery, type RelayedEvent } from '@cadenza/server/platform/realtime';
import { REALTIME_EVENTS } from '@cadenza/shared/contracts';
import { isEventOf } from '@cadenza/shared/integration-events';

/**
 * Who hears of billing on the socket. A billing run's batch billed: the school's admins, with the run's progress read
 * again as committed (one read per run in the batch of events, so two batches committing at once still end on the
 * full count). An invoice settled (a payment recorded, arriving from the card provider, refunded): the admins and
 * whoever may read the invoice's account (billing's `AccountVisibility`: its payer, an adult student paying for
 * themself, the family's guardians with access to a child).
 */
@Injectable()
export class BillingAudienceRouter extends RealtimeRouter {
  constructor(
    private readonly runs: BillingRuns,
    private readonly visibility: AccountVisibility,
  ) {
    super();
  }

  async route(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    return [...(await this.runProgress(events)), ...(await this.settled(events))];
  }

  private async runProgress(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    const byRun = new Map<BillingRunId, string>();
    for (const event of events) if (isEventOf(event, 'billing.run_batch_billed.v1')) byRun.set(event.payload.runId, event.schoolId);
    const deliveries: RealtimeDelivery[] = [];
    for (const [runId, schoolId] of byRun) {
      const progress = await this.runs.progress(runId);
      if (!progress) continue;
      const { run } = progress;
      deliveries.push({
        rooms: [RealtimeRooms.schoolAdmins(schoolId)],
        event: REALTIME_EVENTS.billingRunProgressed,
        payload: { runId, periodFrom: run.period.from, accounts: run.accounts, accountsDone: progress.accountsDone, batches: run.batches, batchesDone: progress.batchesDone, invoices: progress.invoices, finished: runFinished(progress) },
      });
    }
    return deliveries;
  }

  private async settled(events: readonly RelayedEvent[]): Promise<RealtimeDelivery[]> {
    const readers = new Map<BillingAccountId, string[]>();
    const deliveries: RealtimeDelivery[] = [];
    for (const event of events) {
      if (!isEventOf(event, 'billing.invoice_settled.v1')) continue;
      const { invoiceId, accountId, status, paidMinor, openMinor } = event.payload;
      let rooms = readers.get(accountId);
      if (!rooms) {
        rooms = (await this.visibility.readersOf(accountId)).map(RealtimeRooms.user);
        readers.set(accountId, rooms);
      }
      deliveries.push({ rooms: [...rooms, RealtimeRooms.schoolAdmins(event.schoolId)], event: REALTIME_EVENTS.invoiceSettled, payload: { invoiceId, status, paidMinor, openMinor } });
    }
    return deliveries;
  }
}
