import { Module } from '@nestjs/common';
import { LiveMissionsHttp } from './live-missions.http.js';
import { LiveMissionsHub } from './live-missions.hub.js';

@Module({
  controllers: [LiveMissionsHttp],
  providers: [LiveMissionsHub],
  exports: [LiveMissionsHub],
})
export class LiveModule {}
