import { defineContract } from '../procedure';
import { payoutProcedures } from './payouts';
import { financeProcedures } from './finance';
import { statisticsProcedures } from './statistics';

/*
 * Payouts (DOMAIN.md *Payouts*), one file per service area: generation, review and requests
 * (./payouts.ts, services/payouts/), finance's payment, exports and statements (./finance.ts),
 * balances and statistics (./statistics.ts). Imported by the renderer too, so free of Node modules.
 */
export const payouts = defineContract(payoutProcedures, financeProcedures, statisticsProcedures);

export * from './values';
export * from './transitions';
export * from './settings-types';
export * from './fields';
export type * from './types';
export type * from './finance-types';
export type * from './statistics-types';
