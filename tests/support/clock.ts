import { createAppOn } from '../../src-main/app';
import type { EngineUnderTest, TestApp } from './engines';

/** A clock the test moves by hand: sessions, lockouts and activity times all read it. */
export interface TestClock {
  (): Date;
  advance(ms: number): void;
  set(at: Date | string): void;
}

export function testClock(start: Date | string = '2031-03-03T08:00:00.000Z'): TestClock {
  let nowMs = new Date(start).getTime();
  const clock = (() => new Date(nowMs)) as TestClock;
  clock.advance = (ms) => {
    if (ms < 0) throw new Error('a test clock only moves forward');
    nowMs += ms;
  };
  clock.set = (at) => {
    nowMs = new Date(at).getTime();
  };
  return clock;
}

/** Like openTestApp, with the services reading `clock` instead of the wall clock. */
export async function openTestAppWithClock(engine: EngineUnderTest, clock: TestClock): Promise<TestApp> {
  const { database, dataDir, dispose } = await engine.open();
  const app = createAppOn(database, dataDir, { clock });
  return { ...app, dispose };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
