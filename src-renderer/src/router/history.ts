import { createBrowserHistory, createHashHistory, type RouterHistory } from '@tanstack/react-router';

/**
 * Electron loads the bundle from file://, where a path like /partners/x would name a file on
 * disk: the location lives in the hash there (`index.html#/partners/x`). In server mode the
 * browser's own paths are used, and the server answers every non-API path with index.html.
 * The preload's bridge (`window.partnerDesk`) is what tells the two apart.
 */
export function createAppHistory(): RouterHistory {
  return window.partnerDesk ? createHashHistory() : createBrowserHistory();
}
