import { Injectable, type PipeTransform } from '@nestjs/common';
import { asciiLowerCase } from '../shared/ascii-lower-case.js';

/**
 * An id in a command's path (a mission's, a diplomat's, a nominee's), read in any ASCII case
 * (`KR-CU-Havana` is `kr-cu-havana`) and otherwise left to the command: one that cannot name
 * anything (`kr--havana`, `%E2%82%AC`, a diplomat id that is no uuid) names a stream with no
 * events, so it is refused as an unknown id is, by the same rule (`mission-not-planned`,
 * `diplomat-not-dispatched`, `head-of-mission-not-nominated`) and in the same order, after the
 * body. A letter outside ASCII never stands for one inside it (the Kelvin sign is no `k`).
 */
@Injectable()
export class CommandPathIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return asciiLowerCase(value);
  }
}
