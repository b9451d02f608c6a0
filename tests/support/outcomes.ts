import type { App } from '../../src-main/app';
import type { ErrorPayload } from '../../src-shared/contract';
import { rawCall } from './actors';

/** Calls through the real dispatch and returns the error it answered; fails if the call succeeded. */
export async function callError(app: App, name: string, input: unknown, token: string | null = null): Promise<ErrorPayload> {
  const outcome = await rawCall(app, name, input, token);
  if (outcome.response.ok) throw new Error(`${name} was expected to fail but returned ${JSON.stringify(outcome.response.result)}`);
  return outcome.response.error;
}
