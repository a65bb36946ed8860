import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { Conflict, FreeSlot } from '@cadenza/shared/contracts';
import { CONFLICT_LABELS, formatSlot } from '@cadenza/web/scheduling/util';

/** What a refused booking or move clashes with, and the free slots nearby to pick instead. */
@Component({
  selector: 'cz-conflict-list',
  imports: [MatButtonModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styles: `
    :host {
      display: block;
    }
    .box {
      padding: 12px 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    h3,
    h4 {
      margin: 0 0 8px;
      font: var(--mat-sys-title-small);
    }
    ul {
      margin: 0 0 8px;
      padding-left: 20px;
    }
    li {
      margin: 4px 0;
      overflow-wrap: anywhere;
    }
    .severity {
      font: var(--mat-sys-label-small);
      text-transform: uppercase;
    }
    .slots {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
  `,
  template: `
    <div class="box" role="alert" data-testid="conflicts">
      <h3>{{ heading() }}</h3>
      <ul>
        @for (conflict of conflicts(); track $index) {
          <li data-testid="conflict">
            <strong>{{ label(conflict) }}</strong>
            <span class="severity"> ({{ conflict.severity === 'hard' ? 'cannot be overridden' : 'needs an override' }})</span>:
            {{ conflict.message }} <span class="when">{{ when(conflict) }}</span>
          </li>
        }
      </ul>
      @if (suggestions().length) {
        <h4>Free slots nearby</h4>
        <ul class="slots" data-testid="suggestions">
          @for (slot of suggestions(); track slot.start) {
            <li>
              <button matButton="tonal" type="button" [disabled]="disabled()" (click)="picked.emit(slot)">
                {{ describe(slot) }}
              </button>
            </li>
          }
        </ul>
      } @else {
        <p>No free slots were found nearby.</p>
      }
    </div>
  `,
})
export class ConflictList {
  readonly conflicts = input.required<readonly Conflict[]>();
  readonly suggestions = input<readonly FreeSlot[]>([]);
  readonly timeZone = input.required<string>();
  readonly roomNames = input<ReadonlyMap<string, string>>(new Map());
  readonly disabled = input(false);
  readonly title = input('That time is not free');
  readonly picked = output<FreeSlot>();

  protected readonly heading = computed(() => this.title());

  protected label(conflict: Conflict): string {
    return CONFLICT_LABELS[conflict.kind] ?? conflict.kind;
  }
  protected when(conflict: Conflict): string {
    return conflict.start ? `(${formatSlot(conflict.start, conflict.end, this.timeZone())})` : '';
  }
  protected describe(slot: FreeSlot): string {
    const room = slot.roomId ? this.roomNames().get(slot.roomId) : null;
    return `${formatSlot(slot.start, slot.end, this.timeZone())}${room ? ` · ${room}` : ''}`;
  }
}
