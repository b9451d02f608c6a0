import { defineContract } from '../procedure';
import { leadProcedures } from './leads';
import { leadSettingsProcedures } from './settings';
import { leadImportProcedures } from './imports';

/*
 * Lead intake and the review queue. One file per service file: `leads.<verb>` lives in
 * ./leads.ts here and in src-main/services/leads/leads.ts. Imported by the renderer too, so
 * free of Node modules.
 */
export const leads = defineContract(leadProcedures, leadSettingsProcedures, leadImportProcedures);

export * from './values';
export * from './transitions';
export * from './score-types';
export * from './fields';
export * from './settings';
export * from './imports';
export type * from './import-types';
export type * from './types';
