import { Migration } from '@mikro-orm/migrations';

/** Two notification types from attendance: the daily missing-register reminder and the absence-streak alert. */
export class Migration20261209000310_attendance_notification_types extends Migration {
  override up(): void {
    this.addSql(`
alter table notifications drop constraint notifications_type_check;
alter table notifications add constraint notifications_type_check check (type in ('lesson.reminder', 'lesson.changed', 'lesson-request.updated', 'message.received', 'message.flagged', 'attendance.register-missing', 'attendance.absence-streak'));
`);
  }
}
