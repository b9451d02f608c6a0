import type { Services } from '../services';
import { activityHandlers } from './activity';
import { authHandlers } from './auth';
import { partnerHandlers } from './partners';
import { leadHandlers } from './leads';
import { creditsHandlers } from './credits';
import { payoutsHandlers } from './payouts';
import { financeHandlers } from './finance';
import { statisticsHandlers } from './statistics';
import { staffHandlers } from './staff';
import { workspaceHandlers } from './workspaces';
import { portalAuthHandlers } from './portal-auth';
import { portalHandlers } from './portal';
import { portalTeamHandlers } from './portal-team';
import type { Handlers } from './types';

/** One file per domain; a procedure missing from all of them is a type error (see Handlers). */
export function createHandlers(services: Services): Handlers {
  return {
    ...authHandlers(services),
    ...workspaceHandlers(services),
    ...staffHandlers(services),
    ...activityHandlers(services),
    ...partnerHandlers(services),
    ...leadHandlers(services),
    ...creditsHandlers(services),
    ...payoutsHandlers(services),
    ...financeHandlers(services),
    ...statisticsHandlers(services),
    ...portalAuthHandlers(services),
    ...portalHandlers(services),
    ...portalTeamHandlers(services),
  };
}
