import type { z } from 'zod';
import { AppError, contract, isProcedureName, type CallResult, type ProcedureName } from '../src-shared/contract';
import { allowed } from '../src-shared/contract/procedure';
import { findUnsafeText } from '../src-shared/contract/fields';
import type { Services } from './services';
import type { ActiveSession } from './services/context';
import type { CallContext, Handler, HandlerContext, Handlers } from './handlers/types';
import { log } from './log';

/** What a session with an admin-set password may still call (public procedures aside). */
const WHILE_PASSWORD_MUST_CHANGE: ReadonlySet<string> = new Set(['auth.changePassword', 'auth.signOut']);

export interface DispatchOutcome {
  response: CallResult<unknown>;
  /** undefined: keep the token; string: store this new token; null: forget the token. */
  token?: string | null;
}


/** The first schema issue as one field error (the renderer shows it beside that field). */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  // Nested fields are dotted (`contact.email`, `details.iban`) so forms can put the message beside the input.
  const field = issue?.path.length ? issue.path.map(String).join('.') : undefined;
  const message = issue ? (issue.code === 'unrecognized_keys' ? `Unknown field: ${issue.keys.join(', ')}` : issue.message) : 'Invalid input';
  return new AppError('validation', message, field);
}

/**
 * The single entry for every call from every transport:
 * 1. the procedure exists; 2. authenticate; 3. authorise by role, with the tenant taken from
 * the session; 4. validate the input; 5. call the handler (one service call).
 * Errors leave as `{ code, message, field? }` only: never a stack or an internal message.
 */
export interface DispatchHooks {
  /** After a mutation succeeded (its transaction committed): the live-update feed publishes it. */
  committed?(procedure: ProcedureName, session: ActiveSession, input: unknown, result: unknown): void;
}

export function createDispatch(services: Services, handlers: Handlers, hooks: DispatchHooks = {}) {
  return async function dispatch(name: string, rawInput: unknown, call: CallContext): Promise<DispatchOutcome> {
    let token: string | null | undefined;
    try {
      if (!isProcedureName(name)) throw new AppError('not_found', `Unknown procedure: ${String(name).slice(0, 80)}`);
      const procedure = contract[name];
      // Who is calling before what they sent: a signed-out or unauthorised caller learns nothing
      // of a procedure's input rules (not even which fields exist) from its validation messages.
      const session: ActiveSession | null = await services.auth.sessions.resolve(call.token);
      if (procedure.access !== 'public' && !session) throw new AppError('unauthenticated', 'Your session has ended; please sign in again');
      if (!allowed(procedure.access, session?.role ?? null)) throw new AppError('forbidden', 'Your role does not allow this');
      // Enforced here, not only in the UI: an admin-set password opens nothing but its own replacement.
      if (session?.mustChangePassword && procedure.access !== 'public' && !WHILE_PASSWORD_MUST_CHANGE.has(name)) throw new AppError('forbidden', 'Choose a new password first');
      // Before the schema, for every string and key the schema may not look at (an opaque record, a
      // field that forgot its builder): a NUL or lone surrogate would otherwise reach the driver.
      const unsafe = findUnsafeText(rawInput);
      if (unsafe) throw new AppError('validation', unsafe.message, unsafe.path || undefined);
      // No input at all (an IPC call without arguments) is an empty object; null is malformed input.
      const parsed = procedure.input.safeParse(rawInput === undefined ? {} : rawInput);
      if (!parsed.success) throw validationError(parsed.error);
      const ctx: HandlerContext = {
        session,
        get me() {
          if (!session) throw new AppError('unauthenticated', 'Please sign in');
          return session;
        },
        setToken(next) {
          token = next;
        },
        clientKey: call.clientKey,
        setupCode: call.setupCode ?? null,
      };
      const handler = handlers[name] as Handler<ProcedureName>;
      const result = await handler(parsed.data as never, ctx);
      if (procedure.kind === 'mutation' && session) hooks.committed?.(name, session, parsed.data, result);
      return { response: { ok: true, result }, ...(token !== undefined ? { token } : {}) };
    } catch (error) {
      if (error instanceof AppError) {
        if (error.code === 'unauthenticated' && call.token) token = null;
        return { response: { ok: false, error: error.toPayload() }, ...(token !== undefined ? { token } : {}) };
      }
      // No messages: a service's may quote the input, a driver's the SQL parameters.
      log.error(`procedure ${String(name).slice(0, 80)} failed`, error, { messages: false });
      return { response: { ok: false, error: { code: 'internal', message: 'Something went wrong; the change was not saved' } } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatch>;
