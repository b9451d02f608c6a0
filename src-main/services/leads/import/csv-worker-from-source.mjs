// Runs csv-worker.ts from source (tests, `npm run demo`, the benchmark): a worker thread does not
// inherit the TypeScript loader of the thread that started it, so it registers tsx itself.
import { register } from 'tsx/esm/api';

register();
await import('./csv-worker.ts');
