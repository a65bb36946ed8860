import type { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import type { Assignments, PracticeDirectory, PracticeLogs, ProgressRecords, StudentLessons } from './ports.js';

/** The ports practice and progress are built from (with the kernel's audit trail, unit of work and clock). */
export interface PracticePorts {
  assignments: Assignments;
  practiceLogs: PracticeLogs;
  progress: ProgressRecords;
  studentLessons: StudentLessons;
  practiceDirectory: PracticeDirectory;
  audit: AuditTrail;
  uow: UnitOfWork;
  clock: Clock;
}
