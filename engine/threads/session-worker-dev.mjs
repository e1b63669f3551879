// Dev/test bootstrap of the session worker: load the TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();
await import('./session-worker.ts');
