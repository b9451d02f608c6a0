import { z } from 'zod';
import { STAFF_ROLES } from './roles';

/** Field schemas shared by several procedures; messages are what the user reads beside the field. */

/*
 * Text hygiene. No string of any input may hold NUL, another C0 or C1 control character or DEL,
 * or a lone surrogate (half a UTF-16 pair, which no encoder can write: Postgres refuses it and
 * SQLite stores garbage); free text (notes, descriptions, addresses) keeps tab and newline
 * (CR only before LF), one-line fields (names, e-mails, ids) not even those. The dispatch
 * checks every string of every input with `findUnsafeText` (so a field that forgot it still
 * answers `validation`, never `internal`); the one-line builders below refine it further.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_IN_FREE_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_IN_ONE_LINE = /[\u0000-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT_MESSAGE = 'Contains control characters or broken Unicode that cannot be stored';
export const MULTI_LINE_MESSAGE = 'Must be a single line without tabs or control characters';

export const isSafeFreeText = (value: string): boolean => !CONTROL_IN_FREE_TEXT.test(value) && !LONE_SURROGATE.test(value);
export const isSafeOneLine = (value: string): boolean => !CONTROL_IN_ONE_LINE.test(value) && !LONE_SURROGATE.test(value);

/**
 * The first string (or object key) in `value` that is not safe free text, with its dotted path;
 * null when all are. Walks plain objects and arrays only (what JSON and structured clone carry).
 */
export function findUnsafeText(value: unknown, path: readonly (string | number)[] = [], depth = 0): { path: string; message: string } | null {
  if (typeof value === 'string') return isSafeFreeText(value) ? null : { path: path.join('.'), message: UNSAFE_TEXT_MESSAGE };
  if (typeof value !== 'object' || value === null || depth > 32) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnsafeText(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (!isSafeFreeText(key)) return { path: path.join('.'), message: UNSAFE_TEXT_MESSAGE };
    const found = findUnsafeText(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** A one-line text field: trimmed, then no tab, newline or other control character. */
export const oneLine = () => z.string().trim().refine(isSafeOneLine, MULTI_LINE_MESSAGE);
/** Free text (notes, descriptions, addresses): tab and newline allowed, nothing else of the kind. */
export const freeText = () => z.string().trim().refine(isSafeFreeText, UNSAFE_TEXT_MESSAGE);

export const id = oneLine().min(1, 'Required').max(64, 'Too long');

export const email = oneLine()
  .toLowerCase()
  .max(254, 'Email is too long')
  .pipe(z.email('Enter a valid email address'));

export const personName = oneLine().min(1, 'Name is required').max(120, 'Name must be at most 120 characters');

export const workspaceName = oneLine()
  .min(1, 'Workspace name is required')
  .max(120, 'Workspace name must be at most 120 characters');

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));
export const currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => /^[A-Z]{3}$/.test(c) && knownCurrencies.has(c), 'Unknown currency: use an ISO 4217 code such as EUR or USD');

/** Strength beyond length (common-password list, e-mail reuse) is checked in the auth service. */
export const newPassword = z
  .string()
  .min(12, 'Password must be at least 12 characters')
  .max(128, 'Password must be at most 128 characters');

/** Sign-in accepts whatever was typed (bounded), so that old passwords still work after a policy change. */
export const anyPassword = z.string().min(1, 'Password is required').max(256, 'Password is too long');

export const staffRole = z.enum(STAFF_ROLES, { error: 'Unknown role' });

export const isoDateTime = z.iso.datetime({ offset: true, error: 'Expected an ISO date-time' });

/**
 * The opaque keyset cursor a page returned (`nextCursor`); never an offset. Long enough for a
 * sort key of 200 characters of any script (a legal name), base64url-encoded.
 */
export const cursor = oneLine().min(1, 'Invalid cursor').max(1200, 'Invalid cursor').optional();

export const pageLimit = z.number().int().min(1).max(500).default(50);
