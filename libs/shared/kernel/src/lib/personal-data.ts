import type { SchoolId, UserId } from './ids.js';

/**
 * The person a data-protection request is about, as every context needs them: who they are, what they are
 * known by in free text, and what stands in for them once erased.
 */
export interface DataSubject {
  schoolId: SchoolId;
  personId: UserId;
  /**
   * The texts that name the person (their name, email, phone numbers), as identity holds them before
   * erasure: each context replaces them wherever its free text holds them. Never empty strings.
   */
  identifiers: readonly string[];
  /** What is shown instead of their name once erased: `Former student 1234`, stable for the person. */
  pseudonym: string;
  /** The placeholder address their email becomes: unique, and never deliverable (`.invalid`). */
  pseudonymEmail: string;
}

/** One JSON file of a subject-access export, named within the context's folder of the ZIP. */
export interface PersonalDataFile {
  name: string;
  content: unknown;
}

/** What one context holds about a person, for the export's JSON files and its readable summary. */
export interface PersonalDataSection {
  /** The context's name (`identity`, `scheduling`, …): the folder of its files in the ZIP. */
  context: string;
  /** A readable title for the summary (`Lessons and requests`). */
  title: string;
  files: PersonalDataFile[];
  /** Short lines for the summary: counts and facts, e.g. `12 lessons, 3 requests`. */
  summary: string[];
  /** What is kept after an erasure, and until when (threads under safeguarding retention). */
  retained: string[];
}

/**
 * What every context implements so that data-protection requests reach all it holds about a person:
 * `export` reads it (for a subject-access request), `erase` anonymises it (names, contacts and free text
 * replaced, records kept in their shape). Identity's use cases call every context's implementation; later
 * contexts (attendance, billing) add theirs to the list the app wires, and nothing else changes.
 *
 * `erase` runs inside a unit of work the caller opens for that context alone, and must be idempotent: after
 * a crash the erasure is run again from the start, so a second run finds nothing more to change.
 */
export abstract class PersonalData {
  abstract readonly context: string;
  abstract export(subject: DataSubject): Promise<PersonalDataSection>;
  abstract erase(subject: DataSubject): Promise<void>;
}

/**
 * Every context's `PersonalData`, in the order an erasure runs them. Identity's comes last: it holds the
 * names and contacts the others search their free text for, so it must be the last to let them go.
 */
export abstract class PersonalDataHolders {
  abstract all(): readonly PersonalData[];
}

/**
 * Replaces every identifier found in the strings of a JSON value (keys kept), returning a copy and whether
 * anything changed. Emails are replaced by the subject's placeholder address, other identifiers by the
 * pseudonym; matching ignores case.
 */
export function redactIdentifiers(value: unknown, subject: Pick<DataSubject, 'identifiers' | 'pseudonym' | 'pseudonymEmail'>): { value: unknown; changed: boolean } {
  let changed = false;
  const patterns = subject.identifiers
    .filter((text) => text.trim().length > 0)
    .sort((a, b) => b.length - a.length)
    .map((text) => ({ pattern: new RegExp(escapeRegExp(text), 'giu'), replacement: text.includes('@') ? subject.pseudonymEmail : subject.pseudonym }));
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v;
      for (const { pattern, replacement } of patterns) out = out.replace(pattern, replacement);
      if (out !== v) changed = true;
      return out;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    }
    return v;
  };
  const redacted = walk(value);
  return { value: redacted, changed };
}

/** Whether a text holds any of the subject's identifiers (ignoring case). */
export function mentionsAny(text: string, identifiers: readonly string[]): boolean {
  const lower = text.toLowerCase();
  return identifiers.some((id) => id.trim().length > 0 && lower.includes(id.toLowerCase()));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
