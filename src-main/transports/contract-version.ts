import { createHash } from 'node:crypto';
import { z } from 'zod';
import { contract } from '../../src-shared/contract';

let cached: string | undefined;

/**
 * A short fingerprint of the contract: every procedure's name, kind, access and input schema (as
 * JSON Schema). A connected desktop sends its own with every call and the server compares: two
 * builds that disagree on any procedure refuse each other instead of failing one field at a time.
 */
export function contractVersion(): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const name of Object.keys(contract).sort()) {
    const procedure = contract[name as keyof typeof contract];
    const input = z.toJSONSchema(procedure.input, { io: 'input', unrepresentable: 'any' });
    hash.update(JSON.stringify([name, procedure.kind, procedure.access, input]));
    hash.update('\n');
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}
