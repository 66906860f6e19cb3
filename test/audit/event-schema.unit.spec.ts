import { currentSchemaVersion } from '../../src/event-store/event-schema/event-schemas.js';
import {
  storedSchemaVersion,
  upcast,
  upcastData,
  upcastRecorded,
} from '../../src/event-store/event-schema/upcast.js';
import { gradeFromTitle, rankOf } from '../../src/missions/domain/diplomatic-rank.js';
import { diplomatDispatchedV1ToV2 } from '../../src/missions/domain/diplomat-dispatched.v1.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import type { JsonObject } from '../../src/shared/json.js';
import { encodePosition } from '../../src/event-store/position.js';

const v1 = {
  missionId: 'kr-cu-havana',
  diplomatId: 'd-1',
  name: 'Korean diplomat',
  title: 'Counsellor',
  role: 'head-of-office',
  dispatchedOn: '2024-06-10',
  expectedArrivalOn: null,
  occurredOn: '2024-06-10',
};

function recorded(data: Record<string, unknown>, schemaVersion?: number): RecordedEvent {
  return {
    id: 'e-1',
    type: 'DiplomatDispatched',
    stream: 'mission-kr-cu-havana',
    revision: 1,
    position: encodePosition(2n, 2n),
    recordedAt: '2024-06-10T00:00:00.000Z',
    data: data as RecordedEvent['data'],
    metadata: schemaVersion === undefined ? { hash: 'h' } : { schemaVersion, hash: 'h' },
  };
}

describe('Event schema versions', () => {
  it('writes DiplomatDispatched at version 2, and every other type at version 1', () => {
    expect(currentSchemaVersion('DiplomatDispatched')).toBe(2);
    expect(currentSchemaVersion('MissionPlanned')).toBe(1);
    expect(currentSchemaVersion('toString')).toBe(1);
  });

  it('reads an event stored without a version as version 1', () => {
    expect(storedSchemaVersion({})).toBe(1);
    expect(storedSchemaVersion({ schemaVersion: 2 })).toBe(2);
    expect(storedSchemaVersion({ schemaVersion: 'two' })).toBe(1);
  });

  describe('DiplomatDispatched v1 → v2', () => {
    it('reads the rank from the title, and says it was inferred', () => {
      expect(diplomatDispatchedV1ToV2(v1)).toEqual({
        ...v1,
        rank: { grade: 'counsellor', inferredFromTitle: true },
      });
    });

    it('upcasts a stored v1 event on read, leaving the stored one as it was', () => {
      const stored = recorded(v1, 1);
      const read = upcastRecorded(stored);
      expect(read.data.rank).toEqual({ grade: 'counsellor', inferredFromTitle: true });
      expect(read.metadata).toMatchObject({ schemaVersion: 2, upcastFrom: 1, hash: 'h' });
      expect(stored.data).not.toHaveProperty('rank');
      expect(stored.metadata).toEqual({ schemaVersion: 1, hash: 'h' });
    });

    it('leaves a v2 event untouched, the same object', () => {
      const stored = recorded({ ...v1, rank: { grade: 'minister', inferredFromTitle: false } }, 2);
      expect(upcastRecorded(stored)).toBe(stored);
      const event = { type: 'DiplomatDispatched', data: stored.data };
      expect(upcast(event, stored.metadata)).toBe(event);
    });

    it('upcasts a domain event read with its metadata', () => {
      const event = upcast({ type: 'DiplomatDispatched', data: v1 as JsonObject }, {});
      expect(event.data.rank).toEqual({ grade: 'counsellor', inferredFromTitle: true });
    });

    it('refuses to guess when an upcaster is missing', () => {
      expect(() => upcastData('DiplomatDispatched', v1, 0)).toThrow(/no upcaster/);
    });
  });
});

