import { AuditTrail, DomainError, UnitOfWork, type Actor } from '@cadenza/shared/kernel';
import { requireAdmin } from '../model/actor.js';
import type { RoomId } from '../model/ids.js';
import { Room } from '../model/room.js';
import { RoomRepository } from '../ports/index.js';
import { auditedWrite } from './audited-write.js';

export class CreateRoom {
  constructor(
    private readonly rooms: RoomRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { name: string; capacity: number; features?: readonly string[] }): Promise<Room> {
    requireAdmin(actor);
    const room = Room.create({ ...input, schoolId: actor.schoolId });
    await auditedWrite(this, actor, { action: 'scheduling.room.created', entityType: 'room', entityId: room.id, after: room.snapshot() }, () => this.rooms.add(room));
    return room;
  }
}

export class UpdateRoom {
  constructor(
    private readonly rooms: RoomRepository,
    readonly audit: AuditTrail,
    readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { roomId: RoomId; name?: string; capacity?: number; features?: readonly string[]; active?: boolean }): Promise<Room> {
    requireAdmin(actor);
    const room = await this.rooms.byId(input.roomId);
    if (!room) throw DomainError.notFound('SCHEDULING.ROOM_NOT_FOUND', 'The room');
    const before = room.snapshot();
    room.update(input);
    await auditedWrite(this, actor, { action: 'scheduling.room.updated', entityType: 'room', entityId: room.id, before, after: room.snapshot() }, () => this.rooms.update(room));
    return room;
  }
}

/**
 * Everyone in the school sees its rooms (staff to plan; families because their lessons say
 * where they are); inactive ones only when asked, for the lessons still placed in them.
 */
export class ListRooms {
  constructor(private readonly rooms: RoomRepository) {}

  async execute(_actor: Actor, input: { includeInactive?: boolean } = {}): Promise<Room[]> {
    return this.rooms.list({ activeOnly: !input.includeInactive });
  }
}
