import type { Services } from '../services';
import { foundationHandlers } from './foundation';
import type { Handlers } from './types';

export function createHandlers(services: Services): Handlers {
  return { ...foundationHandlers(services) };
}
