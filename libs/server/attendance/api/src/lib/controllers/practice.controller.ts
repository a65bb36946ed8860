import { z } from 'zod';
import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CommentOnPractice,
  GetProgressScale,
  GetStudentProgress,
  ListAssignments,
  ListPractice,
  ListPracticeStudents,
  LogPractice,
  MarkAssignment,
  RecordAchievement,
  SaveProgressScale,
  SetAssignment,
  SetProgressTarget,
  type AssignmentId,
  type PracticeLogId,
  type ProgressLevelId,
} from '@cadenza/server/attendance/domain';
import { Access, actorOf, CurrentPrincipal, Endpoint, validate, type Principal } from '@cadenza/server/platform/http';
import {
  Achievement,
  Assignment,
  AssignmentIdParam,
  CommentOnPracticeRequest,
  LogPracticeRequest,
  MarkAssignmentRequest,
  PracticeHistory,
  PracticeLog,
  PracticeLogIdParam,
  PracticeLogsQuery,
  PracticeStudent,
  ProgressScale,
  ProgressTarget,
  RecordAchievementRequest,
  SaveProgressScaleRequest,
  SetAssignmentRequest,
  SetProgressTargetRequest,
  StudentIdParam,
  StudentProgress,
} from '@cadenza/shared/contracts';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { presentAchievement, presentAssignment, presentLog, presentProgress, presentTarget, presentViewer } from '../practice-presenters.js';

const EVERYONE = ['admin', 'teacher', 'accompanist', 'student', 'parent'] as const;
const TEACHING = ['admin', 'teacher', 'accompanist'] as const;
const SEE = 'the student, their guardians, the staff who teach them, admins; anyone else gets 404';
const TEACH = 'the staff who teach the student, and admins; another teacher gets 404';
const studentId = (params: StudentIdParam) => asId<UserId>(params.studentId);
const notTheirs = { status: 404, code: 'PRACTICE.STUDENT_NOT_FOUND', when: 'Not a student the caller may see (another family, another student, another teacher’s student, another school).' } as const;

@ApiTags('practice')
@Controller('practice')
export class PracticeController {
  constructor(
    private readonly listStudents: ListPracticeStudents,
    private readonly listAssignments: ListAssignments,
    private readonly setAssignment: SetAssignment,
    private readonly markAssignment: MarkAssignment,
    private readonly listPractice: ListPractice,
    private readonly logPractice: LogPractice,
    private readonly commentOnPractice: CommentOnPractice,
    private readonly getScale: GetProgressScale,
    private readonly saveScale: SaveProgressScale,
    private readonly recordAchievement: RecordAchievement,
    private readonly setTarget: SetProgressTarget,
    private readonly getProgress: GetStudentProgress,
  ) {}

  @Get('students')
  @Access(['teacher', 'accompanist', 'student', 'parent'], 'a student themself, a parent their children, a teacher the students of their lessons')
  @Endpoint({ summary: 'The students whose practice the caller follows, with whether the caller logs for them', response: z.array(PracticeStudent) })
  async students(@CurrentPrincipal() principal: Principal): Promise<PracticeStudent[]> {
    return this.listStudents.execute(actorOf(principal));
  }

  @Get('students/:studentId/assignments')
  @Access([...EVERYONE], SEE)
  @Endpoint({ summary: 'A student’s assignments, latest due first', response: z.array(Assignment), problems: [notTheirs] })
  async assignments(@CurrentPrincipal() principal: Principal, @Param(validate(StudentIdParam)) params: StudentIdParam): Promise<Assignment[]> {
    return (await this.listAssignments.execute(actorOf(principal), studentId(params))).map(presentAssignment);
  }

  @Post('students/:studentId/assignments')
  @Access([...TEACHING], TEACH)
  @Endpoint({ summary: 'Set an assignment for a student (due today or later)', response: Assignment, problems: [notTheirs] })
  async set(@CurrentPrincipal() principal: Principal, @Param(validate(StudentIdParam)) params: StudentIdParam, @Body(validate(SetAssignmentRequest)) body: SetAssignmentRequest): Promise<Assignment> {
    const set = await this.setAssignment.execute(actorOf(principal), studentId(params), { title: body.title, description: body.description || null, dueOn: body.dueOn, pieces: body.pieces ?? [], links: body.links ?? [] });
    return presentAssignment(set);
  }

  @Patch('assignments/:assignmentId')
  @Access([...TEACHING], TEACH)
  @Endpoint({ summary: 'Mark an assignment done, or reopen it', response: Assignment, problems: [{ status: 404, code: 'PRACTICE.ASSIGNMENT_NOT_FOUND', when: 'Not an assignment of a student the caller teaches.' }] })
  async mark(@CurrentPrincipal() principal: Principal, @Param(validate(AssignmentIdParam)) params: AssignmentIdParam, @Body(validate(MarkAssignmentRequest)) body: MarkAssignmentRequest): Promise<Assignment> {
    return presentAssignment(await this.markAssignment.execute(actorOf(principal), asId<AssignmentId>(params.assignmentId), body.done));
  }

