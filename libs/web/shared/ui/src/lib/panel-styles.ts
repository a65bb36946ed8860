/**
 * The look of an action panel on a page (archiving someone, their data protection): a line of explanation, buttons
 * in a wrapping row (`.actions`), and the form that opens for the action, framed. A panel that warns sets its
 * frame's colour with `--cz-panel-frame`.
 */
export const ACTION_PANEL_STYLES = `
  :host {
    display: block;
  }
  p {
    margin: 0 0 8px;
    font: var(--mat-sys-body-medium);
  }
  form {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 12px 16px;
    border: 1px solid var(--cz-panel-frame, var(--mat-sys-outline-variant));
    border-radius: 12px;
  }
  mat-form-field {
    width: min(100%, 360px);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
  }
`;

/**
 * The look of a section other contexts add to a person's page (`PERSON_PANELS`): its heading, and its items as rows of
 * a framed list, each row's parts wrapping on a narrow screen.
 */
export const PERSON_PANEL_STYLES = `
  :host {
    display: block;
  }
  h2 {
    margin: 24px 0 8px;
    font: var(--mat-sys-title-medium);
  }
  ul {
    margin: 0;
    padding: 0;
    list-style: none;
    border: 1px solid var(--mat-sys-outline-variant);
    border-radius: 12px;
  }
  li {
    display: flex;
    flex-wrap: wrap;
    gap: 2px 16px;
    padding: 10px 16px;
    font: var(--mat-sys-body-medium);
  }
  li + li {
    border-top: 1px solid var(--mat-sys-outline-variant);
  }
`;
