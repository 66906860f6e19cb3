import { Injectable, type PipeTransform } from '@nestjs/common';
import { problem, ProblemException } from '../../http/problem.js';
import { asciiLowerCase } from '../../shared/ascii-lower-case.js';
import { DomainRuleError } from '../../shared/domain-rule.error.js';
import { MAX_MISSION_ID_LENGTH, MISSION_ID_PATTERN } from '../domain/mission-id.js';
import { MissionRules } from '../domain/mission.rules.js';

const MISSION_ID = new RegExp(MISSION_ID_PATTERN);

/**
 * A path's mission id, which must look like one (`kr-cu-havana`, in any ASCII case:
 * `KR-CU-Havana` is the same mission), as the lower-case id; anything else names no mission,
 * a letter that only folds to ASCII (the Kelvin sign in `\u212Ar-cu-havana`) included.
 */
function missionIdOf(value: unknown, refusal: () => Error): string {
  const id = typeof value === 'string' ? asciiLowerCase(value) : '';
  if (id.length > MAX_MISSION_ID_LENGTH || !MISSION_ID.test(id)) throw refusal();
  return id;
}

/** On a read, a path that names no mission is a 404 `not-found`. */
@Injectable()
export class MissionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return missionIdOf(
      value,
      () =>
        new ProblemException(
          problem('notFound', 'No such mission: mission ids look like kr-cu-havana.'),
        ),
    );
  }
}

/**
 * On a command, a path that names no mission is refused as a mission never planned is (404
 * `mission-not-planned`): one type for one reason.
 */
@Injectable()
export class PlannedMissionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return missionIdOf(
      value,
      () =>
        new DomainRuleError(
          MissionRules.notPlanned,
          'no mission was planned with this id (mission ids look like kr-cu-havana): nothing can happen to it',
          'not-found',
        ),
    );
  }
}
