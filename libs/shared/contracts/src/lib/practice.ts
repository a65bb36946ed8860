import { z } from 'zod';

/**
 * Practice and progress over REST: teachers' assignments, students' practice logs and teachers' comments, the school's
 * progress scale, students' achievements, targets and progress. Dates are the school's calendar dates (`YYYY-MM-DD`),
 * instants ISO 8601 strings.
 */
const uuid = z.uuid({ message: 'Must be a UUID.' });
const date = z.iso.date({ message: 'Enter a date as YYYY-MM-DD.' });
const text = (max: number) => z.string().trim().min(1, 'Required.').max(max, `At most ${max} characters.`);
const optionalText = (max: number) => z.string().trim().max(max, `At most ${max} characters.`).optional();
// What answers carry (plain strings: the schemas of answers describe, they do not validate).
const id = z.string().meta({ format: 'uuid' });
const at = z.string().meta({ format: 'date-time' });
const day = z.string().meta({ format: 'date' });

/** The most practice one day holds, all logs together. */
export const MAX_PRACTICE_MINUTES = 1440;

export const StudentIdParam = z.strictObject({ studentId: uuid });
export type StudentIdParam = z.infer<typeof StudentIdParam>;
export const AssignmentIdParam = z.strictObject({ assignmentId: uuid });
export type AssignmentIdParam = z.infer<typeof AssignmentIdParam>;
export const PracticeLogIdParam = z.strictObject({ logId: uuid });
export type PracticeLogIdParam = z.infer<typeof PracticeLogIdParam>;

/** `POST /practice/students/:studentId/assignments`: due today or later (the school's calendar). */
export const SetAssignmentRequest = z.strictObject({
  title: text(200),
  description: optionalText(4000),
  dueOn: date,
  pieces: z.array(text(200)).max(20, 'At most 20 pieces.').optional(),
  links: z
    .array(z.url({ protocol: /^https?$/, message: 'Must be an http or https address.' }).max(500))
    .max(10, 'At most 10 links.')
    .optional(),
});
export type SetAssignmentRequest = z.infer<typeof SetAssignmentRequest>;

/** `PATCH /practice/assignments/:assignmentId`: done, or reopened. */
export const MarkAssignmentRequest = z.strictObject({ done: z.boolean({ message: 'Must be true or false.' }) });
export type MarkAssignmentRequest = z.infer<typeof MarkAssignmentRequest>;

export const Assignment = z
  .object({ id, studentId: id, setBy: id, title: z.string(), description: z.string().nullable(), dueOn: day, pieces: z.array(z.string()), links: z.array(z.string()), setAt: at, done: z.boolean(), doneAt: at.nullable() })
  .meta({
    id: 'Assignment',
    example: {
      id: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      studentId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a',
      setBy: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
      title: 'Scales in G major',
      description: 'Two octaves, hands together, at 80.',
      dueOn: '2026-12-14',
      pieces: ['Minuet in G (Petzold)'],
      links: ['https://example.org/scales'],
      setAt: '2026-12-07T16:40:00.000Z',
      done: false,
      doneAt: null,
    },
  });
export type Assignment = z.infer<typeof Assignment>;

/** `GET /practice/students/:studentId/logs?from&to`: at most a year; the last four weeks when not said. */
export const PracticeLogsQuery = z.strictObject({ from: date.optional(), to: date.optional() });
export type PracticeLogsQuery = z.infer<typeof PracticeLogsQuery>;

/** `POST /practice/students/:studentId/logs`: a day up to today; a day holds at most 1440 minutes in total. */
export const LogPracticeRequest = z.strictObject({
  practisedOn: date,
  minutes: z.number({ message: 'Must be a number of minutes.' }).int('Must be whole minutes.').min(1, 'Must be at least 1 minute.').max(MAX_PRACTICE_MINUTES, `Must be at most ${MAX_PRACTICE_MINUTES} minutes (a day).`),
  note: optionalText(1000),
  assignmentId: uuid.optional(),
});
export type LogPracticeRequest = z.infer<typeof LogPracticeRequest>;

/** `POST /practice/logs/:logId/comments`. */
export const CommentOnPracticeRequest = z.strictObject({ body: text(2000) });
export type CommentOnPracticeRequest = z.infer<typeof CommentOnPracticeRequest>;

export const PracticeLog = z
  .object({
    id,
    studentId: id,
    assignmentId: id.nullable(),
    practisedOn: day,
    minutes: z.number().int(),
    note: z.string().nullable(),
    loggedBy: id,
    loggedAt: at,
    comments: z.array(z.object({ id, authorId: id, body: z.string(), at })),
  })
  .meta({
    id: 'PracticeLog',
    example: {
      id: 'b2c3d4e5-f6a7-4b8c-9d0e-1f2a3b4c5d6e',
      studentId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a',
      assignmentId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
      practisedOn: '2026-12-08',
      minutes: 25,
      note: 'Left hand still slow',
      loggedBy: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a',
      loggedAt: '2026-12-08T18:30:00.000Z',
      comments: [{ id: 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f', authorId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', body: 'Try it at 60 first.', at: '2026-12-09T08:00:00.000Z' }],
    },
  });
