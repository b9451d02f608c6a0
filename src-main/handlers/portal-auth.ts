import { AppError } from '../../src-shared/contract/errors';
import type { Services } from '../services';
import type { Handlers } from './types';

type Names = Extract<keyof Handlers, `portal.signIn` | `portal.invite` | `portal.acceptInvite`>;

const unbuilt = () => {
  // PORTAL-UNBUILT (helper A replaces every entry)
  throw new AppError('internal', 'Not built yet');
};

export function portalAuthHandlers(_s: Services): Pick<Handlers, Names> {
  return new Proxy({}, { get: () => unbuilt }) as Pick<Handlers, Names>;
}
