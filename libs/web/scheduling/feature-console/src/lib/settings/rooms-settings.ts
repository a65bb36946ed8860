import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { Room } from '@cadenza/shared/contracts';
import { SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { FormState } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { StaffDirectory } from '../staff-directory';

@Component({
  selector: 'cz-rooms-settings',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <h2>Rooms</h2>
    <cz-problem-alert class="block" [problem]="form.problem()" />
    <p class="status" role="status">{{ form.status() }}</p>
    <div class="card">
      <table>
        <thead>
          <tr><th scope="col">Name</th><th scope="col">Capacity</th><th scope="col">Features</th><th scope="col">Status</th></tr>
        </thead>
        <tbody>
          @for (room of rooms(); track room.id) {
            <tr>
              <td>{{ room.name }}</td>
              <td>{{ room.capacity }}</td>
              <td>{{ room.features.join(', ') || '—' }}</td>
              <td>
                <button matButton type="button" (click)="toggle(room)" [attr.aria-label]="(room.active ? 'Deactivate ' : 'Activate ') + room.name">
                  {{ room.active ? 'Active · deactivate' : 'Inactive · activate' }}
                </button>
              </td>
            </tr>
          } @empty {
            <tr><td colspan="4">No rooms yet.</td></tr>
          }
        </tbody>
      </table>
    </div>
    <form class="card row" (ngSubmit)="create()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Room name</mat-label>
        <input matInput name="name" [(ngModel)]="name" required maxlength="80" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Capacity</mat-label>
        <input matInput name="capacity" type="number" min="1" max="500" [(ngModel)]="capacity" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Features (comma separated)</mat-label>
        <input matInput name="features" [(ngModel)]="features" />
      </mat-form-field>
      <button matButton="filled" type="submit">Add room</button>
    </form>
  `,
})
export class RoomsSettings {
  private readonly api = inject(SchedulingApi);
  private readonly directory = inject(StaffDirectory);
  protected readonly form = new FormState();
  protected readonly rooms = signal<Room[]>([]);
  protected name = '';
  protected capacity = 1;
  protected features = '';

  constructor() {
    this.form.load(this.api.rooms(), (r) => this.rooms.set(r));
  }

  protected create(): void {
    if (!this.name.trim()) return;
    const features = this.features.split(',').map((f) => f.trim()).filter(Boolean);
    const added = (room: Room) => {
      this.rooms.update((all) => [...all, room]);
      this.name = '';
      this.features = '';
      this.directory.load(true);
    };
    this.form.save(this.api.createRoom({ name: this.name.trim(), capacity: Number(this.capacity) || 1, features }), added, (room) => `Room ${room.name} added.`);
  }

  protected toggle(room: Room): void {
    const updated = (changed: Room) => {
      this.rooms.update((all) => all.map((r) => (r.id === changed.id ? changed : r)));
      this.directory.load(true);
    };
    this.form.save(this.api.updateRoom(room.id, { active: !room.active }), updated, (changed) => `Room ${changed.name} ${changed.active ? 'activated' : 'deactivated'}.`);
  }
}
