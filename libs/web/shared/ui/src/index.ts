export * from './lib/cadenza-logo';
export * from './lib/card-page';
export * from './lib/page-title-strategy';
export * from './lib/problem-alert';
export * from './lib/shell-layout';
export * from './lib/home-panels';
export * from './lib/panel-styles';
export * from './lib/settings-form-styles';
