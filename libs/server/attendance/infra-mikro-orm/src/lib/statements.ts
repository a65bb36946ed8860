import { schoolScoped } from '@cadenza/server/platform/db';

export interface RegisterLockRow {
  lesson_id: string;
  started_at: Date | string | null;
  started_by: string | null;
  ended_at: Date | string | null;
  ended_by: string | null;
  delivered_at: Date | string | null;
}

/**
 * A lesson's register row, made when it is first needed, and held (its row lock) until the unit of work ends: two
 * devices marking one register at once take turns, and the later reads the entries the earlier wrote, so neither
 * mark is lost. One statement where the entity calls would need an upsert and then a locking read; the ORM cannot say
 * "insert, or lock the row that is there, and return it" (`on conflict do update … returning`). Held to the entity
 * reads by the `Registers` contract suite (`mikro-orm-registers.integration.spec.ts`).
 */
export const REGISTER_FOR_UPDATE = schoolScoped<RegisterLockRow, [lessonId: string]>(
  'attendance_register_for_update',
  (school) => `insert into attendance_registers as r (school_id, lesson_id) values (${school}, $2::uuid)
on conflict (school_id, lesson_id) do update set lesson_id = excluded.lesson_id
returning r.lesson_id, r.started_at, r.started_by, r.ended_at, r.ended_by, r.delivered_at`,
);
