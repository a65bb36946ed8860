import { IMPORT_FIELDS, type ImportKind } from './import-kinds.js';
import type { ImportMapping, ImportProblem, MappedRow } from './import-rows.js';

export type AccessLevel = 'view' | 'full';

export interface FamilyRow {
  row: number;
  familyRef: string;
  familyName: string;
  student: { name: string; email: string; dateOfBirth: string };
  guardians: { name: string; email: string; access: AccessLevel; field: 'guardian_email' | 'second_guardian_email' }[];
}
export interface TeacherRow {
  row: number;
  name: string;
  email: string;
  role: 'teacher' | 'accompanist';
}
export interface RoomRow {
  row: number;
  name: string;
  capacity: number;
  features: string[];
}
export interface LessonRow {
  row: number;
  studentEmail: string;
  teacherEmail: string;
  room: string | null;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  startTime: string;
  durationMinutes: number;
  term: string;
  firstDate: string | null;
}

/**
 * What the owning contexts are asked to write, in one savepoint each: a family with all its rows, or one row of the
 * other kinds.
 */
export type ImportGroup =
  | { kind: 'families'; familyRef: string; familyName: string; rows: FamilyRow[] }
  | { kind: 'teachers'; rows: [TeacherRow] }
  | { kind: 'rooms'; rows: [RoomRow] }
  | { kind: 'lessons'; rows: [LessonRow] };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(text: string): boolean {
  const parsed = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!parsed) return false;
  const time = Date.UTC(Number(parsed[1]), Number(parsed[2]) - 1, Number(parsed[3]));
  return new Date(time).toISOString().slice(0, 10) === text;
}

export function parseWeekday(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^[1-7]$/.test(t)) return Number(t);
  const i = WEEKDAYS.findIndex((d) => d === t || (t.length >= 3 && d.startsWith(t)));
  return i >= 0 ? i + 1 : null;
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** Collects the problems of one file: each names its row, its column in the file and the field. */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  constructor(private readonly mapping: ImportMapping) {}

  add(row: number, field: string | null, code: string, message: string): void {
    this.items.push({ row, field, column: field ? (this.mapping[field] ?? null) : null, code, message });
  }

  hasRow(row: number): boolean {
    return this.items.some((p) => p.row === row);
  }
}

/**
 * Checks every row on its own and against the file's other rows: required fields, emails, dates (a date of birth in
 * the past, given `today` in the school's zone), times, numbers and choices, and duplicates within the file (an email
 * twice, a student who is also a guardian, a room twice). What needs the school's records (unknown teachers, rooms
 * and terms; emails already taken; lessons that clash) is checked by the owning contexts as the rows are written.
 */
export function checkRows(kind: ImportKind, rows: readonly MappedRow[], mapping: ImportMapping, today: string): { groups: ImportGroup[]; problems: ImportProblem[] } {
  const problems = new ProblemList(mapping);
  for (const r of rows) {
    for (const f of IMPORT_FIELDS[kind]) {
      if (f.required && !r.values[f.key]) problems.add(r.row, f.key, 'ONBOARDING.REQUIRED', `${f.label} is required.`);
      else if (r.values[f.key].length > 200) problems.add(r.row, f.key, 'ONBOARDING.TOO_LONG', `${f.label} is longer than 200 characters.`);
    }
  }
  const groups = CHECKS[kind](rows, problems, today);
  const bad = new Set(problems.items.map((p) => p.row));
  return {
    // A family with any bad row is not written at all: its rows stand or fall together.
    groups: groups.filter((g) => g.rows.every((row) => !bad.has(row.row))),
    problems: problems.items.sort((a, b) => a.row - b.row),
  };
}

type Check = (rows: readonly MappedRow[], problems: ProblemList, today: string) => ImportGroup[];

function email(r: MappedRow, key: string, problems: ProblemList, label: string): string {
  const value = r.values[key].toLowerCase();
  if (value && !EMAIL.test(value)) problems.add(r.row, key, 'ONBOARDING.INVALID_EMAIL', `${label} "${r.values[key]}" is not an email address.`);
  return value;
}

function duplicate(seen: Map<string, number>, key: string, r: MappedRow, field: string, problems: ProblemList, what: string): void {
  if (!key) return;
  const first = seen.get(key);
  if (first !== undefined) problems.add(r.row, field, 'ONBOARDING.DUPLICATE', `${what} is already on row ${first}.`);
  else seen.set(key, r.row);
}

