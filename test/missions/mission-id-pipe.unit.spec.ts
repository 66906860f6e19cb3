import { MissionIdPipe } from '../../src/missions/commands/mission-id.pipe.js';
import { ProblemException } from '../../src/http/problem.js';

describe('Mission id in a path', () => {
  const pipe = new MissionIdPipe();
  /** The status a path segment is refused with, or the mission id it names. */
  const read = (segment: string): string | number => {
    try {
      return pipe.transform(segment);
    } catch (refusal) {
      if (refusal instanceof ProblemException) return refusal.problem.status;
      throw refusal;
    }
  };

  it('reads the id in any ASCII case as the lower-case id', () => {
    expect(read('kr-cu-havana')).toBe('kr-cu-havana');
    expect(read('KR-CU-Havana')).toBe('kr-cu-havana');
  });

  it.each([
    ['the Kelvin sign for K', '\u212Ar-cu-havana'],
    ['the Kelvin sign for k, inside the city', 'kr-cu-ban\u212Aok'],
    ['a dotted capital I', 'tr-kr-\u0130stanbul'],
    ['a long s', 'kr-cu-\u017Feoul'],
    ['a fullwidth letter', 'kr-cu-\uFF28avana'],
  ])('names no mission with %s, which only folds to ASCII', (_label, segment) => {
    expect(read(segment)).toBe(404);
  });
});
