import { auth } from './auth';
import { workspaces } from './workspaces';
import { staff } from './staff';
import { activity } from './activity';
import { partners } from './partners';
import { leads } from './leads';
import { credits } from './credits';
import { payouts } from './payouts';
import { portal } from './portal';
import { defineContract, type InputOf, type OutputOf } from './procedure';

/**
 * The one contract: every procedure the app has, by name. Handlers, the preload bridge, the
 * HTTP routes, the renderer client and the role-matrix test all derive from this object.
 */
export const contract = defineContract(auth, workspaces, staff, activity, partners, leads, credits, payouts, portal);

export type Contract = typeof contract;
export type ProcedureName = keyof Contract;
export type Input<N extends ProcedureName> = InputOf<Contract[N]>;
export type Output<N extends ProcedureName> = OutputOf<Contract[N]>;
export const PROCEDURE_NAMES = Object.keys(contract) as ProcedureName[];

export function isProcedureName(name: unknown): name is ProcedureName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

export * from './errors';
export * from './roles';
export type * from './auth';
export type * from './workspaces';
export type * from './staff';
export type * from './activity';
export type * from './partners';
export type * from './leads';
export type * from './credits';
export type * from './payouts';
export type * from './portal';
export type { Access, Procedure } from './procedure';
export { DOMAINS, domainOf, type Domain } from './domains';
