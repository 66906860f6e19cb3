import { Injectable } from '@nestjs/common';
import { noSuch, UuidPathPipe } from '../../http/uuid-path.pipe.js';
import { DomainRuleError } from '../../shared/domain-rule.error.js';
import { HeadOfMissionRules } from '../domain/head-of-mission.rules.js';

/** A head-of-mission id is a uuid; anything else names no head of mission. */
@Injectable()
export class HeadOfMissionIdPipe extends UuidPathPipe {
  constructor() {
    super(noSuch('head of mission'));
  }
}

/**
 * On a command, an id that is no uuid names no nominee: the 404 the mission's register refuses
 * an unknown one with (`head-of-mission-not-nominated`), one type for one reason.
 */
@Injectable()
export class NomineeIdPipe extends UuidPathPipe {
  constructor() {
    super(
      () =>
        new DomainRuleError(
          HeadOfMissionRules.notNominated,
          'no such head of mission was nominated to this mission (head-of-mission ids are uuids)',
          'not-found',
        ),
    );
  }
}
