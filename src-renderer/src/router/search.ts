import { z } from 'zod';

type Lenient<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodCatch<z.ZodOptional<S[K]>> };

/**
 * A search-param schema from fields of a procedure's input schema: every field optional, and a
 * value the procedure would refuse is dropped (a hand-edited or stale link shows the unfiltered
 * view instead of an error page). Not strict: unknown keys (e.g. tracking parameters) are
 * ignored rather than refused.
 */
export function searchFrom<S extends z.ZodRawShape>(shape: S): z.ZodObject<Lenient<S>> {
  const lenient: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(shape)) lenient[key] = (field as z.ZodType).optional().catch(undefined);
  return z.object(lenient as Lenient<S>);
}

/**
 * The router parses `?q=123` as the number 123 (search values are JSON); a search text is a
 * string whatever it looks like.
 */
export function asText(value: unknown): unknown {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}
