import { newId, type UserId } from '@cadenza/shared/kernel';
import { SnapshotUnitOfWork } from '@cadenza/shared/kernel/testing';
import type { LessonId } from '../model/ids.js';
import { attendanceAlertsContract } from './attendance-alerts.contract.js';
import { attendedLessonsContract } from './attended-lessons.contract.js';
import { InMemoryAttendanceAlerts, InMemoryAttendedLessons, InMemoryRegisters } from './in-memory.js';
import { registersContract } from './registers.contract.js';
import { practiceContract } from './practice.contract.js';
import { inMemoryAttendancePorts } from './attendance-world.js';

registersContract('in-memory fake', async () => {
  const registers = new InMemoryRegisters();
  const uow = new SnapshotUnitOfWork([registers]);
  return {
    registers,
    unit: (work) => uow.run(work),
    seed: { lessonIds: Array.from({ length: 3 }, () => newId<LessonId>()), studentIds: [newId<UserId>(), newId<UserId>()], markerId: newId<UserId>() },
  };
});

attendedLessonsContract('in-memory fake', async () => ({ lessons: new InMemoryAttendedLessons(), people: Array.from({ length: 4 }, () => newId<UserId>()) }));

practiceContract('in-memory fakes', async () => {
  const ports = inMemoryAttendancePorts();
  return { ...ports, people: Array.from({ length: 4 }, () => newId<UserId>()), unit: (work) => ports.uow.run(work) };
});

attendanceAlertsContract('in-memory fake', async () => {
  const alerts = new InMemoryAttendanceAlerts();
  const uow = new SnapshotUnitOfWork([alerts]);
  return { alerts, unit: (work) => uow.run(work) };
});