const checkFamilies: Check = (rows, problems, today) => {
  const students = new Map<string, number>();
  const guardianEmails = new Map<string, number>();
  const families = new Map<string, { familyRef: string; familyName: string; firstRow: number; rows: FamilyRow[] }>();
  const parsed: FamilyRow[] = [];
  for (const r of rows) {
    const v = r.values;
    const studentEmail = email(r, 'student_email', problems, 'Student email');
    const guardianEmail = email(r, 'guardian_email', problems, 'Guardian email');
    const secondEmail = email(r, 'second_guardian_email', problems, 'Second guardian email');
    const dob = v['student_date_of_birth'];
    if (dob && !isCalendarDate(dob)) problems.add(r.row, 'student_date_of_birth', 'ONBOARDING.INVALID_DATE', `"${dob}" is not a date written YYYY-MM-DD.`);
    else if (dob && dob > today) problems.add(r.row, 'student_date_of_birth', 'ONBOARDING.FUTURE_DATE_OF_BIRTH', `The date of birth ${dob} is in the future.`);
    const access = (v['guardian_access'] || 'full').toLowerCase();
    if (access !== 'full' && access !== 'view') problems.add(r.row, 'guardian_access', 'ONBOARDING.INVALID_CHOICE', 'Guardian access is "full" or "view".');
    if (!!v['second_guardian_name'] !== !!secondEmail) {
      const missing = secondEmail ? 'second_guardian_name' : 'second_guardian_email';
      problems.add(r.row, missing, 'ONBOARDING.REQUIRED', 'A second guardian needs both a name and an email.');
    }
    duplicate(students, studentEmail, r, 'student_email', problems, `The student email ${studentEmail}`);
    for (const [key, value] of [['guardian_email', guardianEmail], ['second_guardian_email', secondEmail]] as const) {
      if (value && value === studentEmail) problems.add(r.row, key, 'ONBOARDING.DUPLICATE', 'A guardian cannot have the student’s own email.');
      if (value && !guardianEmails.has(value)) guardianEmails.set(value, r.row);
    }
    if (secondEmail && secondEmail === guardianEmail) problems.add(r.row, 'second_guardian_email', 'ONBOARDING.DUPLICATE', 'The second guardian has the first guardian’s email.');
    const row: FamilyRow = {
      row: r.row,
      familyRef: v['family_ref'],
      familyName: v['family_name'],
      student: { name: v['student_name'], email: studentEmail, dateOfBirth: dob },
      guardians: [
        { name: v['guardian_name'], email: guardianEmail, access: access as AccessLevel, field: 'guardian_email' as const },
        ...(secondEmail ? [{ name: v['second_guardian_name'], email: secondEmail, access: access as AccessLevel, field: 'second_guardian_email' as const }] : []),
      ],
    };
    parsed.push(row);
    const ref = row.familyRef.toLowerCase();
    const family = families.get(ref);
    if (!family) families.set(ref, { familyRef: row.familyRef, familyName: row.familyName, firstRow: r.row, rows: [row] });
    else {
      if (family.familyName !== row.familyName) problems.add(r.row, 'family_name', 'ONBOARDING.FAMILY_MISMATCH', `Row ${family.firstRow} names family ${row.familyRef} "${family.familyName}".`);
      family.rows.push(row);
    }
  }
  // An email used for a student on one row and a guardian on another is one person in two roles.
  for (const row of parsed) {
    for (const g of row.guardians) {
      const asStudent = students.get(g.email);
      if (asStudent !== undefined && asStudent !== row.row) problems.add(row.row, g.field, 'ONBOARDING.DUPLICATE', `${g.email} is a student on row ${asStudent}.`);
    }
  }
  return [...families.values()].map((f) => ({ kind: 'families', familyRef: f.familyRef, familyName: f.familyName, rows: f.rows }));
};

const checkTeachers: Check = (rows, problems) => {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const value = email(r, 'email', problems, 'Email');
    duplicate(seen, value, r, 'email', problems, `The email ${value}`);
    const role = (r.values['role'] || 'teacher').toLowerCase();
    if (role !== 'teacher' && role !== 'accompanist') problems.add(r.row, 'role', 'ONBOARDING.INVALID_CHOICE', 'Role is "teacher" or "accompanist".');
    return { kind: 'teachers', rows: [{ row: r.row, name: r.values['name'], email: value, role: role as TeacherRow['role'] }] };
  });
};

const checkRooms: Check = (rows, problems) => {
  const seen = new Map<string, number>();
  return rows.map((r) => {
    duplicate(seen, r.values['name'].toLowerCase(), r, 'name', problems, `The room "${r.values['name']}"`);
    const capacity = wholeNumber(r.values['capacity'], 1, 500);
    if (r.values['capacity'] && capacity === null) problems.add(r.row, 'capacity', 'ONBOARDING.INVALID_NUMBER', 'Capacity is a whole number from 1 to 500.');
    const features = r.values['features'].split(';').map((f) => f.trim()).filter(Boolean);
    return { kind: 'rooms', rows: [{ row: r.row, name: r.values['name'], capacity: capacity ?? 0, features }] };
  });
};

const checkLessons: Check = (rows, problems) =>
  rows.map((r) => {
    const v = r.values;
    const studentEmail = email(r, 'student_email', problems, 'Student email');
    const teacherEmail = email(r, 'teacher_email', problems, 'Teacher email');
    const weekday = v['weekday'] ? parseWeekday(v['weekday']) : null;
    if (v['weekday'] && weekday === null) problems.add(r.row, 'weekday', 'ONBOARDING.INVALID_WEEKDAY', `"${v['weekday']}" is not a weekday (Monday to Sunday).`);
    const time = TIME.exec(v['start_time']);
    if (v['start_time'] && !time) problems.add(r.row, 'start_time', 'ONBOARDING.INVALID_TIME', `"${v['start_time']}" is not a time written HH:MM.`);
    const duration = wholeNumber(v['duration_minutes'], 5, 480);
    if (v['duration_minutes'] && duration === null) problems.add(r.row, 'duration_minutes', 'ONBOARDING.INVALID_NUMBER', 'The duration is a whole number of minutes from 5 to 480.');
    if (v['first_date'] && !isCalendarDate(v['first_date'])) problems.add(r.row, 'first_date', 'ONBOARDING.INVALID_DATE', `"${v['first_date']}" is not a date written YYYY-MM-DD.`);
    return {
      kind: 'lessons',
      rows: [
        {
          row: r.row,
          studentEmail,
          teacherEmail,
          room: v['room'] || null,
          weekday: weekday ?? 0,
          startTime: time ? `${time[1].padStart(2, '0')}:${time[2]}` : '',
          durationMinutes: duration ?? 0,
          term: v['term'],
          firstDate: v['first_date'] || null,
        },
      ],
    };
  });

const CHECKS: Record<ImportKind, Check> = { families: checkFamilies, teachers: checkTeachers, rooms: checkRooms, lessons: checkLessons };
