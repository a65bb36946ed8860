/** What the register pages share: the page's width, its heading and the problem alert under it. */
export const REGISTER_PAGE_STYLES = `
  :host {
    display: block;
    max-width: 760px;
  }
  h1 {
    margin: 0 0 8px;
    font: var(--mat-sys-headline-small);
  }
  cz-problem-alert {
    display: block;
    margin-bottom: 12px;
  }
`;
