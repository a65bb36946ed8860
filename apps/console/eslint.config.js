// Same rules as every Angular project: see libs/web/eslint.config.js.
export { default } from '../../libs/web/eslint.config.js';
