import { Injectable } from '@nestjs/common';
import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/postgresql';
import { ACROSS_SCHOOLS } from '@cadenza/server/platform/db';
import { DomainError, type UserId } from '@cadenza/shared/kernel';
import { User, UserRepository } from '@cadenza/server/identity/domain';
import { UserSchema } from './entities.js';
import { toUser } from './mappers.js';

@Injectable()
export class MikroOrmUserRepository extends UserRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(user: User): Promise<void> {
    try {
      await this.em.insert(UserSchema, user.snapshot());
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw emailTaken();
      throw error;
    }
  }
  async update(user: User): Promise<void> {
    const { id, schoolId, createdAt: _created, ...rest } = user.snapshot();
    // Scoped by the aggregate's own school: it was read under the caller's school, or
    // (accepting an invitation, resetting a password) through a token that named it.
    try {
      await this.em.nativeUpdate(UserSchema, { id, schoolId }, rest, ACROSS_SCHOOLS);
    } catch (error) {
      // An email given to someone recorded without one (an invitation accepted) may meet another account's.
      if (error instanceof UniqueConstraintViolationException) throw emailTaken();
      throw error;
    }
  }
  async byId(id: UserId): Promise<User | null> {
    const row = await this.em.findOne(UserSchema, { id }, { disableIdentityMap: true });
    return row ? toUser(row) : null;
  }
  async byIdAcrossSchools(id: UserId): Promise<User | null> {
    const row = await this.em.findOne(UserSchema, { id }, { ...ACROSS_SCHOOLS, disableIdentityMap: true });
    return row ? toUser(row) : null;
  }
  async byEmailAcrossSchools(email: string): Promise<User | null> {
    const row = await this.em.findOne(UserSchema, { email: email.toLowerCase() }, { ...ACROSS_SCHOOLS, disableIdentityMap: true });
    return row ? toUser(row) : null;
  }
  async emailTaken(email: string): Promise<boolean> {
    return (await this.em.count(UserSchema, { email: email.toLowerCase() }, ACROSS_SCHOOLS)) > 0;
  }
  async list(filter: { role?: string; archived?: boolean }): Promise<User[]> {
    const where = {
      ...(filter.role ? { roles: { $contains: [filter.role] } } : {}),
      ...(filter.archived === undefined ? {} : { leftSchoolOn: filter.archived ? { $ne: null } : null }),
    };
    const rows = await this.em.find(UserSchema, where, { orderBy: { name: 'asc', id: 'asc' }, disableIdentityMap: true });
    return rows.map(toUser);
  }
  async byIds(ids: readonly UserId[]): Promise<User[]> {
    if (ids.length === 0) {
      return [];
    }
    const rows = await this.em.find(UserSchema, { id: { $in: [...ids] } }, { orderBy: { name: 'asc' }, disableIdentityMap: true });
    return rows.map(toUser);
  }
}

const emailTaken = () =>
  new DomainError('IDENTITY.EMAIL_TAKEN', 'conflict', 'Someone already has an account with this email.', {
    fields: [{ field: 'email', message: 'This email already has an account.' }],
  });
