import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Dispatch } from '../dispatch';
import type { CallResult } from '../../src-shared/contract/errors';
import { IPC_CALL_CHANNEL } from '../../src-shared/ipc-channels';

/**
 * The desktop transport: one invoke channel into the same dispatch as HTTP. The session
 * token never reaches the renderer: main keeps it per webContents.
 */
/** `setupCode`: this process's first-run code; the window is the console's own user, so set-up needs no typing there. */
export function registerIpc(dispatch: Dispatch, isTrustedUrl: (url: string) => boolean, setupCode?: string): void {
  const tokens = new Map<number, string>();
  const forget = (contents: WebContents) => contents.once('destroyed', () => tokens.delete(contents.id));

  ipcMain.handle(IPC_CALL_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown): Promise<CallResult<unknown>> => {
    // Only our own page, in the top frame, may call: not an iframe, not a navigated-away page.
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
      return { ok: false, error: { code: 'forbidden', message: 'Untrusted sender' } };
    }
    const id = event.sender.id;
    if (!tokens.has(id)) forget(event.sender);
    const outcome = await dispatch(String(name), input, { token: tokens.get(id) ?? null, clientKey: 'desktop', ...(setupCode ? { setupCode } : {}) });
    if (typeof outcome.token === 'string') tokens.set(id, outcome.token);
    else if (outcome.token === null) tokens.delete(id);
    return outcome.response;
  });
}
