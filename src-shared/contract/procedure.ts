import type { z } from 'zod';
import type { Role } from './roles';
import type { Domain } from './domains';

/**
 * Who may call a procedure:
 * - 'public': anyone, signed in or not (first-run set-up, sign-in);
 * - 'signed_in': any valid session, whatever its role (session info, sign-out);
 * - a list of roles: a session whose role in the current workspace is in the list.
 */
export type Access = 'public' | 'signed_in' | readonly Role[];

/** Whether a caller with `role` (null: signed out) passes `access`; dispatch and the renderer's useCan both ask this. */
export function allowed(access: Access, role: Role | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  if (access === 'signed_in') return true;
  return access.includes(role);
}

export interface Procedure<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly kind: 'query' | 'mutation';
  readonly input: I;
  readonly access: Access;
  readonly doc: string;
  /**
   * The domains whose data a mutation changes (empty for queries). Every mutation writes an
   * audit row, so every mutation lists `activity`; the rest say what else a cached screen must
   * refetch, and what a live-update feed publishes.
   */
  readonly effects: readonly Domain[];
  /** Phantom: carries the output type; never read at run time. */
  readonly output?: O;
}

class ProcedureBuilder<I extends z.ZodType> {
  constructor(
    private readonly kind: 'query' | 'mutation',
    private readonly inputSchema: I,
    private readonly changes: readonly Domain[],
  ) {}
  /** Declares the output type and who may call; the doc is the line the contract exports. */
  returns<O>(access: Access, doc: string): Procedure<I, O> {
    return { kind: this.kind, input: this.inputSchema, access, doc, effects: this.changes };
  }
}

export const query = <I extends z.ZodType>(input: I) => new ProcedureBuilder('query', input, []);

/**
 * A mutation must say what it changes before it can say what it returns:
 * `mutation(input).effects('partners', 'activity').returns<Partner>(access, doc)`.
 */
export const mutation = <I extends z.ZodType>(input: I) => ({
  effects: (...domains: [Domain, ...Domain[]]) => new ProcedureBuilder('mutation', input, domains),
});

export type InputOf<P> = P extends Procedure<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<P> = P extends Procedure<infer I, unknown> ? z.output<I> : never;
export type OutputOf<P> = P extends Procedure<z.ZodType, infer O> ? O : never;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Merges the per-domain procedure maps; a name defined twice throws at start-up. */
export function defineContract<P extends Record<string, Procedure>[]>(...parts: P): UnionToIntersection<P[number]> {
  const merged: Record<string, Procedure> = {};
  for (const part of parts) {
    for (const [name, proc] of Object.entries(part)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) throw new Error(`Procedure ${name} is defined twice`);
      merged[name] = proc;
    }
  }
  return merged as UnionToIntersection<P[number]>;
}
