import { KeyedQueue } from '../../src/command-handling/keyed-queue.js';

describe('A keyed queue', () => {
  const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('runs the tasks of one key one at a time, in the order they came', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`${name} starts`);
      await later(ms);
      log.push(`${name} ends`);
      return name;
    };
    const results = await Promise.all([
      queue.run('kr-cu-havana', task('first', 20)),
      queue.run('kr-cu-havana', task('second', 1)),
    ]);
    expect(results).toEqual(['first', 'second']);
    expect(log).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
  });

  it('runs other keys meanwhile, and goes on after a task that failed', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const failed = queue.run('a', async () => {
      await later(20);
      throw new Error('refused');
    });
    const other = queue.run('b', async () => log.push('b'));
    const next = queue.run('a', async () => log.push('a after the failure'));
    await expect(failed).rejects.toThrow('refused');
    await Promise.all([other, next]);
    expect(log).toEqual(['b', 'a after the failure']);
  });

  it('starts a task at once when its key has nothing running, and again once the key is idle', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const first = queue.run('a', async () => log.push('first'));
    expect(log).toEqual(['first']);
    await first;
    await later(0);
    void queue.run('a', async () => log.push('second'));
    expect(log).toEqual(['first', 'second']);
  });

  it('answers a task that throws before its first await with a rejection, and goes on', async () => {
    const queue = new KeyedQueue();
    const throwsAtOnce = (): Promise<string> => {
      throw new Error('refused at once');
    };
    await expect(queue.run('a', throwsAtOnce)).rejects.toThrow('refused at once');
    await expect(queue.run('a', async () => 'next')).resolves.toBe('next');
  });
});
