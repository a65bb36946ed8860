import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { CreateRoomRequest, Room, UpdateRoomRequest } from '@cadenza/shared/contracts';
import { SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';
import { RoomForm } from './room-form';

/** The school's rooms: added, changed (each save sends only what changed), deactivated and activated again. */
@Component({
  selector: 'cz-rooms-settings',
  imports: [MatButtonModule, ProblemAlert, RoomForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <h2>Rooms</h2>
    <cz-problem-alert class="block" [problem]="form.problem()" />
    <p class="status" role="status">{{ form.status() }}</p>
    <div class="card">
      <table class="stacking">
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Capacity</th><th scope="col">Features</th><th scope="col">Status</th><th scope="col"><span class="cz-visually-hidden">Actions</span></th></tr>
        </thead>
        <tbody>
          @for (room of rooms(); track room.id) {
            @if (editing() === room.id) {
              <tr>
                <td colspan="5"><cz-room-form [initial]="room" (saved)="change(room, $event)" (cancelled)="editing.set(null)" /></td>
              </tr>
            } @else {
              <tr>
                <td class="name">{{ room.name }}</td>
                <td data-label="Capacity">{{ room.capacity }}</td>
                <td data-label="Features">{{ room.features.join(', ') || '—' }}</td>
                <td data-label="Status">{{ room.active ? 'Active' : 'Inactive' }}</td>
                <td class="actions">
                  <button matButton type="button" (click)="editing.set(room.id)" [attr.aria-label]="'Edit room ' + room.name">Edit</button>
                  <button matButton type="button" (click)="toggle(room)" [attr.aria-label]="(room.active ? 'Deactivate ' : 'Activate ') + room.name">
                    {{ room.active ? 'Deactivate' : 'Activate' }}
                  </button>
                </td>
              </tr>
            }
          } @empty {
            <tr><td colspan="5">No rooms yet.</td></tr>
          }
        </tbody>
      </table>
    </div>
    <div class="card">
      <cz-room-form #addForm (saved)="create($event, addForm)" />
    </div>
  `,
})
export class RoomsSettings {
  private readonly api = inject(SchedulingApi);
  private readonly directory = inject(StaffDirectory);
  protected readonly form = new FormState();
  protected readonly rooms = signal<Room[]>([]);
  protected readonly editing = signal<string | null>(null);

  constructor() {
    this.form.load(this.api.rooms(), (r) => this.rooms.set(r));
  }

  protected create(room: CreateRoomRequest, addForm: RoomForm): void {
    const added = (created: Room) => {
      this.rooms.update((all) => [...all, created]);
      addForm.reset();
      this.directory.load(true);
    };
    this.form.save(this.api.createRoom(room), added, (created) => `Room ${created.name} added.`);
  }

  /** Sends only the fields that differ, so that nothing else is touched. */
  protected change(room: Room, edited: CreateRoomRequest): void {
    const changes: UpdateRoomRequest = {};
    if (edited.name !== room.name) changes.name = edited.name;
    if (edited.capacity !== room.capacity) changes.capacity = edited.capacity;
    if (edited.features.join(',') !== room.features.join(',')) changes.features = edited.features;
    const saved = (changed: Room) => {
      this.replace(changed);
      this.editing.set(null);
    };
    this.form.save(this.api.updateRoom(room.id, changes), saved, (changed) => `Room ${changed.name} saved.`);
  }

  protected toggle(room: Room): void {
    this.form.save(this.api.updateRoom(room.id, { active: !room.active }), (changed) => this.replace(changed), (changed) => `Room ${changed.name} ${changed.active ? 'activated' : 'deactivated'}.`);
  }

  private replace(changed: Room): void {
    this.rooms.update((all) => all.map((r) => (r.id === changed.id ? changed : r)));
    this.directory.load(true);
  }
}
