import { newId, type SchoolId } from '@cadenza/shared/kernel';
import type { RoomId } from './ids.js';
import { cleanText, wholeNumber } from './validation.js';

export interface RoomState {
  id: RoomId;
  schoolId: SchoolId;
  name: string;
  capacity: number;
  features: string[];
  active: boolean;
}

function cleanFeatures(features: readonly string[]): string[] {
  if (features.length > 20) features = features.slice(0, 20);
  return [...new Set(features.map((f, i) => cleanText(f, `features.${i}`, 40).toLowerCase()))];
}

/** A teaching room; inactive rooms keep their history but take no new bookings. */
export class Room {
  private constructor(private state: RoomState) {}

  static restore(state: RoomState): Room {
    return new Room({ ...state, features: [...state.features] });
  }

  static create(input: { schoolId: SchoolId; name: string; capacity: number; features?: readonly string[] }): Room {
    return new Room({
      id: newId<RoomId>(),
      schoolId: input.schoolId,
      name: cleanText(input.name, 'name', 80),
      capacity: wholeNumber(input.capacity, 'capacity', 1, 500),
      features: cleanFeatures(input.features ?? []),
      active: true,
    });
  }

  get id(): RoomId {
    return this.state.id;
  }
  get name(): string {
    return this.state.name;
  }
  get capacity(): number {
    return this.state.capacity;
  }
  get features(): readonly string[] {
    return this.state.features;
  }
  get active(): boolean {
    return this.state.active;
  }

  hasFeature(feature: string): boolean {
    return this.state.features.includes(feature.trim().toLowerCase());
  }

  update(changes: { name?: string; capacity?: number; features?: readonly string[]; active?: boolean }): void {
    if (changes.name !== undefined) this.state.name = cleanText(changes.name, 'name', 80);
    if (changes.capacity !== undefined) this.state.capacity = wholeNumber(changes.capacity, 'capacity', 1, 500);
    if (changes.features !== undefined) this.state.features = cleanFeatures(changes.features);
    if (changes.active !== undefined) this.state.active = changes.active;
  }

  snapshot(): RoomState {
    return { ...this.state, features: [...this.state.features] };
  }
}
