import { Injectable } from '@nestjs/common';
import { UuidPathPipe } from '../../http/uuid-path.pipe.js';

/** A diplomat id is a uuid; anything else names no diplomat. */
@Injectable()
export class DiplomatIdPipe extends UuidPathPipe {
  constructor() {
    super('diplomat');
  }
}
