import { Injectable, type PipeTransform } from '@nestjs/common';
import { problem, ProblemException } from '../../http/problem.js';
import { MAX_MISSION_ID_LENGTH, MISSION_ID_PATTERN } from '../domain/mission-id.js';

const MISSION_ID = new RegExp(MISSION_ID_PATTERN);

/**
 * A path's mission id must look like one (`kr-cu-havana`, in any case: `KR-CU-Havana` is the
 * same mission); anything else names no mission.
 */
@Injectable()
export class MissionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const id = typeof value === 'string' ? value.toLowerCase() : '';
    if (id.length > MAX_MISSION_ID_LENGTH || !MISSION_ID.test(id)) {
      throw new ProblemException(
        problem('notFound', 'No such mission: mission ids look like kr-cu-havana.'),
      );
    }
    return id;
  }
}
