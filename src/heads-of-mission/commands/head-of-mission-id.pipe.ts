import { Injectable } from '@nestjs/common';
import { UuidPathPipe } from '../../http/uuid-path.pipe.js';

/** A head-of-mission id is a uuid; anything else names no head of mission. */
@Injectable()
export class HeadOfMissionIdPipe extends UuidPathPipe {
  constructor() {
    super('head of mission');
  }
}
