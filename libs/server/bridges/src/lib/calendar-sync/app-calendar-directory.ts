import { Injectable } from '@nestjs/common';
import { CalendarDirectory, FeedSecrets, type RoomId } from '@cadenza/server/calendar-sync/domain';
import { FamilyRepository, SchoolRepository, SecretTokens, UserRepository } from '@cadenza/server/identity/domain';
import { RoomRepository } from '@cadenza/server/scheduling/domain';
import type { UserId } from '@cadenza/shared/kernel';

/**
 * What calendar sync reads of other contexts, for the school in force: identity's school (its zone), people (names,
 * whether they left) and families (a guardian's children, whatever their access), and scheduling's rooms' names.
 */
@Injectable()
export class AppCalendarDirectory extends CalendarDirectory {
  constructor(
    private readonly schools: SchoolRepository,
    private readonly users: UserRepository,
    private readonly families: FamilyRepository,
    private readonly rooms: RoomRepository,
  ) {
    super();
  }

  async timeZone(): Promise<string> {
    return (await this.schools.current()).timeZone;
  }

  async activePerson(id: UserId): Promise<{ name: string; email: string | null } | null> {
    const user = await this.users.byId(id);
    return user && !user.archived ? { name: user.name, email: user.email ?? null } : null;
  }

  async childrenOf(guardianId: UserId): Promise<UserId[]> {
    const children = new Set<UserId>();
    for (const family of await this.families.ofGuardian(guardianId)) {
      for (const child of family.childIds) if (family.accessOf(guardianId, child)) children.add(child);
    }
    return [...children];
  }

  async names(ids: readonly UserId[]): Promise<Map<UserId, string>> {
    if (ids.length === 0) return new Map();
    return new Map((await this.users.byIds([...new Set(ids)])).map((u) => [u.id, u.name]));
  }

  async roomNames(ids: readonly RoomId[]): Promise<Map<RoomId, string>> {
    if (ids.length === 0) return new Map();
    const wanted = new Set<string>(ids);
    return new Map((await this.rooms.list()).filter((room) => wanted.has(room.id)).map((room) => [room.id, room.name]));
  }
}

/** Feed tokens as identity makes its secret tokens: 256 random bits, kept as their SHA-256. */
@Injectable()
export class IdentityFeedSecrets extends FeedSecrets {
  constructor(private readonly tokens: SecretTokens) {
    super();
  }

  generate(): string {
    return this.tokens.generate();
  }

  digest(token: string): string {
    return this.tokens.digest(token);
  }
}
