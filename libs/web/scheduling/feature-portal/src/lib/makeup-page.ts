import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { ConflictProblem, FreeSlot, MakeupCredit, ProblemDetails } from '@cadenza/shared/contracts';
import { conflictProblemOf, formatSlot, nameOf, SchedulingApi } from '@cadenza/web/scheduling/data-access';
import { ConflictList } from '@cadenza/web/scheduling/ui';
import { toProblem } from '@cadenza/web/shared/data-access-api';
import { ProblemAlert } from '@cadenza/web/shared/ui';
import { catchError, of } from 'rxjs';
import { FamilyContext } from './family-context';

/** Makeup credits; booking one offers free slots of the teacher of the cancelled lesson. */
@Component({
  selector: 'cz-family-makeup-page',
  imports: [MatButtonModule, ConflictList, ProblemAlert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './portal.scss',
  template: `
    <h1>Makeup credits</h1>
    <cz-problem-alert class="block" [problem]="problem()" />
    <p class="status" role="status">{{ status() }}</p>
    <ul class="lessons">
      @for (c of credits(); track c.id) {
        <li class="card" data-testid="credit">
          <h2>{{ name(c.studentId) }}</h2>
          <p>{{ c.status === 'available' ? 'Available until ' + when(c.expiresAt) : c.status === 'used' ? 'Used' : 'Expired' }}</p>
          @if (c.status === 'available' && choosing() !== c.id && family.mayChange([c.studentId])) {
            <button matButton="filled" type="button" (click)="choose(c)">Book a makeup lesson</button>
          }
          @if (choosing() === c.id) {
            @if (conflicts(); as problem) {
              <cz-conflict-list [conflicts]="problem.conflicts" [suggestions]="problem.suggestions" [timeZone]="family.timeZone()" (picked)="book(c, $event)" />
            } @else if (loadingSlots()) {
              <p>Finding free times…</p>
            } @else {
              <p>Choose a time:</p>
              <cz-problem-alert class="block" [problem]="slotProblem()" />
              <ul class="actions" aria-label="Free times">
                @for (s of slots(); track s.start) {
                  <li>
                    <button matButton="outlined" type="button" [disabled]="busy()" (click)="book(c, s)">{{ slot(s) }}</button>
                  </li>
                } @empty {
                  @if (!slotProblem()) {
                    <li>No free times before the credit expires. Ask the school.</li>
                  }
                }
              </ul>
            }
            <button matButton type="button" (click)="choosing.set(null)">Close</button>
          }
        </li>
      } @empty {
        <li>No makeup credits.</li>
      }
    </ul>
  `,
})
export class FamilyMakeupPage {
  private readonly api = inject(SchedulingApi);
  protected readonly family = inject(FamilyContext);
  protected readonly credits = signal<MakeupCredit[]>([]);
  protected readonly slots = signal<FreeSlot[]>([]);
  protected readonly choosing = signal<string | null>(null);
  protected readonly loadingSlots = signal(false);
  protected readonly busy = signal(false);
  protected readonly conflicts = signal<ConflictProblem | null>(null);
  protected readonly problem = signal<ProblemDetails | null>(null);
  /** Why the free times could not be found: shown where they would be. */
  protected readonly slotProblem = signal<ProblemDetails | null>(null);
  protected readonly status = signal('');
  protected readonly available = computed(() => this.credits().filter((c) => c.status === 'available'));

  constructor() {
    this.family.load();
    this.load();
  }

  private load(): void {
    this.api.makeupCredits().subscribe({ next: (c) => this.credits.set(c), error: (e: unknown) => this.problem.set(toProblem(e)) });
  }

  protected name(id: string): string {
    return nameOf(this.family.names(), id, 'Makeup credit');
  }
  protected when(instant: string): string {
    return formatSlot(instant, null, this.family.timeZone());
  }
  protected slot(s: FreeSlot): string {
    return formatSlot(s.start, s.end, this.family.timeZone());
  }

  /** The free times of the credit's cancelled lesson's teacher until the credit expires. */
  protected choose(credit: MakeupCredit): void {
    this.choosing.set(credit.id);
    this.conflicts.set(null);
    this.slotProblem.set(null);
    this.slots.set([]);
    this.loadingSlots.set(true);
    this.api
      .makeupSlots(credit)
      .pipe(
        catchError((e: unknown) => {
          this.slotProblem.set(toProblem(e));
          return of([] as FreeSlot[]);
        }),
      )
      .subscribe((slots) => {
        this.loadingSlots.set(false);
        this.slots.set(slots);
      });
  }

  protected book(credit: MakeupCredit, slot: FreeSlot): void {
    this.busy.set(true);
    this.api.bookMakeup(credit.id, slot).subscribe({
      next: (lesson) => {
        this.busy.set(false);
        this.choosing.set(null);
        this.status.set(`Makeup lesson booked for ${formatSlot(lesson.start, lesson.end, this.family.timeZone())}.`);
        this.load();
      },
      error: (e: unknown) => {
        this.busy.set(false);
        const conflicts = conflictProblemOf(e);
        if (conflicts) this.conflicts.set(conflicts);
        else this.problem.set(toProblem(e));
      },
    });
  }
}
