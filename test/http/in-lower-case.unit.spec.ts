import { plainToInstance } from 'class-transformer';
import { InLowerCase } from '../../src/http/validation/in-lower-case.js';

class StreamQuery {
  @InLowerCase()
  stream!: unknown;
}

const read = (stream: unknown) => plainToInstance(StreamQuery, { stream }).stream;

describe('A field read in lower case (ids the service writes in lower case ASCII)', () => {
  it('reads capitals A–Z in lower case', () => {
    expect(read('Mission-KR-CU-Havana')).toBe('mission-kr-cu-havana');
  });

  it.each([
    ['the Kelvin sign', 'mission-\u212Ar-cu-havana'],
    ['a dotted capital I', 'mission-tr-kr-\u0130stanbul'],
    ['an accented capital', 'mission-kr-cu-\u00C9vora'],
  ])('leaves %s as it is, so it names nothing the service wrote', (_label, stream) => {
    expect(read(stream)).toBe(stream);
  });

  it('leaves a value that is not text to validation', () => {
    expect(read(7)).toBe(7);
  });
});
