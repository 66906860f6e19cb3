import { Module } from '@nestjs/common';
import { RelationsHttp } from './relations.http.js';

@Module({ controllers: [RelationsHttp] })
export class RelationsModule {}
