import { AuditTrail, Clock, UnitOfWork } from '@cadenza/shared/kernel';
import { RefreshTokenRepository, SecretTokens } from '../ports/index.js';

/** Ends the session the refresh token belongs to. Unknown tokens are ignored: signing out twice is fine. */
export class SignOut {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly secrets: SecretTokens,
    private readonly audit: AuditTrail,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async execute(input: { refreshToken: string }): Promise<void> {
    const now = this.clock.now();
    await this.uow.run(async () => {
      const token = await this.tokens.byHashForUpdateAcrossSchools(this.secrets.digest(input.refreshToken));
      if (!token || token.revokedAt) {
        return;
      }
      await this.tokens.revokeFamily(token.familyId, now);
      await this.audit.record({
        schoolId: token.schoolId,
        actorId: token.userId,
        action: 'identity.session.signed_out',
        entityType: 'session',
        entityId: token.familyId,
      });
    });
  }
}
