import { defineContract } from '../procedure';
import { creditProcedures } from './credits';

/*
 * Credits: what partners have earned (DOMAIN.md *Credits*). `credits.<verb>` lives in ./credits.ts
 * here and in src-main/services/credits/. Imported by the renderer too, so free of Node modules.
 */
export const credits = defineContract(creditProcedures);

export * from './values';
export * from './transitions';
export * from './fields';
export type * from './types';
