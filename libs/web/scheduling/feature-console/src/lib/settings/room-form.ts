import { ChangeDetectionStrategy, ChangeDetectorRef, Component, inject, input, output, type OnInit } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { FormButtons } from './form-buttons';
import type { CreateRoomRequest, Room } from '@cadenza/shared/contracts';

const EMPTY = { name: '', capacity: 1, features: '' };

/** The form that adds a room, or changes one (given as `initial`, with a Cancel button): name, capacity, features. */
@Component({
  selector: 'cz-room-form',
  imports: [FormsModule, FormButtons, MatFormFieldModule, MatInputModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './settings.scss',
  template: `
    <form class="row" (ngSubmit)="submit()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Room name</mat-label>
        <input matInput [name]="prefix() + 'name'" [(ngModel)]="draft.name" required maxlength="80" />
      </mat-form-field>
      <mat-form-field appearance="outline" subscriptSizing="dynamic">
        <mat-label>Capacity</mat-label>
        <input matInput [name]="prefix() + 'capacity'" type="number" min="1" max="500" [(ngModel)]="draft.capacity" />
      </mat-form-field>
      <mat-form-field class="wide" appearance="outline" subscriptSizing="dynamic">
        <mat-label>Features (comma separated)</mat-label>
        <input matInput [name]="prefix() + 'features'" [(ngModel)]="draft.features" />
      </mat-form-field>
      <cz-form-buttons [submit]="initial() ? 'Save room' : 'Add room'" [editing]="!!initial()" (cancelled)="cancelled.emit()" />
    </form>
  `,
})
export class RoomForm implements OnInit {
  /** The room being changed; absent when adding one. */
  readonly initial = input<Room | null>(null);
  readonly saved = output<CreateRoomRequest>();
  readonly cancelled = output<void>();
  private readonly changes = inject(ChangeDetectorRef);
  protected readonly prefix = () => (this.initial() ? 'edit-' : '');
  protected draft = { ...EMPTY };

  ngOnInit(): void {
    const room = this.initial();
    if (room) this.draft = { name: room.name, capacity: room.capacity, features: room.features.join(', ') };
  }

  /** Empties the fields, once the room has been added. */
  reset(): void {
    this.draft = { ...EMPTY };
    this.changes.markForCheck();
  }

  protected submit(): void {
    if (!this.draft.name.trim()) return;
    const features = this.draft.features.split(',').map((f) => f.trim()).filter(Boolean);
    this.saved.emit({ name: this.draft.name.trim(), capacity: Number(this.draft.capacity) || 1, features });
  }
}
