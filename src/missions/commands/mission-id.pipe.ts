import { Injectable, type PipeTransform } from '@nestjs/common';
import { problem, ProblemException } from '../../http/problem.js';
import { MAX_MISSION_ID_LENGTH, MISSION_ID_PATTERN } from '../domain/mission-id.js';

const MISSION_ID = new RegExp(MISSION_ID_PATTERN);

/** A path's mission id must look like one (`kr-cu-havana`); anything else names no mission. */
@Injectable()
export class MissionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (
      typeof value !== 'string' ||
      value.length > MAX_MISSION_ID_LENGTH ||
      !MISSION_ID.test(value)
    ) {
      throw new ProblemException(
        problem('notFound', 'No such mission: mission ids look like kr-cu-havana.'),
      );
    }
    return value;
  }
}
