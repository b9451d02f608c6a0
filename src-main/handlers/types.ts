import type { Contract, Output, ProcedureName } from '../../src-shared/contract';
import type { ParsedInputOf } from '../../src-shared/contract/procedure';
import type { ActiveSession } from '../services/context';

/** What a transport knows about a call: the bearer token it holds and who is calling. */
export interface CallContext {
  token: string | null;
  /** Rate-limit and audit key for the caller: the client IP in server mode, 'desktop' over IPC. */
  clientKey: string;
  /** The set-up code, vouched for by a transport that runs in this process (the desktop window); never set over HTTP. */
  setupCode?: string;
}

export interface HandlerContext {
  /** The resolved session, or null on public procedures called signed-out. */
  session: ActiveSession | null;
  /** The session; dispatch guarantees it exists for every non-public procedure. */
  readonly me: ActiveSession;
  /** Set by sign-in/sign-out: the transport stores (string) or forgets (null) the token. */
  setToken(token: string | null): void;
  /** The transport's caller key (client address), for sign-in throttling. */
  clientKey: string;
  setupCode: string | null;
}

export type Handler<N extends ProcedureName> = (input: ParsedInputOf<Contract[N]>, ctx: HandlerContext) => Promise<Output<N>>;

/** One handler per procedure: a missing one is a type error, an extra one too. */
export type Handlers = { [N in ProcedureName]: Handler<N> };
