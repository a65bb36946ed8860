import { Injectable } from '@nestjs/common';
import { UserRepository, type Family, type User, SchoolDay } from '@cadenza/server/identity/domain';
import type { Family as FamilyView } from '@cadenza/shared/contracts';
import { presentFamily } from './presenters.js';

/** Families as the API answers them, with their members' names read in one go. */
@Injectable()
export class FamilyPresenter {
  constructor(
    private readonly users: UserRepository,
    private readonly day: SchoolDay,
  ) {}

  async present(families: readonly Family[]): Promise<FamilyView[]> {
    const ids = [...new Set(families.flatMap((f) => [...f.guardianIds, ...f.childIds]))];
    const people = new Map<string, User>((await this.users.byIds(ids)).map((u) => [u.id, u]));
    const today = await this.day.today();
    return families.map((f) => presentFamily(f, people, today));
  }

  async one(family: Family): Promise<FamilyView> {
    const [view] = await this.present([family]);
    return view;
  }
}
