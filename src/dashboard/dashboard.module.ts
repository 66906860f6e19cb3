import { Module } from '@nestjs/common';
import { DashboardController } from './dashboard.controller.js';

/** The viewer dashboard served at `/`. */
@Module({ controllers: [DashboardController] })
export class DashboardModule {}
