import { Injectable } from '@nestjs/common';
import { KeyedQueue } from '../../command-handling/keyed-queue.js';

/**
 * A mission's commands that are decided on its heads-of-mission record, one at a time on this
 * node, keyed by mission id: every head-of-mission step, and the mission's closure. Each reads
 * facts from several streams (the mission, its register, every nominee's track) and appends to
 * one, so two of them sent at once must not both be decided on the facts from before the other:
 * a chargé d'affaires designated while a head presents credentials, or a closure dated before a
 * step recorded while it was being decided.
 */
@Injectable()
export class HeadsRecordQueue extends KeyedQueue {}
