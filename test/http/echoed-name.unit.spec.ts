import { echoedName } from '../../src/http/echoed-name.js';

describe('A name taken from the request, as an answer echoes it', () => {
  it('is whole up to 64 characters', () => {
    expect(echoedName('colour')).toBe('colour');
    expect(echoedName('n'.repeat(64))).toBe('n'.repeat(64));
  });

  it('is cut at 64 characters beyond that, with an ellipsis and how long it was', () => {
    expect(echoedName('n'.repeat(65))).toBe(`${'n'.repeat(64)}… (65 characters)`);
  });

  it('counts characters, not UTF-16 units, and never cuts one in half', () => {
    expect(echoedName('😀'.repeat(64))).toBe('😀'.repeat(64));
    expect(echoedName(`a${'😀'.repeat(64)}`)).toBe(`a${'😀'.repeat(63)}… (65 characters)`);
  });
});
