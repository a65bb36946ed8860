import { DomainError, newId, type Actor, type SchoolId, type UserId } from '@cadenza/shared/kernel';
import { FixedClock, RecordingAuditTrail, SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import { attendanceUseCases, type AttendancePorts } from '../attendance-use-cases.js';
import type { AttendedLesson } from '../model/attended-lesson.js';
import { InMemoryAssignments, InMemoryPracticeDirectory, InMemoryPracticeLogs, InMemoryProgressRecords, InMemoryStudentLessons } from './in-memory-practice.js';
import { anAttendedLesson, FixedAttendanceSchool, InMemoryAttendanceAlerts, InMemoryAttendanceSettings, InMemoryAttendedLessons, InMemoryRegisters, RecordingAttendanceEvents } from './in-memory.js';

/** Every attendance port as an in-memory fake, with the unit of work rolling back the stores it writes. */
export function inMemoryAttendancePorts(options: { now?: string; timeZone?: string } = {}) {
  const lessons = new InMemoryAttendedLessons();
  const registers = new InMemoryRegisters();
  const settings = new InMemoryAttendanceSettings();
  const events = new RecordingAttendanceEvents();
  const school = new FixedAttendanceSchool(options.timeZone ?? 'UTC');
  const alerts = new InMemoryAttendanceAlerts();
  const audit = new RecordingAuditTrail();
  const assignments = new InMemoryAssignments();
  const practiceLogs = new InMemoryPracticeLogs();
  const progress = new InMemoryProgressRecords();
  const studentLessons = new InMemoryStudentLessons(lessons, registers);
  const practiceDirectory = new InMemoryPracticeDirectory();
  const uow = new SnapshotUnitOfWork([lessons, registers, settings, events, alerts, audit, assignments, practiceLogs, progress]);
  const clock = new FixedClock(options.now ?? '2026-12-07T16:05:00Z');
  return { lessons, registers, settings, events, school, alerts, audit, uow, clock, assignments, practiceLogs, progress, studentLessons, practiceDirectory } satisfies AttendancePorts;
}

/** Every attendance use case wired to in-memory ports, with a cast of people and a lesson at 16:00 on 7 December 2026. */
export function attendanceWorld(options: { now?: string; timeZone?: string } = {}) {
  const schoolId = newId<SchoolId>();
  const ports = inMemoryAttendancePorts(options);
  const useCases = attendanceUseCases(ports);
  const person = (roles: string[]): Actor => ({ userId: newId<UserId>(), schoolId, roles });
  const people = {
    admin: person(['admin']),
    teacher: person(['teacher']),
    otherTeacher: person(['teacher']),
    accompanist: person(['accompanist']),
    student: person(['student']),
    otherStudent: person(['student']),
    parent: person(['parent']),
  };
  const lesson = async (over: Partial<AttendedLesson> = {}): Promise<AttendedLesson> => {
    const l = anAttendedLesson({ teacherId: people.teacher.userId, studentIds: [people.student.userId, people.otherStudent.userId], ...over });
    await ports.lessons.record(l);
    return l;
  };
  return { schoolId, ports, clock: ports.clock, people, useCases, lesson };
}

export type AttendanceWorld = ReturnType<typeof attendanceWorld>;

/** The refusal's code, kind and fields, for comparison. */
export async function refusal(work: Promise<unknown>) {
  try {
    await work;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, kind: error.kind, fields: (error.details.fields ?? []).map((f) => f.field) };
    throw error;
  }
  throw new Error('Expected a refusal');
}
