/** The only IPC channels between preload and main. */
export const IPC_CALL_CHANNEL = 'partnerdesk:call';
export const IPC_PICK_FILE_CHANNEL = 'partnerdesk:pick-file';
/** main → renderer: a ChangeEvent (live updates). */
export const IPC_CHANGE_CHANNEL = 'partnerdesk:change';
/** The connection setting: get / probe / choose / retry (see ConnectionBridge). */
export const IPC_CONNECTION_CHANNEL = 'partnerdesk:connection';
