import { DomainError, newId, type SchoolId } from '@cadenza/shared/kernel';
import type { LessonTypeId } from './ids.js';
import { cleanText, wholeNumber } from './validation.js';

export const LESSON_FORMATS = ['individual', 'group'] as const;
export type LessonFormat = (typeof LESSON_FORMATS)[number];

export interface LessonTypeState {
  id: LessonTypeId;
  schoolId: SchoolId;
  name: string;
  durationMinutes: number;
  format: LessonFormat;
  /** Default rate in minor units of the school's currency; null when not set. */
  rateMinor: number | null;
}

function validType(input: { id: LessonTypeId; schoolId: SchoolId; name: string; durationMinutes: number; format: string; rateMinor?: number | null }): LessonTypeState {
  if (!(LESSON_FORMATS as readonly string[]).includes(input.format)) {
    throw DomainError.invalid('SCHEDULING.INVALID_FORMAT', 'format', 'The format is individual or group.');
  }
  return {
    id: input.id,
    schoolId: input.schoolId,
    name: cleanText(input.name, 'name', 80),
    durationMinutes: wholeNumber(input.durationMinutes, 'durationMinutes', 5, 480),
    format: input.format as LessonFormat,
    rateMinor: input.rateMinor === null || input.rateMinor === undefined ? null : wholeNumber(input.rateMinor, 'rateMinor', 0, 10_000_000),
  };
}

export class LessonType {
  private constructor(private state: LessonTypeState) {}

  static restore(state: LessonTypeState): LessonType {
    return new LessonType({ ...state });
  }

  static create(input: { schoolId: SchoolId; name: string; durationMinutes: number; format: string; rateMinor?: number | null }): LessonType {
    return new LessonType(validType({ ...input, id: newId<LessonTypeId>() }));
  }

  /** Changes any of the name, duration, format and rate (null clears it); fields not given keep their values. */
  change(changes: { name?: string; durationMinutes?: number; format?: string; rateMinor?: number | null }): void {
    const s = this.state;
    this.state = validType({
      id: s.id,
      schoolId: s.schoolId,
      name: changes.name ?? s.name,
      durationMinutes: changes.durationMinutes ?? s.durationMinutes,
      format: changes.format ?? s.format,
      rateMinor: changes.rateMinor === undefined ? s.rateMinor : changes.rateMinor,
    });
  }

  get id(): LessonTypeId {
    return this.state.id;
  }
  get name(): string {
    return this.state.name;
  }
  get durationMinutes(): number {
    return this.state.durationMinutes;
  }
  get format(): LessonFormat {
    return this.state.format;
  }
  get rateMinor(): number | null {
    return this.state.rateMinor;
  }

  snapshot(): LessonTypeState {
    return { ...this.state };
  }
}

