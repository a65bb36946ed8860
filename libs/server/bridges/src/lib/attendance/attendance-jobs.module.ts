import { type DynamicModule, Module } from '@nestjs/common';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { backgroundJobsModule } from '../background-jobs.js';
import { AttendanceJobs } from './attendance-jobs.js';

/** Attendance's background jobs; `attendance` is attendance's module without its controllers, built by the app. */
@Module({})
export class AttendanceJobsModule {
  static register(options: { attendance: DynamicModule }): DynamicModule {
    return backgroundJobsModule(AttendanceJobsModule, AttendanceJobs, [IdentityMikroOrmModule, options.attendance]);
  }
}
