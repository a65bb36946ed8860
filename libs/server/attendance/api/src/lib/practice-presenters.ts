import type { Achievement as DomainAchievement, Assignment as DomainAssignment, PracticeLog as DomainLog, ProgressTarget as DomainTarget, StudentProgress as DomainProgress, StudentViewer } from '@cadenza/server/attendance/domain';
import type { Achievement, Assignment, PracticeLog, ProgressTarget, StudentProgress } from '@cadenza/shared/contracts';

export const presentViewer = (viewer: StudentViewer) => ({ canLog: viewer.canLog, canTeach: viewer.canTeach });

export function presentAssignment(a: DomainAssignment): Assignment {
  return {
    id: a.id,
    studentId: a.studentId,
    setBy: a.setBy,
    title: a.title,
    description: a.description,
    dueOn: a.dueOn,
    pieces: [...a.pieces],
    links: [...a.links],
    setAt: a.setAt.toISOString(),
    done: a.doneAt !== null,
    doneAt: a.doneAt?.toISOString() ?? null,
  };
}

export function presentLog(log: DomainLog): PracticeLog {
  return {
    id: log.id,
    studentId: log.studentId,
    assignmentId: log.assignmentId,
    practisedOn: log.practisedOn,
    minutes: log.minutes,
    note: log.note,
    loggedBy: log.loggedBy,
    loggedAt: log.loggedAt.toISOString(),
    comments: log.comments.map((c) => ({ id: c.id, authorId: c.authorId, body: c.body, at: c.at.toISOString() })),
  };
}

export function presentAchievement(a: DomainAchievement, levelName: string): Achievement {
  return { id: a.id, studentId: a.studentId, levelId: a.levelId, levelName, achievedOn: a.achievedOn, piece: a.piece, note: a.note, recordedBy: a.recordedBy };
}

export function presentTarget(t: DomainTarget): ProgressTarget {
  return { id: t.id, studentId: t.studentId, levelId: t.levelId, description: t.description, dueOn: t.dueOn, recordedBy: t.recordedBy };
}

export function presentProgress(studentId: string, p: DomainProgress): StudentProgress {
  const names = new Map(p.scale.levels.map((l) => [l.id, l.name]));
  return {
    studentId,
    today: p.today,
    viewer: presentViewer(p.viewer),
    practiceWeeks: p.practiceWeeks.map((w) => ({ ...w })),
    attendance: { ...p.attendance },
    assignments: { ...p.assignments },
    scale: { name: p.scale.name, levels: p.scale.levels.map((l) => ({ ...l })) },
    currentLevel: p.currentLevel ? { ...p.currentLevel } : null,
    achievements: p.achievements.map((a) => presentAchievement(a, names.get(a.levelId) ?? '')),
    targets: p.targets.map(presentTarget),
  };
}
