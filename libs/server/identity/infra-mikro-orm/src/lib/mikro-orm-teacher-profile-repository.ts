import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { TeacherProfile, TeacherProfileRepository } from '@cadenza/server/identity/domain';
import { type UserId } from '@cadenza/shared/kernel';
import { TeacherProfileSchema } from './entities.js';
import { toTeacherProfile } from './mappers.js';

@Injectable()
export class MikroOrmTeacherProfileRepository extends TeacherProfileRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async byTeacher(teacherId: UserId): Promise<TeacherProfile | null> {
    const row = await this.em.findOne(TeacherProfileSchema, { userId: teacherId }, { disableIdentityMap: true });
    return row ? toTeacherProfile(row) : null;
  }
  async save(profile: TeacherProfile): Promise<void> {
    await this.em.upsert(TeacherProfileSchema, profile.snapshot(), { onConflictFields: ['userId'], onConflictAction: 'merge' });
  }
}
