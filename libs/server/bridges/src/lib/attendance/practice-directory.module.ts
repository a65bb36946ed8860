import { Module } from '@nestjs/common';
import { PracticeDirectory } from '@cadenza/server/attendance/domain';
import { IdentityMikroOrmModule } from '@cadenza/server/identity/infra-mikro-orm';
import { IdentityPracticeDirectory } from './identity-practice-directory.js';

/** Attendance's practice directory (zone, guardians, names), answered by identity's repositories. */
@Module({
  imports: [IdentityMikroOrmModule],
  providers: [{ provide: PracticeDirectory, useClass: IdentityPracticeDirectory }],
  exports: [PracticeDirectory],
})
export class PracticeDirectoryModule {}