  @Get('students/:studentId/logs')
  @Access([...EVERYONE], SEE)
  @Endpoint({ summary: 'A student’s practice in a period (the last four weeks unless said; at most a year), latest first', response: PracticeHistory, problems: [notTheirs] })
  async logs(@CurrentPrincipal() principal: Principal, @Param(validate(StudentIdParam)) params: StudentIdParam, @Query(validate(PracticeLogsQuery)) query: PracticeLogsQuery): Promise<PracticeHistory> {
    const history = await this.listPractice.execute(actorOf(principal), studentId(params), query);
    return { from: history.from, to: history.to, viewer: presentViewer(history.viewer), logs: history.logs.map(presentLog) };
  }

  @Post('students/:studentId/logs')
  @Access(['student', 'parent'], 'the student, and a full-access guardian of a minor; a view-only guardian gets 403, anyone else 404')
  @Endpoint({
    summary: 'Log practice: a day up to today, against an assignment or freely',
    description: 'A day holds at most 1440 minutes of practice, all logs together: the log that would pass it is refused naming `minutes`.',
    response: PracticeLog,
    problems: [notTheirs, { status: 403, code: 'PRACTICE.CANNOT_LOG', when: 'A view-only guardian, or a guardian of an adult student.' }],
  })
  async log(@CurrentPrincipal() principal: Principal, @Param(validate(StudentIdParam)) params: StudentIdParam, @Body(validate(LogPracticeRequest)) body: LogPracticeRequest): Promise<PracticeLog> {
    const log = await this.logPractice.execute(actorOf(principal), studentId(params), {
      practisedOn: body.practisedOn,
      minutes: body.minutes,
      note: body.note || null,
      assignmentId: body.assignmentId ? asId<AssignmentId>(body.assignmentId) : null,
    });
    return presentLog(log);
  }

  @Post('logs/:logId/comments')
  @Access([...TEACHING], TEACH)
  @Endpoint({ summary: 'Comment on a practice log', response: PracticeLog, problems: [{ status: 404, code: 'PRACTICE.LOG_NOT_FOUND', when: 'Not a log of a student the caller teaches.' }] })
  async comment(@CurrentPrincipal() principal: Principal, @Param(validate(PracticeLogIdParam)) params: PracticeLogIdParam, @Body(validate(CommentOnPracticeRequest)) body: CommentOnPracticeRequest): Promise<PracticeLog> {
    return presentLog(await this.commentOnPractice.execute(actorOf(principal), asId<PracticeLogId>(params.logId), body.body));
  }

  @Get('scale')
  @Access([...EVERYONE], 'everyone of the school: it names the levels on a progress page')
  @Endpoint({ summary: 'The school’s progress scale, lowest level first', response: ProgressScale })
  async scale(): Promise<ProgressScale> {
    return this.getScale.execute();
  }

  @Put('scale')
  @Access(['admin'])
  @Endpoint({ summary: 'Set the school’s progress scale: its name and levels in order', response: ProgressScale, problems: [{ status: 409, code: 'PRACTICE.LEVEL_IN_USE', when: 'A level removed is recorded for a student.' }] })
  async putScale(@CurrentPrincipal() principal: Principal, @Body(validate(SaveProgressScaleRequest)) body: SaveProgressScaleRequest): Promise<ProgressScale> {
    return this.saveScale.execute(actorOf(principal), { name: body.name, levels: body.levels.map((l) => ({ id: l.id ? asId<ProgressLevelId>(l.id) : undefined, name: l.name })) });
  }

  @Get('students/:studentId/progress')
  @Access([...EVERYONE], SEE)
  @Endpoint({ summary: 'A student’s progress: practice per week, attendance, assignments, levels over time, targets', response: StudentProgress, problems: [notTheirs] })
  async progress(@CurrentPrincipal() principal: Principal, @Param(validate(StudentIdParam)) params: StudentIdParam): Promise<StudentProgress> {
    return presentProgress(params.studentId, await this.getProgress.execute(actorOf(principal), studentId(params)));
  }

  @Post('students/:studentId/achievements')
  @Access([...TEACHING], TEACH)
  @Endpoint({ summary: 'Record a level a student reached', response: Achievement, problems: [notTheirs] })
  async achievement(@CurrentPrincipal() principal: Principal, @Param(validate(StudentIdParam)) params: StudentIdParam, @Body(validate(RecordAchievementRequest)) body: RecordAchievementRequest): Promise<Achievement> {
    const actor = actorOf(principal);
    const levelId = asId<ProgressLevelId>(body.levelId);
    const recorded = await this.recordAchievement.execute(actor, studentId(params), { levelId, achievedOn: body.achievedOn, piece: body.piece || null, note: body.note || null });
    const level = (await this.getScale.execute()).levels.find((l) => l.id === levelId);
    return presentAchievement(recorded, level?.name ?? '');
  }

  @Post('students/:studentId/targets')
  @Access([...TEACHING], TEACH)
  @Endpoint({ summary: 'Set a target for a student (due today or later)', response: ProgressTarget, problems: [notTheirs] })
  async target(@CurrentPrincipal() principal: Principal, @Param(validate(StudentIdParam)) params: StudentIdParam, @Body(validate(SetProgressTargetRequest)) body: SetProgressTargetRequest): Promise<ProgressTarget> {
    const set = await this.setTarget.execute(actorOf(principal), studentId(params), { levelId: body.levelId ? asId<ProgressLevelId>(body.levelId) : null, description: body.description, dueOn: body.dueOn });
    return presentTarget(set);
  }
}
