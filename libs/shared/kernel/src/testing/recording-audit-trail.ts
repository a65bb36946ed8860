import { AuditTrail, type AuditEntry } from '../lib/ports.js';

/** An audit trail that keeps every entry in `entries`, for specs to read. */
export class RecordingAuditTrail extends AuditTrail {
  readonly entries: AuditEntry[] = [];

  async record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
  }
}