export type PracticeLog = z.infer<typeof PracticeLog>;

const viewer = z.object({ canLog: z.boolean(), canTeach: z.boolean() });

/** A student's practice in a period, with what the caller may do (log; set assignments and comment). */
export const PracticeHistory = z
  .object({ from: day, to: day, viewer, logs: z.array(PracticeLog) })
  .meta({ id: 'PracticeHistory', example: { from: '2026-11-10', to: '2026-12-08', viewer: { canLog: true, canTeach: false }, logs: [] } });
export type PracticeHistory = z.infer<typeof PracticeHistory>;

/** A student whose practice the caller follows. */
export const PracticeStudent = z
  .object({ studentId: id, name: z.string(), canLog: z.boolean() })
  .meta({ id: 'PracticeStudent', example: { studentId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a', name: 'Ava Patel', canLog: true } });
export type PracticeStudent = z.infer<typeof PracticeStudent>;

const level = z.object({ id, name: z.string() });
export const ProgressScale = z
  .object({ name: z.string(), levels: z.array(level) })
  .meta({ id: 'ProgressScale', example: { name: 'ABRSM grades', levels: [{ id: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b', name: 'Grade 1' }] } });
export type ProgressScale = z.infer<typeof ProgressScale>;

/** `PUT /practice/scale` (admins): the levels lowest first; a level with an id keeps it. */
export const SaveProgressScaleRequest = z.strictObject({
  name: text(100),
  levels: z
    .array(z.strictObject({ id: uuid.optional(), name: text(100) }))
    .max(50, 'At most 50 levels.')
    .refine((levels) => new Set(levels.map((l) => l.name.toLowerCase())).size === levels.length, 'Give each level its own name.'),
});
export type SaveProgressScaleRequest = z.infer<typeof SaveProgressScaleRequest>;

/** `POST /practice/students/:studentId/achievements`: a level of the scale reached on a day up to today. */
export const RecordAchievementRequest = z.strictObject({ levelId: uuid, achievedOn: date, piece: optionalText(200), note: optionalText(1000) });
export type RecordAchievementRequest = z.infer<typeof RecordAchievementRequest>;

/** `POST /practice/students/:studentId/targets`: what to reach (a level, in words) by a day not in the past. */
export const SetProgressTargetRequest = z.strictObject({ levelId: uuid.optional(), description: text(500), dueOn: date });
export type SetProgressTargetRequest = z.infer<typeof SetProgressTargetRequest>;

export const Achievement = z
  .object({ id, studentId: id, levelId: id, levelName: z.string(), achievedOn: day, piece: z.string().nullable(), note: z.string().nullable(), recordedBy: id })
  .meta({
    id: 'Achievement',
    example: { id: 'f6a7b8c9-d0e1-4f2a-8b3c-4d5e6f7a8b9c', studentId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a', levelId: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b', levelName: 'Grade 1', achievedOn: '2026-06-20', piece: 'Minuet in G', note: 'Merit', recordedBy: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f' },
  });
export type Achievement = z.infer<typeof Achievement>;

export const ProgressTarget = z
  .object({ id, studentId: id, levelId: id.nullable(), description: z.string(), dueOn: day, recordedBy: id })
  .meta({
    id: 'ProgressTarget',
    example: { id: 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', studentId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a', levelId: null, description: 'Play in the spring concert', dueOn: '2027-03-20', recordedBy: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f' },
  });
export type ProgressTarget = z.infer<typeof ProgressTarget>;

/** A student's progress: practice minutes per week (last 12, oldest first), attendance by status, assignments, levels over time, targets. */
export const StudentProgress = z
  .object({
    studentId: id,
    today: day,
    viewer,
    practiceWeeks: z.array(z.object({ weekOf: day, minutes: z.number().int() })),
    attendance: z.object({ present: z.number().int(), late: z.number().int(), absentWithNotice: z.number().int(), absentWithoutNotice: z.number().int(), excused: z.number().int() }),
    assignments: z.object({ total: z.number().int(), done: z.number().int(), open: z.number().int(), overdue: z.number().int() }),
    scale: ProgressScale,
    currentLevel: level.nullable(),
    achievements: z.array(Achievement),
    targets: z.array(ProgressTarget),
  })
  .meta({
    id: 'StudentProgress',
    example: {
      studentId: 'd2e3f4a5-b6c7-4d8e-9f0a-1b2c3d4e5f6a',
      today: '2026-12-08',
      viewer: { canLog: false, canTeach: false },
      practiceWeeks: [{ weekOf: '2026-12-07', minutes: 95 }],
      attendance: { present: 10, late: 1, absentWithNotice: 1, absentWithoutNotice: 0, excused: 0 },
      assignments: { total: 4, done: 3, open: 1, overdue: 0 },
      scale: { name: 'ABRSM grades', levels: [{ id: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b', name: 'Grade 1' }] },
      currentLevel: { id: 'e5f6a7b8-c9d0-4e1f-8a2b-3c4d5e6f7a8b', name: 'Grade 1' },
      achievements: [],
      targets: [],
    },
  });
export type StudentProgress = z.infer<typeof StudentProgress>;
