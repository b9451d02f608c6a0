import type { Services } from '../services';
import type { Handlers } from './types';

type Names = never;

export function payoutsHandlers(_s: Services): Pick<Handlers, Names> {
  return {};
}
