import { Module } from '@nestjs/common';
import { ProjectionsAdminHttp } from './projections-admin.http.js';

@Module({ controllers: [ProjectionsAdminHttp] })
export class AdminModule {}
