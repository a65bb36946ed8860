import { AuditTrail, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import { LessonType } from '../model/lesson-type.js';
import { LessonTypeRepository } from '../ports/index.js';

export class CreateLessonType {
  constructor(
    private readonly lessonTypes: LessonTypeRepository,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { name: string; durationMinutes: number; format: string; rateMinor?: number | null }): Promise<LessonType> {
    requireAdmin(actor);
    const type = LessonType.create({ ...input, schoolId: actor.schoolId });
    await this.uow.run(async () => {
      await this.lessonTypes.add(type);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'scheduling.lesson_type.created', entityType: 'lesson_type', entityId: type.id, after: type.snapshot() });
    });
    return type;
  }
}

export class ListLessonTypes {
  constructor(private readonly lessonTypes: LessonTypeRepository) {}

  async execute(_actor: Actor): Promise<LessonType[]> {
    return (await this.lessonTypes.list()).sort((a, b) => a.name.localeCompare(b.name));
  }
}
