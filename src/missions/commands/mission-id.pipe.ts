import { Injectable, type PipeTransform } from '@nestjs/common';
import { problem, ProblemException } from '../../http/problem.js';

const MISSION_ID = /^[a-z]{2}-[a-z]{2}-[a-z0-9]+(-[a-z0-9]+)*$/;

/** A path's mission id must look like one (`kr-cu-havana`); anything else names no mission. */
@Injectable()
export class MissionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value !== 'string' || value.length > 120 || !MISSION_ID.test(value)) {
      throw new ProblemException(
        problem('notFound', 'No such mission: mission ids look like kr-cu-havana.'),
      );
    }
    return value;
  }
}
