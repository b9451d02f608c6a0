import { portalAuth } from './auth';
import { portalProcedures } from './portal';

export * from './types';

export const portal = { ...portalAuth, ...portalProcedures } as const;
