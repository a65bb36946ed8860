import { Injectable } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { schoolRows } from '@cadenza/server/platform/db';
import { asId, type SchoolId } from '@cadenza/shared/kernel';
import { Room, RoomRepository, type RoomId } from '@cadenza/server/scheduling/domain';
import { RoomSchema } from './entities.js';
import { NO_MAP } from './rows.js';
import { ROOM_BY_ID } from './statements.js';

@Injectable()
export class MikroOrmRoomRepository extends RoomRepository {
  constructor(private readonly em: EntityManager) {
    super();
  }
  async add(room: Room): Promise<void> {
    await this.em.insert(RoomSchema, room.snapshot());
  }
  async update(room: Room): Promise<void> {
    const { id, ...rest } = room.snapshot();
    await this.em.nativeUpdate(RoomSchema, { id }, rest);
  }
  async byId(id: RoomId): Promise<Room | null> {
    // Hand-shaped: every booking with a room checks it, where the ORM's overhead outweighs the query.
    const [row] = await schoolRows(this.em, ROOM_BY_ID, [id]);
    return row ? Room.restore({ ...row, id: asId<RoomId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }) : null;
  }
  async list(filter: { activeOnly?: boolean } = {}): Promise<Room[]> {
    const rows = await this.em.find(RoomSchema, filter.activeOnly ? { active: true } : {}, { ...NO_MAP, orderBy: { name: 'asc' } });
    return rows.map((row) => Room.restore({ ...row, id: asId<RoomId>(row.id), schoolId: asId<SchoolId>(row.schoolId) }));
  }
}
