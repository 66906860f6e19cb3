import { repeatedMembersOf } from '../../src/http/repeated-members.js';

describe('Members named twice in one JSON object', () => {
  it('names none in a body whose objects name each member once', () => {
    const text = JSON.stringify({
      title: 'Meeting',
      outcomes: [
        { kind: 'establish-missions', missions: [{ city: 'Havana' }, { city: 'Seoul' }] },
        { kind: 'cooperation', areas: ['trade', 'trade'] },
      ],
    });
    expect(repeatedMembersOf(text)).toEqual([]);
  });

  it('names a member repeated at the top, by its name', () => {
    expect(repeatedMembersOf('{"name":"Zed","title":"x","name":"Ana"}')).toEqual(['name']);
  });

  it('names a member repeated deep inside, by its path', () => {
    const text =
      '{"outcomes":[{"kind":"other","summary":"a"},{"kind":"x","missions":[{"city":"A"},{"city":"B","city":"C"}],"kind":"y"}]}';
    expect(repeatedMembersOf(text)).toEqual(['outcomes[1].missions[1].city', 'outcomes[1].kind']);
  });

  it('reads names as JSON.parse does: an escaped spelling is the same name', () => {
    expect(repeatedMembersOf('{"name":"a","n\\u0061me":"b"}')).toEqual(['name']);
    expect(repeatedMembersOf('{"a\\"b":1,"a\\\\":2}')).toEqual([]);
  });

  it('is not misled by quotes, commas and braces inside strings, or by whitespace', () => {
    const text = '{ "title" : "a \\" , { [ } ] name", "name" : "x" ,\n "place" : "y" }';
    expect(repeatedMembersOf(text)).toEqual([]);
    expect(repeatedMembersOf('{ "a" : { "b" : 1 } , "a" : 2 }')).toEqual(['a']);
  });

  it('keeps the members of different objects apart', () => {
    expect(repeatedMembersOf('{"a":{"x":1},"b":{"x":2},"c":[{"x":3},{"x":4}]}')).toEqual([]);
  });
});
