import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appRoot } from './app-root';

let cached: string | undefined;

/** package.json's version: what the server reports and a desktop shows. */
export function appVersion(): string {
  cached ??= (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  return cached;
}