describe('Diplomatic rank', () => {
  it.each([
    ['Ambassador', 'ambassador'],
    ['Ambassador-designate', 'ambassador'],
    ['Minister-Counsellor', 'minister-counsellor'],
    ['Minister Counselor', 'minister-counsellor'],
    ['Envoy Extraordinary and Minister Plenipotentiary', 'minister'],
    ['Counsellor', 'counsellor'],
    ['First Secretary', 'first-secretary'],
    ['2nd Secretary', 'second-secretary'],
    ['Third Secretary (Political)', 'third-secretary'],
    ['Attaché', 'attache'],
    ['Diplomat', null],
    ['Deputy Head of Mission', null],
    ['Apostolic Nuncio', 'ambassador'],
    ['Apostolic Pro-Nuncio', 'ambassador'],
    ['Internuncio', 'minister'],
    ['High Commissioner', 'ambassador'],
    ['British High Commissioner to Nigeria', 'ambassador'],
    ['Deputy High Commissioner', null],
    ['Deputy-High Commissioner', null],
    ['Assistant High Commissioner', null],
    ['Acting High Commissioner', 'ambassador'],
    ['Inter-Nuncio', 'minister'],
    ['Pronuncio', 'ambassador'],
    ['Counsellor of the Apostolic Nunciature', 'counsellor'],
    ['Secretary to the Apostolic Nuncio', null],
  ])('reads %s as %s', (title, grade) => {
    expect(gradeFromTitle(title)).toBe(grade);
  });

  it.each([
    ['Ambassador Extraordinary and Plenipotentiary', 'ambassador'],
    ['Ambassador of Ireland to France', 'ambassador'],
    ['Ambassador-at-Large', 'ambassador'],
    ['Minister-Counsellor for Economic Affairs', 'minister-counsellor'],
    ['Deputy Head of Mission, Minister-Counsellor', 'minister-counsellor'],
    ['Minister-Counsellor and Deputy Head of Mission', 'minister-counsellor'],
    ['Deputy Head of Mission / Counsellor', 'counsellor'],
    ['Counsellor of Embassy', 'counsellor'],
    ['First Secretary (Political)', 'first-secretary'],
    ['Second Secretary to the Ambassador', 'second-secretary'],
    ['Consul-General with the personal rank of Ambassador', 'ambassador'],
    ['Head of Mission and Ambassador', 'ambassador'],
    ['Deputy Head of Mission and Counsellor', 'counsellor'],
    ['Head of Chancery and First Secretary', 'first-secretary'],
    ['Permanent Representative to the UN and Ambassador', 'ambassador'],
    ['Consul of Korea and Third Secretary', 'third-secretary'],
    ['Officer-in-Charge and Attaché', 'attache'],
    ['Envoy Extraordinary and Minister Plenipotentiary', 'minister'],
  ])(
    'given a title naming its holder’s rank before what it governs, when read, then %s is %s',
    (title, grade) => {
      expect(gradeFromTitle(title)).toBe(grade);
    },
  );

  it.each([
    'Personal Assistant to the Ambassador',
    'Ambassador’s Driver',
    "Ambassador's Driver",
    'Driver, Office of the Minister',
    'Secretary to the Minister-Counsellor',
    'Special Adviser for the Envoy',
    'Head of the Counsellor’s Office',
    'Driver (Ambassador’s Residence)',
    'Deputy Head of Mission and Assistant to the First Secretary',
    'Personal Assistant to the Ambassador and the Minister',
    'Assistant to Ambassador and Minister',
    'Personal Assistant to the Ambassador and Minister-Counsellor',
    'Officer-in-Charge of the Ambassador’s Residence',
    "Chargé d'affaires a.i.",
  ])(
    'given a title whose rank word names someone else, when read, then %s has no grade',
    (title) => {
      expect(gradeFromTitle(title)).toBeNull();
    },
  );

  it('takes a stated rank over the title', () => {
    expect(rankOf('Diplomat', 'first-secretary')).toEqual({
      grade: 'first-secretary',
      inferredFromTitle: false,
    });
    expect(rankOf('Diplomat', null)).toEqual({ grade: null, inferredFromTitle: true });
    expect(rankOf('Personal Assistant to the Ambassador', 'third-secretary')).toEqual({
      grade: 'third-secretary',
      inferredFromTitle: false,
    });
    expect(rankOf('Personal Assistant to the Ambassador', null)).toEqual({
      grade: null,
      inferredFromTitle: true,
    });
  });
});
