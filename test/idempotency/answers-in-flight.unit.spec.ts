import type { FastifyRequest } from 'fastify';
import { AnswersInFlight } from '../../src/idempotency/answers-in-flight.js';

describe('Keyed requests in flight', () => {
  const keyed = (actor: string, key: string) => ({ actor, key, requestHash: 'h' });
  const request = () => ({}) as FastifyRequest;
  const settled = () => new Promise((resolve) => setImmediate(resolve));

  it('lets a copy with the same caller and key through only once the first one’s answer is sent', async () => {
    const answers = new AnswersInFlight();
    const first = request();
    answers.answering(first, keyed('staff', 'k'), await answers.hold(keyed('staff', 'k')));
    let copyHeld = false;
    const copy = answers.hold(keyed('staff', 'k')).then((release) => {
      copyHeld = true;
      return release;
    });
    await settled();
    expect(copyHeld).toBe(false);

    expect(answers.answered(first)).toEqual(keyed('staff', 'k'));
    (await copy)();
    expect(copyHeld).toBe(true);
  });

  it('keeps other callers’ and other keys’ requests apart', async () => {
    const answers = new AnswersInFlight();
    answers.answering(request(), keyed('staff', 'k'), await answers.hold(keyed('staff', 'k')));
    await expect(answers.hold(keyed('other', 'k'))).resolves.toEqual(expect.any(Function));
    await expect(answers.hold(keyed('staff', 'j'))).resolves.toEqual(expect.any(Function));
  });

  it('names a request once: its answer is kept once, and a request it never let through has none', async () => {
    const answers = new AnswersInFlight();
    const first = request();
    answers.answering(first, keyed('staff', 'k'), await answers.hold(keyed('staff', 'k')));
    expect(answers.answered(first)).toBeDefined();
    expect(answers.answered(first)).toBeUndefined();
    expect(answers.answered(request())).toBeUndefined();
  });
});
