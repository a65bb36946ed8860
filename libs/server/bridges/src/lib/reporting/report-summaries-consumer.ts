import { Injectable, Module } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { OutboxConsumerLoop, OutboxSignal, type ConsumedEvent, type OutboxConsumerSettings } from '@cadenza/server/platform/db';
import { Clock, DAY } from '@cadenza/shared/kernel';
import { REPORT_SUMMARY_EVENT_TYPES, refreshReportSummaries, summaryLessonIds } from './report-summaries.js';

/** The outbox consumer's name in `outbox_consumptions`. */
export const REPORT_SUMMARIES_CONSUMER = 'reporting.summaries';

/**
 * How it reads: 500 events a batch (a refresh is one statement for the batch's lessons); on a first start, back over
 * a week of events, the migration having filled the summaries from the records before; every 2 s as a safety net.
 */
const SETTINGS: OutboxConsumerSettings = { name: REPORT_SUMMARIES_CONSUMER, types: REPORT_SUMMARY_EVENT_TYPES, batch: 500, maxAgeMs: 7 * DAY, pollMs: 2_000, retryMs: 2_000 };

/**
 * Keeps the reports' summaries fresh: after scheduling's lesson events and attendance's register events, the rows of
 * the lessons they are about are read again from the records (`refreshReportSummaries`), in the claim's transaction.
 * Runs in the worker and in an api with its background work; instances share the events through their claims.
 */
@Injectable()
export class ReportSummariesConsumer extends OutboxConsumerLoop {
  constructor(em: EntityManager, signal: OutboxSignal, clock: Clock) {
    super(em, signal, clock, SETTINGS);
  }

  protected async handle(_schoolId: string, batch: ConsumedEvent[]): Promise<void> {
    await refreshReportSummaries(this.em, summaryLessonIds(batch));
  }
}

/** The consumer keeping the reports' summaries, for the app that runs background work. */
@Module({ providers: [ReportSummariesConsumer] })
export class ReportSummariesModule {}
