import type { Dispatch } from '../dispatch';
import type { CallResult } from '../../src-shared/contract/errors';
import { IPC_CALL_CHANNEL } from '../../src-shared/ipc-channels';
import { isTrustedSender, type SenderEventLike } from '../entry/electron-sender';

/**
 * The desktop transport: one invoke channel into the same dispatch as HTTP. The session
 * token never reaches the renderer: main keeps it per webContents. Electron's ipcMain and
 * events are typed structurally (no 'electron' import) so the sender checks run in unit tests.
 */

export interface IpcSenderLike {
  readonly id: number;
  once(event: 'destroyed', listener: () => void): unknown;
}

export interface IpcCallEventLike extends SenderEventLike {
  readonly sender: IpcSenderLike;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcCallEventLike, name: unknown, input: unknown) => Promise<CallResult<unknown>>): void;
}

export type IpcCallHandler = (event: IpcCallEventLike, name: unknown, input: unknown) => Promise<CallResult<unknown>>;

const UNTRUSTED: CallResult<unknown> = { ok: false, error: { code: 'forbidden', message: 'Untrusted sender' } };

export interface IpcCallOptions {
  /** This process's first-run code; the window is the console's own user, so set-up needs no typing there. */
  setupCode?: string;
  /** Told whenever a window's session token changes (null: signed out, or the window closed): live updates follow it. */
  onSession?: (windowId: number, token: string | null) => void;
}

export function createIpcCallHandler(dispatch: Dispatch, isTrustedUrl: (url: string) => boolean, options: IpcCallOptions = {}): IpcCallHandler {
  const { setupCode, onSession } = options;
  const tokens = new Map<number, string>();
  // One 'destroyed' listener per webContents, not one per call made before signing in.
  const watched = new Set<number>();
  const forget = (sender: IpcSenderLike) => {
    if (watched.has(sender.id)) return;
    watched.add(sender.id);
    sender.once('destroyed', () => {
      tokens.delete(sender.id);
      watched.delete(sender.id);
      onSession?.(sender.id, null);
    });
  };
  return async (event, name, input) => {
    if (!isTrustedSender(event, isTrustedUrl)) return UNTRUSTED;
    const id = event.sender.id;
    forget(event.sender);
    const outcome = await dispatch(String(name), input, { token: tokens.get(id) ?? null, clientKey: 'desktop', ...(setupCode ? { setupCode } : {}) });
    if (typeof outcome.token === 'string') tokens.set(id, outcome.token);
    else if (outcome.token === null) tokens.delete(id);
    if (outcome.token !== undefined) onSession?.(id, outcome.token);
    return outcome.response;
  };
}

export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, isTrustedUrl: (url: string) => boolean, options: IpcCallOptions = {}): void {
  ipcMain.handle(IPC_CALL_CHANNEL, createIpcCallHandler(dispatch, isTrustedUrl, options));
}
