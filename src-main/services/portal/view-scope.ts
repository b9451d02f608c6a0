import { AppError } from '../../../src-shared/contract/errors';
import type { ActiveSession, PartnerSession } from '../context';

/**
 * The portal's read side is about the session's partner only. Dispatch lets only partner roles
 * reach these procedures; the check here keeps a service call from elsewhere (a test, a future
 * transport) from reading "the partner" of a staff session, which has none.
 */
export function partnerSessionOf(session: ActiveSession): PartnerSession {
  if (session.userKind !== 'partner') throw new AppError('forbidden', 'This is for partner users');
  return session;
}
