import { contextBridge, ipcRenderer } from 'electron';
import type { PartnerDeskBridge } from '../src-shared/bridge';
import type { CallResult } from '../src-shared/contract/errors';
import { IPC_CALL_CHANNEL, IPC_PICK_FILE_CHANNEL } from '../src-shared/ipc-channels';

/**
 * The whole surface the renderer gets: call a named procedure, pick a file. No generic
 * channel, no ipcRenderer, no process.env. Main re-checks the sender and validates the input.
 */
const bridge: PartnerDeskBridge = {
  platform: 'electron',
  call: (procedure, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, String(procedure), input) as Promise<CallResult<unknown>>,
  pickFile: (options) => ipcRenderer.invoke(IPC_PICK_FILE_CHANNEL, { title: String(options.title), extensions: options.extensions.map(String) }),
};

contextBridge.exposeInMainWorld('partnerDesk', bridge);
