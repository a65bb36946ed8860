import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { PeopleSearch, type PeopleSearchQuery, type PersonListing, type Role } from '@cadenza/server/identity/domain';
import { schoolRows } from '@cadenza/server/platform/db';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { PEOPLE_PAGE } from '../statements.js';

/** A `like` pattern holding the text anywhere, its own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * identity's people list over identity's users and scheduling's lessons (who teaches whom), in one statement
 * bound to the school in force (`PEOPLE_PAGE`).
 */
@Injectable()
export class SqlPeopleSearch extends PeopleSearch {
  constructor(private readonly em: EntityManager) {
    super();
  }

  async search(q: PeopleSearchQuery): Promise<{ total: number; people: PersonListing[] }> {
    const [row] = await schoolRows(this.em, PEOPLE_PAGE, [
      q.kind,
      q.taughtBy,
      q.teachingWindow.start,
      q.teachingWindow.end,
      q.text === null ? null : containsPattern(q.text),
      q.status,
      q.minors,
      q.adultsBornBy,
      q.sort,
      q.direction,
      q.offset,
      q.limit,
      q.instrument === null ? null : containsPattern(q.instrument),
    ]);
    return {
      total: Number(row?.total ?? 0),
      people: (row?.items ?? []).map((p) => ({
        id: asId<UserId>(p.id),
        name: p.name,
        email: p.email,
        roles: p.roles as Role[],
        dateOfBirth: p.date_of_birth,
        leftSchoolOn: p.left_school_on,
        teachers: p.teachers.map((t) => ({ id: asId<UserId>(t.id), name: t.name })),
      })),
    };
  }
}
