import { Injectable, Module } from '@nestjs/common';
import { AttendanceSchool } from '@cadenza/server/attendance/domain';
import { SchoolRepository } from '@cadenza/server/identity/domain';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';

/** Attendance's school, answered by identity's: its time zone, read in the unit of work that asks. */
@Injectable()
export class IdentityAttendanceSchool extends AttendanceSchool {
  constructor(private readonly schools: SchoolRepository) {
    super();
  }

  async timeZone(): Promise<string> {
    return (await this.schools.current()).timeZone;
  }
}

/** What attendance needs of other contexts, for the app to pass among its adapters. */
@Module({
  imports: [IdentityMikroOrmModule],
  providers: [{ provide: AttendanceSchool, useClass: IdentityAttendanceSchool }],
  exports: [AttendanceSchool],
})
export class AttendanceSchoolModule {}
