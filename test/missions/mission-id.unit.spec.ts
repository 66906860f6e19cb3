import {
  cityRefusal,
  citySlugOf,
  MAX_CITY_SLUG_LENGTH,
  missionIdOf,
  missionStreamOf,
} from '../../src/missions/domain/mission-id.js';

describe('Mission id', () => {
  it('is the sending state, the receiving state and the city, in lower case', () => {
    expect(missionIdOf('KR', 'CU', 'Havana')).toBe('kr-cu-havana');
    expect(missionIdOf('CU', 'KR', 'Seoul')).toBe('cu-kr-seoul');
  });

  it.each([
    ['São Paulo', 'sao-paulo'],
    ['Abu Dhabi', 'abu-dhabi'],
    ['  Tel   Aviv-Yafo ', 'tel-aviv-yafo'],
    ['Bogotá, D.C.', 'bogota-d-c'],
    ['Zürich', 'zurich'],
    ['İstanbul', 'istanbul'],
    ['Nur-Sultan (Astana)', 'nur-sultan-astana'],
    ['Москва', 'moskva'],
    ['Łódź', 'lodz'],
    ['Gießen', 'giessen'],
    ['Tórshavn', 'torshavn'],
    ['Αθήνα', 'athina'],
    ['서울', 'seoul'],
    ['Hà Nội', 'ha-noi'],
    ['Paris ★', 'paris'],
    ['★ ☆', ''],
    ['Brus\u200bsels', 'brussels'],
    ['\u202eGhent', 'ghent'],
    ['\u00adKyiv\ufeff', 'kyiv'],
  ])('names the city %j as %j', (city, slug) => {
    expect(citySlugOf(city)).toBe(slug);
  });

  it('gives the same id to the same city however it is spelled', () => {
    expect(missionIdOf('US', 'BR', 'Sao Paulo')).toBe(missionIdOf('US', 'BR', 'São Paulo'));
  });

  it('refuses a city with no letter or digit, or one whose id part would be too long', () => {
    expect(cityRefusal('Havana')).toBeUndefined();
    expect(cityRefusal(' -- ')).toMatch(/has no letter or digit/);
    expect(cityRefusal('a'.repeat(MAX_CITY_SLUG_LENGTH))).toBeUndefined();
    expect(cityRefusal('東'.repeat(100))).toMatch(/too long to name a mission/);
  });

  it('lives in the stream mission-<missionId>', () => {
    expect(missionStreamOf('kr-cu-havana')).toBe('mission-kr-cu-havana');
  });
});
