import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { Injectable } from '@nestjs/common';
import type { LessonQuery } from '@cadenza/server/scheduling/domain';
import { CalendarVersions } from './calendar-versions.js';

/** One stored answer: its JSON, serialised once, and the fingerprint of the lessons it was read from. */
export interface CalendarAnswer {
  fingerprint: string;
  etag: string;
  body: Buffer;
  /** The same JSON gzipped, made once, for the clients that accept it (browsers do): a week of a large school is ~900 KiB of JSON and ~20% of that gzipped. */
  gzipped: Buffer;
  /** The same JSON in brotli (quality 4: faster to make than gzip here, and ~40% smaller), made on the first request that prefers it. */
  brotli?: Buffer;
}

export type CalendarEncoding = 'br' | 'gzip' | 'identity';

/** The stored bytes of an answer in an encoding (brotli made and kept on first use). */
export function encodedBody(answer: CalendarAnswer, encoding: CalendarEncoding): Buffer {
  if (encoding === 'gzip') return answer.gzipped;
  if (encoding === 'identity') return answer.body;
  answer.brotli ??= brotliCompressSync(answer.body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_SIZE_HINT]: answer.body.length } });
  return answer.brotli;
}

export const CALENDAR_CACHE_ENTRIES = 64;
export const CALENDAR_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * This process's store of serialised calendar answers (GET /lessons), least recently used out first
 * (at most CALENDAR_CACHE_ENTRIES answers and CALENDAR_CACHE_BYTES of JSON). Every read checks the
 * stored answer against the fingerprint of the lessons that answer the query now (one aggregate query,
 * scoped to the school in force): the same fingerprint means the same lessons, so the stored bytes are
 * sent; otherwise the answer is built again. Nothing is ever served on trust.
 *
 * The caller's key must name the school and everything the answer depends on besides the lessons
 * (whom it is for: see `listingAudience`); the query is added here. Concurrent reads of the same key
 * and fingerprint build the answer once.
 */
@Injectable()
export class CalendarCache {
  private readonly answers = new Map<string, CalendarAnswer>();
  private readonly building = new Map<string, Promise<CalendarAnswer>>();
  private bytes = 0;

  constructor(private readonly versions: CalendarVersions) {}

  async read(key: string, query: LessonQuery, build: () => Promise<unknown>): Promise<CalendarAnswer> {
    const full = `${key}|${normalised(query)}`;
    // The fingerprint first, then (on a miss) the lessons: an answer is never older than its fingerprint.
    const fingerprint = await this.versions.ofRange(query);
    const stored = this.answers.get(full);
    if (stored && stored.fingerprint === fingerprint) {
      this.answers.delete(full);
      this.answers.set(full, stored);
      return stored;
    }
    const flight = `${full}|${fingerprint}`;
    let pending = this.building.get(flight);
    if (!pending) {
      pending = (async () => {
        const body = Buffer.from(JSON.stringify(await build()));
        const answer = { fingerprint, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, body, gzipped: gzipSync(body) };
        this.store(full, answer);
        return answer;
      })().finally(() => this.building.delete(flight));
      this.building.set(flight, pending);
    }
    return pending;
  }

  /** How many answers are stored, and their bytes (for tests and metrics). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.answers.size, bytes: this.bytes };
  }

  private store(key: string, answer: CalendarAnswer): void {
    this.forget(key);
    if (answer.body.length + answer.gzipped.length > CALENDAR_CACHE_BYTES) return;
    this.answers.set(key, answer);
    this.bytes += answer.body.length + answer.gzipped.length;
    for (const oldest of this.answers.keys()) {
      if (this.answers.size <= CALENDAR_CACHE_ENTRIES && this.bytes <= CALENDAR_CACHE_BYTES) break;
      this.forget(oldest);
    }
  }

  private forget(key: string): void {
    const old = this.answers.get(key);
    if (!old) return;
    this.answers.delete(key);
    this.bytes -= old.body.length + old.gzipped.length;
  }
}

function normalised(query: LessonQuery): string {
  return [
    query.from.toISOString(),
    query.to.toISOString(),
    query.teacherId ?? '',
    query.studentId ?? '',
    query.roomId ?? '',
    query.accompanistId ?? '',
    query.includeCancelled ? 'cancelled' : '',
  ].join('|');
}
