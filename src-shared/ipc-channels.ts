/** The only IPC channels between preload and main. */
export const IPC_CALL_CHANNEL = 'partnerdesk:call';
export const IPC_PICK_FILE_CHANNEL = 'partnerdesk:pick-file';
