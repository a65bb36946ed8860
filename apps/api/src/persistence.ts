export { persistence } from '@cadenza/server/app-shell';
