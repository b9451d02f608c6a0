/**
 * The app's logger. Deliberately tiny: it never receives inputs, tokens or keys, only
 * messages and errors, so secrets cannot reach the log by accident.
 */
export const log = {
  info: (message: string) => console.log(`[partnerdesk] ${message}`),
  warn: (message: string) => console.warn(`[partnerdesk] ${message}`),
  error: (message: string, error?: unknown) =>
    console.error(`[partnerdesk] ${message}`, error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : ''),
};
