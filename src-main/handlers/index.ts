import type { Services } from '../services';
import { foundationHandlers } from './foundation';
import { partnerHandlers } from './partners';
import type { Handlers } from './types';

export function createHandlers(services: Services): Handlers {
  return { ...foundationHandlers(services), ...partnerHandlers(services) };
}
