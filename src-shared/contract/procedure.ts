import type { z } from 'zod';
import type { Role } from './roles';

/**
 * Who may call a procedure:
 * - 'public': anyone, signed in or not (first-run set-up, sign-in);
 * - 'signed_in': any valid session, whatever its role (session info, sign-out);
 * - a list of roles: a session whose role in the current workspace is in the list.
 */
export type Access = 'public' | 'signed_in' | readonly Role[];

export interface Procedure<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly kind: 'query' | 'mutation';
  readonly input: I;
  readonly access: Access;
  readonly doc: string;
  /** Phantom: carries the output type; never read at run time. */
  readonly output?: O;
}

class ProcedureBuilder<I extends z.ZodType> {
  constructor(
    private readonly kind: 'query' | 'mutation',
    private readonly inputSchema: I,
  ) {}
  /** Declares the output type and who may call; the doc is the line the contract exports. */
  returns<O>(access: Access, doc: string): Procedure<I, O> {
    return { kind: this.kind, input: this.inputSchema, access, doc };
  }
}

export const query = <I extends z.ZodType>(input: I) => new ProcedureBuilder('query', input);
export const mutation = <I extends z.ZodType>(input: I) => new ProcedureBuilder('mutation', input);

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
