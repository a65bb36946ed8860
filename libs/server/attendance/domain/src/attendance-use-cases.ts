import type { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import type { AttendanceAlerts, AttendanceEvents, AttendanceSchool, AttendanceSettingsStore, AttendedLessons, Registers } from './ports/index.js';
import { GetAttendanceSettings, UpdateAttendanceSettings } from './use-cases/attendance-settings.js';
import { MarkRegister } from './use-cases/mark-register.js';
import { SendMissingRegisterReminders } from './use-cases/missing-register-reminders.js';
import { GetRegister, ListDayRegisters, ListRegisterHistory, ListRegisters } from './use-cases/read-registers.js';
import { RecordLessonChanges } from './use-cases/record-lesson-changes.js';
import { EndLesson, StartLesson } from './use-cases/start-and-end-lesson.js';
import { ListAssignments, MarkAssignment, SetAssignment } from './practice/assignments.js';
import { CommentOnPractice, ListPractice, LogPractice } from './practice/practice-logs.js';
import type { PracticePorts } from './practice/practice-ports.js';
import { GetProgressScale, GetStudentProgress, ListPracticeStudents, RecordAchievement, SaveProgressScale, SetProgressTarget } from './practice/progress.js';

/** Every port attendance's use cases are built from (practice and progress's too). */
export interface AttendancePorts extends PracticePorts {
  lessons: AttendedLessons;
  registers: Registers;
  settings: AttendanceSettingsStore;
  events: AttendanceEvents;
  school: AttendanceSchool;
  alerts: AttendanceAlerts;
  audit: AuditTrail;
  uow: UnitOfWork;
  clock: Clock;
}

/** Attendance's use cases by name, each with its class: what `attendanceUseCases` returns, and the tokens an app provides them under. */
export const ATTENDANCE_USE_CASES = {
  recordLessonChanges: RecordLessonChanges,
  listRegisters: ListRegisters,
  listDay: ListDayRegisters,
  getRegister: GetRegister,
  listHistory: ListRegisterHistory,
  mark: MarkRegister,
  start: StartLesson,
  end: EndLesson,
  getSettings: GetAttendanceSettings,
  updateSettings: UpdateAttendanceSettings,
  listPracticeStudents: ListPracticeStudents,
  listAssignments: ListAssignments,
  setAssignment: SetAssignment,
  markAssignment: MarkAssignment,
  listPractice: ListPractice,
  logPractice: LogPractice,
  commentOnPractice: CommentOnPractice,
  getScale: GetProgressScale,
  saveScale: SaveProgressScale,
  recordAchievement: RecordAchievement,
  setTarget: SetProgressTarget,
  getProgress: GetStudentProgress,
  remindMissingRegisters: SendMissingRegisterReminders,
} as const;

export type AttendanceUseCases = { [K in keyof typeof ATTENDANCE_USE_CASES]: InstanceType<(typeof ATTENDANCE_USE_CASES)[K]> };

/** Builds every attendance use case from its ports: used by the Nest module (adapters) and the specs' world (fakes). */
export function attendanceUseCases(p: AttendancePorts): AttendanceUseCases {
  const { lessons, registers, settings, events, school, alerts, audit, uow, clock } = p;
  return {
    recordLessonChanges: new RecordLessonChanges(lessons, registers, events, uow, clock),
    listRegisters: new ListRegisters(lessons, registers),
    listDay: new ListDayRegisters(lessons, registers, school, clock),
    getRegister: new GetRegister(lessons, registers),
    listHistory: new ListRegisterHistory(lessons, registers),
    mark: new MarkRegister(lessons, registers, settings, events, alerts, audit, uow, clock),
    start: new StartLesson(lessons, registers, settings, events, audit, uow, clock),
    end: new EndLesson(lessons, registers, events, audit, uow, clock),
    getSettings: new GetAttendanceSettings(settings),
    updateSettings: new UpdateAttendanceSettings(settings, audit, uow),
    listPracticeStudents: new ListPracticeStudents(p),
    listAssignments: new ListAssignments(p),
    setAssignment: new SetAssignment(p),
    markAssignment: new MarkAssignment(p),
    listPractice: new ListPractice(p),
    logPractice: new LogPractice(p),
    commentOnPractice: new CommentOnPractice(p),
    getScale: new GetProgressScale(p),
    saveScale: new SaveProgressScale(p),
    recordAchievement: new RecordAchievement(p),
    setTarget: new SetProgressTarget(p),
    getProgress: new GetStudentProgress(p),
    remindMissingRegisters: new SendMissingRegisterReminders(lessons, registers, settings, school, alerts, events, uow, clock),
  };
}
