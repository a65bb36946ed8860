import { Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EntityManager } from '@mikro-orm/postgresql';
import { CoalescingRunner } from '@cadenza/server/platform/background';
import { enterSchool, inOwnContext } from '@cadenza/server/platform/db';
import { RealtimePresence, RealtimeRooms } from '@cadenza/server/platform/realtime';
import { ComputeDashboardCounters, DashboardReadModel, type DashboardCounters } from '@cadenza/server/reporting/domain';
import { safeguardingRecipients } from '@cadenza/server/messaging/domain';
import { REALTIME_EVENTS } from '@cadenza/shared/contracts';
import { Clock, MINUTE, type UserId } from '@cadenza/shared/kernel';

/** How long after each minute's turn the tick runs: lessons start and end on the minute. */
const TICK_OFFSET_MS = 500;

/**
 * Time alone changes an admin's "lessons in progress" and "free rooms now": no event tells of
 * a lesson starting or ending. Once a minute, just after the minute turns, each api process
 * recomputes the counters of the admins connected to it (read from socket.io's rooms, so a
 * school with nobody watching costs nothing) and pushes them to its own sockets.
 */
@Injectable()
export class AdminCountersTicker implements OnApplicationBootstrap, OnModuleDestroy {
  /** One tick at a time, each just after the next minute turns, whether the last one succeeded or not. */
  private readonly runner = new CoalescingRunner({
    name: 'admin counters tick',
    logger: new Logger('AdminCountersTicker'),
    pass: async () => {
      await this.tick();
      return this.untilNextMinute();
    },
    afterFailureMs: () => this.untilNextMinute(),
  });

  constructor(
    private readonly em: EntityManager,
    private readonly presence: RealtimePresence,
    private readonly readModel: DashboardReadModel,
    private readonly compute: ComputeDashboardCounters,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.runner.start(this.untilNextMinute());
  }

  async onModuleDestroy(): Promise<void> {
    await this.runner.stop();
  }

  /** Pushes fresh counters to every admin connected here; how many admins it pushed to. */
  async tick(): Promise<number> {
    let pushed = 0;
    for (const [schoolId, userIds] of this.presence.localAdmins()) {
      const counters = await inOwnContext(this.em, async () => {
        enterSchool(this.em, schoolId);
        // One read of the school's admins a tick: those connected here, and who among them receives the flags.
        const admins = await this.readModel.admins();
        const connected = admins.filter((admin) => userIds.has(admin.id));
        if (connected.length === 0) return new Map<UserId, DashboardCounters>();
        return this.compute.execute(connected, { flagRecipients: safeguardingRecipients(admins).map((admin) => admin.id) });
      });
      for (const [userId, payload] of counters) {
        this.presence.emitLocal(RealtimeRooms.user(userId), REALTIME_EVENTS.countersUpdated, payload);
        pushed++;
      }
    }
    return pushed;
  }

  /** Milliseconds until just after the next minute turns. */
  private untilNextMinute(): number {
    const now = this.clock.now().getTime();
    return MINUTE - (now % MINUTE) + TICK_OFFSET_MS;
  }
}
