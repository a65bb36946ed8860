import type { Actor, AuditTrail, UnitOfWork } from '@cadenza/shared/kernel';
import { hasRole, requireAdmin, forbidden } from '../model/actor.js';
import { changedSettings, type AttendanceSettings } from '../model/attendance-settings.js';
import type { AttendanceSettingsStore } from '../ports/attendance-settings-store.js';

/** The school's attendance settings: the staff read them (a teacher's screen shows when registers open and close). */
export class GetAttendanceSettings {
  constructor(private readonly settings: AttendanceSettingsStore) {}

  async execute(actor: Actor): Promise<AttendanceSettings> {
    if (!hasRole(actor, 'admin', 'teacher', 'accompanist')) throw forbidden();
    return this.settings.get();
  }
}

/** Admins change the early marking minutes, the marking window and the on-time grace; audited. */
export class UpdateAttendanceSettings {
  constructor(
    private readonly settings: AttendanceSettingsStore,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, change: Partial<AttendanceSettings>): Promise<AttendanceSettings> {
    requireAdmin(actor);
    return this.uow.run(async () => {
      const before = await this.settings.get();
      const after = changedSettings(before, change);
      await this.settings.save(after);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'attendance.settings.updated', entityType: 'attendance_settings', entityId: null, before, after });
      return after;
    });
  }
}
