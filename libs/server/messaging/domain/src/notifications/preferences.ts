import { AuditTrail, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { MAX_REMINDER_OFFSET, MAX_REMINDER_OFFSETS, MIN_REMINDER_OFFSET, NotificationPreferences, type PreferencesPatch } from './model.js';
import { PlanReminders } from './plan-reminders.js';
import { NotificationDirectory, NotificationPreferenceStore, SchoolNotificationSettings } from './ports.js';

export interface PreferencesView {
  preferences: NotificationPreferences;
  schoolReminderOffsets: number[];
}

async function load(store: NotificationPreferenceStore, directory: NotificationDirectory, actor: Actor): Promise<NotificationPreferences> {
  const saved = await store.of(actor.userId);
  if (saved) return NotificationPreferences.restore(saved);
  const [me] = await directory.recipients([actor.userId]);
  return NotificationPreferences.defaults(actor.userId, actor.schoolId, me?.timeZone ?? 'UTC');
}

export class GetNotificationPreferences {
  constructor(
    private readonly store: NotificationPreferenceStore,
    private readonly directory: NotificationDirectory,
  ) {}

  async execute(actor: Actor): Promise<PreferencesView> {
    return { preferences: await load(this.store, this.directory, actor), schoolReminderOffsets: await this.directory.schoolReminderOffsets() };
  }
}

/**
 * Changes the person's own preferences, all of the patch or none of it, and brings their
 * upcoming reminders in line (new offsets, email on or off, quiet hours).
 */
export class UpdateNotificationPreferences {
  constructor(
    private readonly store: NotificationPreferenceStore,
    private readonly directory: NotificationDirectory,
    private readonly reminders: PlanReminders,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, patch: PreferencesPatch): Promise<PreferencesView> {
    const prefs = await load(this.store, this.directory, actor);
    const before = prefs.snapshot();
    prefs.apply(patch);
    await this.uow.run(async () => {
      await this.store.save(prefs.snapshot());
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'messaging.notification_preferences.updated', entityType: 'user', entityId: actor.userId, before, after: prefs.snapshot() });
    });
    await this.reminders.forPerson(actor.userId);
    return { preferences: prefs, schoolReminderOffsets: await this.directory.schoolReminderOffsets() };
  }
}

const adminsOnly = () => new DomainError('NOTIFICATIONS.ADMINS_ONLY', 'forbidden', 'Only the school’s admins change its notification settings.');

/** The school's default reminder offsets, for its admins. */
export class GetSchoolNotificationSettings {
  constructor(private readonly settings: SchoolNotificationSettings) {}

  async execute(actor: Actor): Promise<{ reminderOffsets: number[] }> {
    if (!actor.roles.includes('admin')) throw adminsOnly();
    return { reminderOffsets: await this.settings.reminderOffsets() };
  }
}

/**
 * Sets the school's default reminder offsets (1 to 5, 5 minutes to a week), audited. People
 * who chose their own keep them; the next sweep brings everyone else's upcoming reminders in line.
 */
export class UpdateSchoolNotificationSettings {
  constructor(
    private readonly settings: SchoolNotificationSettings,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { reminderOffsets: readonly number[] }): Promise<{ reminderOffsets: number[] }> {
    if (!actor.roles.includes('admin')) throw adminsOnly();
    const offsets = input.reminderOffsets;
    if (offsets.length < 1 || offsets.length > MAX_REMINDER_OFFSETS) {
      throw DomainError.invalid('NOTIFICATIONS.INVALID_REMINDER_OFFSETS', 'reminderOffsets', `Between 1 and ${MAX_REMINDER_OFFSETS} reminders.`);
    }
    offsets.forEach((offset, i) => {
      if (!Number.isInteger(offset) || offset < MIN_REMINDER_OFFSET || offset > MAX_REMINDER_OFFSET) {
        throw DomainError.invalid('NOTIFICATIONS.INVALID_REMINDER_OFFSETS', `reminderOffsets.${i}`, `Between ${MIN_REMINDER_OFFSET} minutes and a week.`);
      }
    });
    const sorted = [...new Set(offsets)].sort((a, b) => b - a);
    const before = await this.settings.reminderOffsets();
    await this.uow.run(async () => {
      await this.settings.saveReminderOffsets(actor.schoolId, sorted);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'messaging.notification_settings.updated', entityType: 'school', entityId: actor.schoolId, before: { reminderOffsets: before }, after: { reminderOffsets: sorted } });
    });
    return { reminderOffsets: sorted };
  }
}
