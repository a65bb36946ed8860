/** What a school can bring in from a spreadsheet, one kind per file. */
export const IMPORT_KINDS = ['families', 'teachers', 'rooms', 'lessons'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** The most data rows one file may hold: a 5,000-student school with room to spare, and a commit that stays well under a minute. */
export const IMPORT_ROW_LIMIT = 10_000;

export interface ImportField {
  /** Stable key, as the mapping names it (`student_email`). */
  key: string;
  /** The column heading the template uses, and what the wizard shows. */
  label: string;
  required: boolean;
  description: string;
  example: string;
}

const field = (key: string, label: string, required: boolean, description: string, example: string): ImportField => ({ key, label, required, description, example });

/**
 * The fields of each kind. Families: one row per student; the rows sharing a family reference make one family, whose
 * guardians are given on each of its rows. Lessons: one weekly series per row for a term, between people and rooms
 * already at the school (import teachers, families and rooms first).
 */
export const IMPORT_FIELDS: Record<ImportKind, readonly ImportField[]> = {
  families: [
    field('family_ref', 'Family reference', true, 'Your own reference for the family; rows sharing it are one family.', 'F-001'),
    field('family_name', 'Family name', true, 'As the family should be shown.', 'Okafor'),
    field('student_name', 'Student name', true, 'First and last name.', 'Ada Okafor'),
    field('student_email', 'Student email', true, 'Unique; matches the student when the file is imported again.', 'ada.okafor@example.org'),
    field('student_date_of_birth', 'Student date of birth', true, 'YYYY-MM-DD, in the past.', '2014-03-09'),
    field('guardian_name', 'Guardian name', true, 'The first guardian of the family.', 'Ngozi Okafor'),
    field('guardian_email', 'Guardian email', true, 'Unique; a guardian already at the school is linked, not created again.', 'ngozi.okafor@example.org'),
    field('guardian_access', 'Guardian access', false, '`full` (acts for the child) or `view` (reads only); `full` when empty.', 'full'),
    field('second_guardian_name', 'Second guardian name', false, 'Optional; with the email.', 'Chidi Okafor'),
    field('second_guardian_email', 'Second guardian email', false, 'Optional; with the name.', 'chidi.okafor@example.org'),
  ],
  teachers: [
    field('name', 'Name', true, 'First and last name.', 'Clara Wieck'),
    field('email', 'Email', true, 'Unique; matches the teacher when the file is imported again.', 'clara.wieck@example.org'),
    field('role', 'Role', false, '`teacher` or `accompanist`; `teacher` when empty.', 'teacher'),
  ],
  rooms: [
    field('name', 'Room name', true, 'Unique in the school; matches the room when the file is imported again.', 'Studio 1'),
    field('capacity', 'Capacity', true, 'How many people it holds, 1 to 500.', '4'),
    field('features', 'Features', false, 'Separated by semicolons.', 'piano; mirror'),
  ],
  lessons: [
    field('student_email', 'Student email', true, 'A student already at the school.', 'ada.okafor@example.org'),
    field('teacher_email', 'Teacher email', true, 'A teacher already at the school.', 'clara.wieck@example.org'),
    field('room', 'Room', false, 'The name of a room already at the school.', 'Studio 1'),
    field('weekday', 'Weekday', true, 'Monday to Sunday (or Mon … Sun).', 'Tuesday'),
    field('start_time', 'Start time', true, 'HH:MM, in the school’s time zone.', '16:00'),
    field('duration_minutes', 'Duration (minutes)', true, '5 to 480.', '30'),
    field('term', 'Term', true, 'The name of a term already set up.', 'Autumn 2026'),
    field('first_date', 'First date', false, 'YYYY-MM-DD within the term; the term’s first day when empty.', ''),
  ],
};

export const IMPORT_TITLES: Record<ImportKind, string> = {
  families: 'Families, guardians and students',
  teachers: 'Teachers and accompanists',
  rooms: 'Rooms',
  lessons: 'Weekly lessons',
};

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

function csvCell(value: string): string {
  return /[",\n\r;]/.test(value) || value !== value.trim() ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A template: the headings and one example row, as a spreadsheet saves CSV (CRLF line ends). */
export function templateCsv(kind: ImportKind): string {
  const fields = IMPORT_FIELDS[kind];
  return [fields.map((f) => csvCell(f.label)).join(','), fields.map((f) => csvCell(f.example)).join(',')].join('\r\n') + '\r\n';
}

const normal = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]+/g, '');

/**
 * The column each field most likely comes from: the template's heading or the field's key, ignoring case, spaces
 * and punctuation. The admin confirms or changes it in the mapping step.
 */
export function suggestMapping(kind: ImportKind, columns: readonly string[]): Record<string, string | null> {
  const mapping: Record<string, string | null> = {};
  for (const f of IMPORT_FIELDS[kind]) {
    const wanted = new Set([normal(f.label), normal(f.key)]);
    mapping[f.key] = columns.find((c) => wanted.has(normal(c))) ?? null;
  }
  return mapping;
}
