import { AppError } from '../../src-shared/contract/errors';
import type { Services } from '../services';
import type { Handlers } from './types';

type Names = Extract<keyof Handlers, `portal.home` | `portal.notifications` | `portal.markNotificationsSeen` | `portal.payouts` | `portal.payout` | `portal.banking` | `portal.setBanking`>;

const unbuilt = () => {
  // PORTAL-UNBUILT (helper B replaces every entry)
  throw new AppError('internal', 'Not built yet');
};

export function portalHandlers(_s: Services): Pick<Handlers, Names> {
  return new Proxy({}, { get: () => unbuilt }) as Pick<Handlers, Names>;
}
