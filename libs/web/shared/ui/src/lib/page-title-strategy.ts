import { Injectable, InjectionToken, inject, type Provider } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, type RouterStateSnapshot } from '@angular/router';

export const PAGE_TITLE_SUFFIX = new InjectionToken<string>('cadenza.page-title-suffix', { factory: () => 'Cadenza' });

/** Sets the document title to "<route title> · <app name>". */
@Injectable()
export class PageTitleStrategy extends TitleStrategy {
  private readonly title = inject(Title);
  private readonly suffix = inject(PAGE_TITLE_SUFFIX);

  override updateTitle(snapshot: RouterStateSnapshot): void {
    const page = this.buildTitle(snapshot);
    this.title.setTitle(page ? `${page} · ${this.suffix}` : this.suffix);
  }
}

export function providePageTitles(appName: string): Provider[] {
  return [
    { provide: PAGE_TITLE_SUFFIX, useValue: appName },
    { provide: TitleStrategy, useClass: PageTitleStrategy },
  ];
}
