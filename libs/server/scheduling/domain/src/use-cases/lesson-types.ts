import { AuditTrail, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import type { LessonTypeId } from '../model/ids.js';
import { LessonType } from '../model/lesson-type.js';
import { LessonRepository, LessonTypeRepository } from '../ports/index.js';
import { auditedWrite } from './audited-write.js';

async function existingType(types: LessonTypeRepository, id: LessonTypeId): Promise<LessonType> {
  const type = await types.byId(id);
  if (!type) throw DomainError.notFound('SCHEDULING.LESSON_TYPE_NOT_FOUND', 'The lesson type');
  return type;
}

export class CreateLessonType {
  constructor(
    private readonly lessonTypes: LessonTypeRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { name: string; durationMinutes: number; format: string; rateMinor?: number | null }): Promise<LessonType> {
    requireAdmin(actor);
    const type = LessonType.create({ ...input, schoolId: actor.schoolId });
    await auditedWrite(this, actor, { action: 'scheduling.lesson_type.created', entityType: 'lesson_type', entityId: type.id, after: type.snapshot() }, () => this.lessonTypes.add(type));
    return type;
  }
}

/**
 * Changes a lesson type. Lessons keep their own times, so a new duration applies to lessons booked from now on;
 * a new rate is what billing reads for the lessons it prices next.
 */
export class UpdateLessonType {
  constructor(
    private readonly lessonTypes: LessonTypeRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { typeId: LessonTypeId; name?: string; durationMinutes?: number; format?: string; rateMinor?: number | null }): Promise<LessonType> {
    requireAdmin(actor);
    const type = await existingType(this.lessonTypes, input.typeId);
    const before = type.snapshot();
    type.change(input);
    await auditedWrite(this, actor, { action: 'scheduling.lesson_type.updated', entityType: 'lesson_type', entityId: type.id, before, after: type.snapshot() }, () => this.lessonTypes.update(type));
    return type;
  }
}

/** Removes a lesson type no lesson or series uses. */
export class RemoveLessonType {
  constructor(
    private readonly lessonTypes: LessonTypeRepository,
    private readonly lessons: LessonRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { typeId: LessonTypeId }): Promise<void> {
    requireAdmin(actor);
    const type = await existingType(this.lessonTypes, input.typeId);
    const uses = await this.lessons.countOfType(type.id);
    if (uses > 0) {
      throw new DomainError('SCHEDULING.LESSON_TYPE_IN_USE', 'conflict', `${type.name} is the type of ${uses === 1 ? 'a lesson' : `${uses} lessons and series`}, whose history keeps it: it cannot be removed. Rename or change it instead.`);
    }
    await auditedWrite(this, actor, { action: 'scheduling.lesson_type.removed', entityType: 'lesson_type', entityId: type.id, before: type.snapshot() }, () => this.lessonTypes.remove(type.id));
  }
}

export class ListLessonTypes {
  constructor(private readonly lessonTypes: LessonTypeRepository) {}

  async execute(_actor: Actor): Promise<LessonType[]> {
    return (await this.lessonTypes.list()).sort((a, b) => a.name.localeCompare(b.name));
  }
}
