import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { StudentProfile, StudentProfileRepository } from '@cadenza/server/identity/domain';
import { type UserId } from '@cadenza/shared/kernel';
import { StudentProfileSchema } from './entities.js';
import { fromStudentProfile, toStudentProfile } from './mappers.js';

@Injectable()
export class MikroOrmStudentProfileRepository extends StudentProfileRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async byStudent(studentId: UserId): Promise<StudentProfile | null> {
    const row = await this.em.findOne(StudentProfileSchema, { userId: studentId }, { disableIdentityMap: true });
    return row ? toStudentProfile(row) : null;
  }
  async save(profile: StudentProfile): Promise<void> {
    await this.em.upsert(StudentProfileSchema, fromStudentProfile(profile), { onConflictFields: ['userId'], onConflictAction: 'merge' });
  }
}
