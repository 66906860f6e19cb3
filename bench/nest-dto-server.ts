/**
 * The framework reference of `npm run bench:api`: Nest on Fastify with the service's own
 * ValidationPipe and the two request DTOs the load sends (DispatchDiplomatRequest,
 * RecordDiplomatArrivalRequest), and nothing else: no auth, no store, no logs. It shows
 * what Nest and class-validator cost on this machine, next to bare Fastify, so the
 * command path's own cost can be read off the difference. Started as a child process on
 * 127.0.0.1:$PORT; prints "listening" once ready.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { createValidationPipe } from '../src/http/validation.pipe.js';
import { DispatchDiplomatRequest } from '../src/missions/commands/dispatch-diplomat/dispatch-diplomat.request.js';
import { RecordDiplomatArrivalRequest } from '../src/missions/commands/record-diplomat-arrival/record-diplomat-arrival.request.js';
import { closeOnSignals, portFromEnv } from './reference-server.js';

@Controller('api/missions')
class DtoOnlyController {
  @Post(':missionId/diplomats')
  @HttpCode(201)
  dispatch(@Param('missionId') missionId: string, @Body() body: DispatchDiplomatRequest) {
    return { missionId, diplomatId: randomUUID(), name: body.name };
  }

  @Post(':missionId/diplomats/:diplomatId/arrival')
  @HttpCode(201)
  arrive(
    @Param('missionId') missionId: string,
    @Param('diplomatId') diplomatId: string,
    @Body() body: RecordDiplomatArrivalRequest,
  ) {
    return { missionId, diplomatId, arrivedOn: body.arrivedOn };
  }
}

@Module({ controllers: [DtoOnlyController] })
class DtoOnlyModule {}

const port = portFromEnv('nest-dto-server');

const app = await NestFactory.create<NestFastifyApplication>(
  DtoOnlyModule,
  new FastifyAdapter({ bodyLimit: 1024 * 1024, routerOptions: { maxParamLength: 200 } }),
  { logger: false },
);
app.useGlobalPipes(createValidationPipe());
closeOnSignals(() => app.close());
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('listening\n');
