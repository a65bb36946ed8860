import type { FamilyId, UserId } from '@cadenza/shared/kernel';
import { Family, type FamilyState } from '../model/family.js';
import { FamilyRepository } from '../ports/index.js';

/** Families as snapshots, for specs; `list` by name then id, as the adapter. */
export class InMemoryFamilies extends FamilyRepository {
  readonly rows = new Map<string, FamilyState>();
  async add(family: Family) {
    this.rows.set(family.id, family.snapshot());
  }
  async update(family: Family) {
    if (this.rows.has(family.id)) this.rows.set(family.id, family.snapshot());
  }
  async byId(id: FamilyId) {
    const row = this.rows.get(id);
    return row ? Family.restore(row) : null;
  }
  /** Holds nothing: the in-memory unit of work runs one unit at a time. */
  async forChange(id: FamilyId) {
    return this.byId(id);
  }
  async list() {
    return [...this.rows.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1)).map((r) => Family.restore(r));
  }
  async ofGuardian(guardianId: UserId) {
    return (await this.list()).filter((f) => f.guardianIds.includes(guardianId));
  }
  async ofChild(childId: UserId) {
    return (await this.list()).filter((f) => f.childIds.includes(childId));
  }
  async guardiansOfChildren(childIds: readonly UserId[]) {
    const found = new Map<UserId, UserId[]>();
    for (const row of this.rows.values()) {
      for (const a of row.access) {
        if (childIds.includes(a.childId)) found.set(a.childId, [...(found.get(a.childId) ?? []), a.guardianId]);
      }
    }
    return found;
  }
}
