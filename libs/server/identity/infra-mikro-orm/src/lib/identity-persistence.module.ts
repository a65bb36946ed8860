import { Module } from '@nestjs/common';
import { FamilyRepository, IdentityEvents, ImportedPeople, PersonalDataErasures, InvitationRepository, PasswordResetRepository, PasswordResetRequests, RefreshTokenRepository, SchoolRepository, StudentProfileRepository, TeacherProfileRepository, UserRepository } from '@cadenza/server/identity/domain';
import { identityEntities } from './entities.js';
import { Migration20261123000100_identity } from './migrations/Migration20261123000100_identity.js';
import { Migration20261123001101_student_left_school } from './migrations/Migration20261123001101_student_left_school.js';
import { Migration20261207000200_sign_in_turns } from './migrations/Migration20261207000200_sign_in_turns.js';
import { Migration20261207000300_revoked_sessions } from './migrations/Migration20261207000300_revoked_sessions.js';
import { Migration20261207000400_password_reset_requests } from './migrations/Migration20261207000400_password_reset_requests.js';
import { Migration20261208000200_people_profiles } from './migrations/Migration20261208000200_people_profiles.js';
import { Migration20261208000300_family_payer } from './migrations/Migration20261208000300_family_payer.js';
import { Migration20261208000400_personal_data_erasures } from './migrations/Migration20261208000400_personal_data_erasures.js';
import { Migration20261210000300_imported_people } from './migrations/Migration20261210000300_imported_people.js';
import { ImportedPersonSchema } from './imported-person.entity.js';
import { MikroOrmImportedPeople } from './mikro-orm-imported-people.js';
import { MikroOrmPersonalDataErasures } from './mikro-orm-personal-data-erasures.js';
import { PersonalDataErasureSchema } from './personal-data-erasure.entity.js';
import { MikroOrmFamilyRepository } from './mikro-orm-family-repository.js';
import { MikroOrmInvitationRepository } from './mikro-orm-invitation-repository.js';
import { MikroOrmPasswordResetRepository } from './mikro-orm-password-reset-repository.js';
import { MikroOrmPasswordResetRequests } from './mikro-orm-password-reset-requests.js';
import { MikroOrmRefreshTokenRepository } from './mikro-orm-refresh-token-repository.js';
import { MikroOrmSchoolRepository } from './mikro-orm-school-repository.js';
import { MikroOrmStudentProfileRepository } from './mikro-orm-student-profile-repository.js';
import { MikroOrmTeacherProfileRepository } from './mikro-orm-teacher-profile-repository.js';
import { MikroOrmUserRepository } from './mikro-orm-user-repository.js';
import { OutboxIdentityEvents } from './outbox-identity-events.js';
import { RevokedSessionsPoll } from './revoked-sessions-poll.js';

export const identityPersistence = { entities: [...identityEntities, PersonalDataErasureSchema, ImportedPersonSchema], migrations: [Migration20261123000100_identity, Migration20261123001101_student_left_school, Migration20261207000200_sign_in_turns, Migration20261207000300_revoked_sessions, Migration20261207000400_password_reset_requests, Migration20261208000200_people_profiles, Migration20261208000300_family_payer, Migration20261208000400_personal_data_erasures, Migration20261210000300_imported_people] };

const providers = [
  { provide: SchoolRepository, useClass: MikroOrmSchoolRepository },
  { provide: UserRepository, useClass: MikroOrmUserRepository },
  { provide: FamilyRepository, useClass: MikroOrmFamilyRepository },
  { provide: InvitationRepository, useClass: MikroOrmInvitationRepository },
  { provide: RefreshTokenRepository, useClass: MikroOrmRefreshTokenRepository },
  { provide: PasswordResetRepository, useClass: MikroOrmPasswordResetRepository },
  { provide: PasswordResetRequests, useClass: MikroOrmPasswordResetRequests },
  { provide: IdentityEvents, useClass: OutboxIdentityEvents },
  { provide: PersonalDataErasures, useClass: MikroOrmPersonalDataErasures },
  { provide: StudentProfileRepository, useClass: MikroOrmStudentProfileRepository },
  { provide: TeacherProfileRepository, useClass: MikroOrmTeacherProfileRepository },
  { provide: ImportedPeople, useClass: MikroOrmImportedPeople },
];

/** The identity context's ports, on PostgreSQL through MikroORM. */
@Module({ providers, exports: providers.map((p) => p.provide) })
export class IdentityMikroOrmModule {}

/** The api's reading of ended sessions (`RevokedSessionsPoll`); the worker, which serves no tokens, leaves it out. */
@Module({ providers: [RevokedSessionsPoll] })
export class IdentitySessionsPollModule {}
