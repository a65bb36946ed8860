import { AuditTrail, DomainError, UnitOfWork, type UserId, type Actor } from '@cadenza/shared/kernel';
import { forbidden, hasRole, isAdmin } from '../model/actor.js';
import { Availability, type AvailabilityException, type AvailabilityWindow } from '../model/availability.js';
import { AvailabilityRepository, SchoolDirectory } from '../ports/index.js';

/** Teachers and accompanists manage their own availability; admins anyone's. */
async function requireManage(actor: Actor, personId: UserId, directory: SchoolDirectory): Promise<void> {
  if (!isAdmin(actor) && !(hasRole(actor, 'teacher', 'accompanist') && actor.userId === personId)) {
    throw forbidden('You can only change your own availability.');
  }
  const person = await directory.person(personId);
  if (!person) throw new DomainError('SCHEDULING.PERSON_NOT_FOUND', 'not_found', 'The person was not found.');
}

async function load(availability: AvailabilityRepository, actor: Actor, personId: UserId): Promise<Availability> {
  return (await availability.of(personId)) ?? Availability.empty(actor.schoolId, personId);
}

export class SetAvailability {
  constructor(
    private readonly availability: AvailabilityRepository,
    private readonly directory: SchoolDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(actor: Actor, input: { personId: UserId; windows: readonly AvailabilityWindow[]; bufferMinutes?: number }): Promise<Availability> {
    await requireManage(actor, input.personId, this.directory);
    const availability = await load(this.availability, actor, input.personId);
    const before = availability.snapshot();
    availability.setWeekly(input.windows, input.bufferMinutes ?? 0);
    await this.uow.run(async () => {
      await this.availability.save(availability);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'scheduling.availability.set', entityType: 'availability', entityId: input.personId, before, after: availability.snapshot() });
    });
    return availability;
  }
}

export class AddAvailabilityException {
  constructor(
    private readonly availability: AvailabilityRepository,
    private readonly directory: SchoolDirectory,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
  ) {}

  async execute(
    actor: Actor,
    input: { personId: UserId; date: string; kind: string; startTime?: string | null; endTime?: string | null; reason?: string | null },
  ): Promise<AvailabilityException> {
    await requireManage(actor, input.personId, this.directory);
    const availability = await load(this.availability, actor, input.personId);
    const exception = availability.addException(input);
    await this.uow.run(async () => {
      await this.availability.save(availability);
      await this.audit.record({ schoolId: actor.schoolId, actorId: actor.userId, action: 'scheduling.availability.exception_added', entityType: 'availability', entityId: input.personId, after: exception });
    });
    return exception;
  }
}

/** Staff read anyone's availability (to plan); others only their own. A person who never set it has none. */
export class GetAvailability {
  constructor(private readonly availability: AvailabilityRepository) {}

  async execute(actor: Actor, input: { personId: UserId }): Promise<Availability> {
    if (!hasRole(actor, 'admin', 'teacher', 'accompanist') && actor.userId !== input.personId) throw forbidden();
    return load(this.availability, actor, input.personId);
  }
}
