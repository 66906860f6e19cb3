import { Controller, Get, Headers, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/auth.decorators.js';
import {
  type DashboardAsset,
  type DashboardAssets,
  loadDashboardAssets,
} from './dashboard-assets.js';

/**
 * The page only loads its own script and styles and talks to this origin's API; the
 * token never leaves the tab except in the Authorization header of same-origin requests.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The viewer dashboard at `/`: a static page, its script and its styles, read once at
 * start-up. No token is needed for the files; the page asks for one and sends it to /api.
 */
@Public()
@ApiExcludeController()
@Controller()
export class DashboardController {
  private readonly assets: DashboardAssets = loadDashboardAssets();

  @Get()
  page(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply) {
    reply.header('Content-Security-Policy', DASHBOARD_CSP);
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    send(reply, this.assets.page, ifNoneMatch);
  }

  @Get('dashboard.js')
  script(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply) {
    send(reply, this.assets.script, ifNoneMatch);
  }

  @Get('dashboard.css')
  styles(@Headers('if-none-match') ifNoneMatch: string | undefined, @Res() reply: FastifyReply) {
    send(reply, this.assets.styles, ifNoneMatch);
  }
}

/** no-cache: browsers keep the file but revalidate it, so a deploy shows at the next load. */
function send(reply: FastifyReply, asset: DashboardAsset, ifNoneMatch: string | undefined): void {
  reply.header('Cache-Control', 'no-cache');
  reply.header('ETag', asset.etag);
  reply.header('X-Content-Type-Options', 'nosniff');
  const matches = ifNoneMatch?.split(',').some((tag) => tag.trim() === asset.etag) ?? false;
  if (matches) {
    void reply.status(304).send();
    return;
  }
  void reply.status(200).header('Content-Type', asset.contentType).send(asset.body);
}
