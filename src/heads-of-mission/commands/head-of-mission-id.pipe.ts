import { Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { problem, ProblemException } from '../../http/problem.js';

/** A head-of-mission id is a uuid; anything else names no head of mission. */
@Injectable()
export class HeadOfMissionIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new ProblemException(problem('notFound', 'No such head of mission.'));
    return value.toLowerCase();
  }
}
