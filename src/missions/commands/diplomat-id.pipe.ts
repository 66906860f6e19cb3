import { Injectable } from '@nestjs/common';
import { noSuch, UuidPathPipe } from '../../http/uuid-path.pipe.js';
import { DomainRuleError } from '../../shared/domain-rule.error.js';
import { MissionRules } from '../domain/mission.rules.js';

/** A diplomat id is a uuid; anything else names no diplomat. */
@Injectable()
export class DiplomatIdPipe extends UuidPathPipe {
  constructor() {
    super(noSuch('diplomat'));
  }
}

/**
 * On a command, an id that is no uuid names a diplomat never dispatched: the 404 the mission
 * refuses an unknown diplomat with (`diplomat-not-dispatched`), one type for one reason.
 */
@Injectable()
export class DispatchedDiplomatIdPipe extends UuidPathPipe {
  constructor() {
    super(
      () =>
        new DomainRuleError(
          MissionRules.diplomatNotDispatched,
          'no such diplomat was dispatched to this mission (diplomat ids are uuids)',
          'not-found',
        ),
    );
  }
}
