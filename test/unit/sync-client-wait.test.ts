import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { waitWhileWaiting } from '../../src/store/postgres/sync-client.ts';

const WAITING = 0;
const ANSWERED = 1;

/** A thread that wakes the waiter without answering (a previous answer's late notify), then answers. */
function notifyThenAnswer(flag: Int32Array, answerAfterMs: number): Worker {
  return new Worker(
    `const { workerData: { flag, answerAfterMs } } = require('node:worker_threads');
     const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
     sleep(20);
     Atomics.notify(flag, 0);
     sleep(answerAfterMs);
     Atomics.store(flag, 0, ${ANSWERED});
     Atomics.notify(flag, 0);`,
    { eval: true, workerData: { flag, answerAfterMs } },
  );
}

describe('waiting for the PostgreSQL worker', () => {
  it('keeps waiting through a wake-up that brings no answer', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, WAITING);
    const worker = notifyThenAnswer(flag, 150);
    // Before the fix, the late notify ended the wait and the query failed with "closed without an answer".
    expect(waitWhileWaiting(flag, 10_000)).toBe('answered');
    expect(Atomics.load(flag, 0)).toBe(ANSWERED);
    await worker.terminate();
  });

  it('gives up when the time is up, however often it was woken', async () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, WAITING);
    const worker = notifyThenAnswer(flag, 5_000);
    expect(waitWhileWaiting(flag, 300)).toBe('timed-out');
    await worker.terminate();
  });

  it('returns at once when the answer is already there', () => {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    Atomics.store(flag, 0, ANSWERED);
    expect(waitWhileWaiting(flag, 0)).toBe('answered');
  });
});
