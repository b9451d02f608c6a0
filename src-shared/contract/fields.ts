import { z } from 'zod';
import { STAFF_ROLES } from './roles';

/** Field schemas shared by several procedures; messages are what the user reads beside the field. */

export const id = z.string().trim().min(1, 'Required').max(64, 'Too long');

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'Email is too long')
  .pipe(z.email('Enter a valid email address'));

export const personName = z.string().trim().min(1, 'Name is required').max(120, 'Name must be at most 120 characters');

export const workspaceName = z
  .string()
  .trim()
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
export const cursor = z.string().trim().min(1, 'Invalid cursor').max(1200, 'Invalid cursor').optional();

export const pageLimit = z.number().int().min(1).max(500).default(50);
