import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ConnectionBridge, PartnerDeskBridge } from '../src-shared/bridge';
import type { CallResult } from '../src-shared/contract/errors';
import type { ChangeEvent } from '../src-shared/live';
import { IPC_CALL_CHANNEL, IPC_CHANGE_CHANNEL, IPC_CONNECTION_CHANNEL, IPC_PICK_FILE_CHANNEL } from '../src-shared/ipc-channels';

/**
 * The whole surface the renderer gets: call a named procedure, pick a file, hear that data
 * changed, choose local or connected mode. No generic channel, no ipcRenderer, no process.env.
 * Main re-checks the sender and validates every argument.
 */
const connection: ConnectionBridge = {
  get: () => ipcRenderer.invoke(IPC_CONNECTION_CHANNEL, { op: 'get' }),
  probe: (serverUrl) => ipcRenderer.invoke(IPC_CONNECTION_CHANNEL, { op: 'probe', serverUrl: String(serverUrl) }),
  choose: (choice) =>
    ipcRenderer.invoke(
      IPC_CONNECTION_CHANNEL,
      choice.mode === 'local'
        ? { op: 'choose', mode: 'local' }
        : { op: 'choose', mode: 'connected', serverUrl: String(choice.serverUrl), ...(choice.trustFingerprint ? { trustFingerprint: String(choice.trustFingerprint) } : {}) },
    ),
  retry: () => ipcRenderer.invoke(IPC_CONNECTION_CHANNEL, { op: 'retry' }),
};

const bridge: PartnerDeskBridge = {
  platform: 'electron',
  call: (procedure, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, String(procedure), input) as Promise<CallResult<unknown>>,
  pickFile: (options) => ipcRenderer.invoke(IPC_PICK_FILE_CHANNEL, { title: String(options.title), extensions: options.extensions.map(String) }),
  onChange: (listener) => {
    // The IPC event object (with its sender) never reaches the page: only the payload does.
    const forward = (_event: IpcRendererEvent, change: ChangeEvent) => listener(change);
    ipcRenderer.on(IPC_CHANGE_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_CHANGE_CHANNEL, forward);
    };
  },
  connection,
};

contextBridge.exposeInMainWorld('partnerDesk', bridge);
