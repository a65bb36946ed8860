import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { MessageList } from '@cadenza/web/messaging/ui';
import { ThreadView } from './thread-view';

/**
 * The messages of the page's thread (its `ThreadView`): earlier versions and files open for every reader. A
 * participant may also edit their own messages and flag others' (the page handles both); a reader who may only
 * read (the safeguarding lead, on their thread page or in a conversation they are not in) may not.
 */
@Component({
  selector: 'cz-thread-messages',
  imports: [MessageList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <cz-message-list
      [messages]="view.rows()"
      [canEdit]="!readOnly()"
      [canFlag]="!readOnly()"
      [label]="'Messages in ' + view.title()"
      (edit)="edit.emit($event)"
      (flag)="flag.emit($event)"
      (showVersions)="view.versions($event)"
      (download)="view.download($event)"
    />
  `,
})
export class ThreadMessages {
  readonly readOnly = input(false);
  /** The id of one's own message to edit. */
  readonly edit = output<string>();
  /** The id of someone else's message to flag. */
  readonly flag = output<string>();
  protected readonly view = inject(ThreadView);
}
