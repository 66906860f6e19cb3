import { Injectable, type PipeTransform } from '@nestjs/common';
import { problem, ProblemException } from '../../http/problem.js';
import { asciiLowerCase } from '../../shared/ascii-lower-case.js';
import { MAX_MISSION_ID_LENGTH, MISSION_ID_PATTERN } from '../domain/mission-id.js';

const MISSION_ID = new RegExp(MISSION_ID_PATTERN);

/**
 * A path's mission id must look like one (`kr-cu-havana`, in any ASCII case: `KR-CU-Havana` is
 * the same mission); anything else names no mission, a letter that only folds to ASCII (the
 * Kelvin sign in `\u212Ar-cu-havana`) included.
 */
@Injectable()
export class MissionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const id = typeof value === 'string' ? asciiLowerCase(value) : '';
    if (id.length > MAX_MISSION_ID_LENGTH || !MISSION_ID.test(id)) {
      throw new ProblemException(
        problem('notFound', 'No such mission: mission ids look like kr-cu-havana.'),
      );
    }
    return id;
  }
}
