import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { currentSchool, schoolRows } from '@cadenza/server/platform/db';
import { FamilyRepository, SchoolRepository } from '@cadenza/server/identity/domain';
import { SchoolDirectory, type DirectoryPerson } from '@cadenza/server/scheduling/domain';
import { asId, type UserId } from '@cadenza/shared/kernel';
import { DIRECTORY_PEOPLE } from '../statements.js';

const MAX_ZONES = 10_000;
const ZONE_TTL_MS = 5_000;

/**
 * What scheduling needs to know about people, answered from the identity context.
 * Contexts never import each other; the app, which knows both, joins them here.
 */
@Injectable()
export class IdentitySchoolDirectory extends SchoolDirectory {
  /**
   * Schools' time zones, by school, each kept for ZONE_TTL_MS: every booking and free-slot search asks for
   * the zone, and it changes only when an admin changes the school's settings. It decides only the soft
   * checks' local dates (terms, closures, availability), never the hard ones the exclusion constraints guard,
   * and those reads take no lock anyway; a changed zone is in force everywhere within ZONE_TTL_MS.
   */
  private readonly zones = new Map<string, { zone: string; until: number }>();

  constructor(
    private readonly em: EntityManager,
    private readonly schools: SchoolRepository,
    private readonly families: FamilyRepository,
  ) {
    super();
  }

  async timeZone(): Promise<string> {
    const school = currentSchool(this.em);
    const now = performance.now();
    const known = this.zones.get(school);
    if (known && known.until > now) return known.zone;
    const { timeZone } = await this.schools.current();
    if (this.zones.size >= MAX_ZONES) this.zones.clear();
    this.zones.set(school, { zone: timeZone, until: now + ZONE_TTL_MS });
    return timeZone;
  }

  async person(id: UserId): Promise<DirectoryPerson | null> {
    const [one] = await this.people([id]);
    return one ?? null;
  }

  /**
   * A prepared statement over identity's `users` table, in the school in force: every booking and free-slot
   * search checks its people here, and only their ids, roles and names are needed, not whole accounts.
   */
  async people(ids: readonly UserId[]): Promise<DirectoryPerson[]> {
    if (ids.length === 0) return [];
    const rows = await schoolRows(this.em, DIRECTORY_PEOPLE, [`{${[...new Set(ids)].join(',')}}`]);
    return rows.map((row) => ({ id: asId<UserId>(row.id), roles: [...row.roles], name: row.name, archived: row.archived }));
  }

  async guardianAccess(parentId: UserId, studentId: UserId): Promise<'view' | 'full' | null> {
    let best: 'view' | 'full' | null = null;
    for (const family of await this.families.ofChild(studentId)) {
      const level = family.accessOf(parentId, studentId);
      if (level === 'full') return 'full';
      best ??= level;
    }
    return best;
  }

  /** Identity's guardian access, for many students in one read (the socket's lesson audiences ask it per relay batch). */
  guardiansOf(studentIds: readonly UserId[]): Promise<Map<UserId, UserId[]>> {
    return this.families.guardiansOfChildren(studentIds);
  }

  async childrenOf(parentId: UserId): Promise<{ studentId: UserId; access: 'view' | 'full' }[]> {
    const children = new Map<UserId, 'view' | 'full'>();
    for (const family of await this.families.ofGuardian(parentId)) {
      for (const child of family.childIds) {
        const level = family.accessOf(parentId, child);
        if (level && children.get(child) !== 'full') children.set(child, level);
      }
    }
    return [...children].map(([studentId, access]) => ({ studentId, access }));
  }
}
