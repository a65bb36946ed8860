import type { Actor, SchoolId } from '@cadenza/shared/kernel';
import type { ImportKind } from '../model/import-kinds.js';
import type { ImportProblem } from '../model/import-rows.js';
import { RowProblems } from '../model/row-problems.js';
import type { ImportGroup } from '../model/row-checks.js';
import { ImportProgress, type ImportProgressState } from '../ports/import-progress.js';
import { ImportTargets, type GroupOutcome, type ImportWriter } from '../ports/import-targets.js';

/**
 * The school's records as plain maps, written as the real targets write them: people by email with their roles,
 * families by their students, rooms and terms by name, weekly lessons by teacher, weekday and time. Enough for the
 * use case's specs; the real rules are the owning contexts' and are held by the api tests.
 */
export class InMemoryImportTargets extends ImportTargets {
  readonly people = new Map<string, { name: string; roles: string[] }>();
  readonly families = new Map<string, string[]>();
  readonly rooms = new Map<string, { name: string; capacity: number }>();
  readonly terms = new Set<string>();
  readonly lessons: { teacher: string; student: string; weekday: number; startTime: string; term: string }[] = [];
  opened = 0;

  async timeZone(): Promise<string> {
    return 'Europe/London';
  }

  async open(_actor: Actor, _kind: ImportKind, _runId: string): Promise<ImportWriter> {
    this.opened += 1;
    return { write: (group) => this.write(group) };
  }

  private async write(group: ImportGroup): Promise<GroupOutcome> {
    const problems: ImportProblem[] = [];
    const refuse = (row: number, field: string, message: string) => problems.push({ row, field, column: null, code: 'TEST.REFUSED', message });
    const person = (email: string, role: string, row: number, field: string): 'new' | 'there' | 'other' => {
      const found = this.people.get(email);
      if (!found) return 'new';
      if (found.roles.includes(role)) return 'there';
      refuse(row, field, `${email} belongs to someone else.`);
      return 'other';
    };
    switch (group.kind) {
      case 'families': {
        const fresh = group.rows.filter((r) => person(r.student.email, 'student', r.row, 'student_email') === 'new');
        const guardians = group.rows.flatMap((r) => r.guardians.map((g) => ({ ...g, state: person(g.email, 'parent', r.row, g.field) })));
        if (problems.length) throw new RowProblems(problems);
        if (fresh.length === 0) return 'unchanged';
        for (const r of fresh) this.people.set(r.student.email, { name: r.student.name, roles: ['student'] });
        for (const g of guardians) if (g.state === 'new') this.people.set(g.email, { name: g.name, roles: ['parent'] });
        this.families.set(group.familyRef, group.rows.map((r) => r.student.email));
        return 'created';
      }
      case 'teachers': {
        const [r] = group.rows;
        const state = person(r.email, r.role, r.row, 'email');
        if (problems.length) throw new RowProblems(problems);
        if (state === 'there') return 'unchanged';
        this.people.set(r.email, { name: r.name, roles: [r.role] });
        return 'created';
      }
      case 'rooms': {
        const [r] = group.rows;
        if (this.rooms.has(r.name.toLowerCase())) return 'unchanged';
        this.rooms.set(r.name.toLowerCase(), { name: r.name, capacity: r.capacity });
        return 'created';
      }
      case 'lessons': {
        const [r] = group.rows;
        if (!this.people.get(r.teacherEmail)?.roles.includes('teacher')) refuse(r.row, 'teacher_email', `No teacher has the email ${r.teacherEmail}.`);
        if (!this.people.get(r.studentEmail)?.roles.includes('student')) refuse(r.row, 'student_email', `No student has the email ${r.studentEmail}.`);
        if (r.room && !this.rooms.has(r.room.toLowerCase())) refuse(r.row, 'room', `No room is called "${r.room}".`);
        if (!this.terms.has(r.term)) refuse(r.row, 'term', `No term is called "${r.term}".`);
        const same = (l: (typeof this.lessons)[number]) => l.weekday === r.weekday && l.startTime === r.startTime && l.term === r.term;
        if (this.lessons.some((l) => same(l) && l.teacher === r.teacherEmail && l.student === r.studentEmail)) return 'unchanged';
        if (this.lessons.some((l) => same(l) && (l.teacher === r.teacherEmail || l.student === r.studentEmail))) refuse(r.row, 'start_time', 'This lesson clashes with another.');
        if (problems.length) throw new RowProblems(problems);
        this.lessons.push({ teacher: r.teacherEmail, student: r.studentEmail, weekday: r.weekday, startTime: r.startTime, term: r.term });
        return 'created';
      }
    }
  }
}

export class InMemoryImportProgress extends ImportProgress {
  readonly reports: ImportProgressState[] = [];

  report(state: ImportProgressState): void {
    this.reports.push({ ...state });
  }

  read(schoolId: SchoolId, runId: string): ImportProgressState | null {
    return [...this.reports].reverse().find((r) => r.schoolId === schoolId && r.runId === runId) ?? null;
  }
}
