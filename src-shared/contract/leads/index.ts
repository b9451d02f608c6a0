import { defineContract } from '../procedure';
import { leadProcedures } from './leads';

/*
 * Lead intake and the review queue. One file per service file: `leads.<verb>` lives in
 * ./leads.ts here and in src-main/services/leads/leads.ts. Imported by the renderer too, so
 * free of Node modules.
 */
export const leads = defineContract(leadProcedures);

export * from './values';
export * from './transitions';
export * from './score-types';
export * from './fields';
export type * from './types';
