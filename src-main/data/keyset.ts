import { AppError } from '../../src-shared/contract/errors';

/*
 * Keyset cursors, shared by every paged list. A cursor is the sort key of the last row of a
 * page, opaque to the client: base64url JSON of [kind, ...values]. The kind names the page it
 * belongs to (the list, its sort field and direction), so a cursor of another list or sort is
 * refused rather than read as a key of the wrong column. The next page starts strictly after
 * it, through the index, whatever its depth (never OFFSET, which walks every earlier row).
 */

/** What each position of a cursor holds: a safe integer (an instant in ms, a rank), a text key, or a row id. */
export type KeyPart = 'int' | 'text' | 'id';
type ValueOf<P extends KeyPart> = P extends 'int' ? number : string;
export type KeyValues<S extends readonly KeyPart[]> = { -readonly [I in keyof S]: ValueOf<S[I]> };

export function encodeKeyset(kind: string, values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify([kind, ...values])).toString('base64url');
}

const isPart: Record<KeyPart, (v: unknown) => boolean> = {
  int: (v) => typeof v === 'number' && Number.isSafeInteger(v),
  // A text key is a column's value (a name, a code), bounded by the contract's cursor length.
  text: (v) => typeof v === 'string',
  id: (v) => typeof v === 'string' && v.length > 0 && v.length <= 64,
};

/** The values of `cursor`, or a validation error on the cursor field when it is not a cursor of `kind` with this `shape`. */
export function decodeKeyset<const S extends readonly KeyPart[]>(cursor: string, kind: string, shape: S): KeyValues<S> {
  const bad = () => new AppError('validation', 'This page link is no longer valid; start again from the first page', 'cursor');
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parts) || parts.length !== shape.length + 1 || parts[0] !== kind) throw bad();
  const values = parts.slice(1);
  if (!shape.every((part, i) => isPart[part](values[i]))) throw bad();
  return values as KeyValues<S>;
}
