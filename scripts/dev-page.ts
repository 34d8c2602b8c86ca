// Written in plain JavaScript (dev-page.mjs) so that the dev launcher needs no TypeScript loader.
export { askUntil, pageStatus } from './dev-page.mjs';
