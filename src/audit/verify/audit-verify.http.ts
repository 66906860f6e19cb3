import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow } from '../../auth/auth.decorators.js';
import { StreamNotFoundError } from '../../event-store/event-store.errors.js';
import { ApiRead } from '../../http/openapi/api-docs.decorators.js';
import { problem, ProblemException } from '../../http/problem.js';
import { StoreDigestSchema, VerifyReportSchema } from '../openapi/audit.schemas.js';
import { AuditVerifyRequest } from './audit-verify.request.js';
import { ChainVerifier } from './chain-verifier.js';
import { storeDigest } from './store-digest.js';

/** Tamper evidence: re-computing the hash chains, and their heads to anchor elsewhere. */
@ApiTags('audit')
@Controller('api/audit')
@Allow('auditor')
export class AuditVerifyHttp {
  constructor(private readonly verifier: ChainVerifier) {}

  @Get('verify')
  @ApiRead({
    operationId: 'verifyChains',
    summary: 'Verify every hash chain',
    description:
      'Re-computes every stream’s hash chain from the stored events (or one stream’s, with `stream`): that revisions follow each other, that each `prevHash` is the previous event’s hash, that each `hash` is the SHA-256 of what is stored. Reports events and streams checked and, per broken stream, the first bad event and what differs. `ok: false` is still a 200.',
    response: VerifyReportSchema,
    ok: 'The verification report.',
    // `stream` names no stream.
    notFound: [],
    examplePath: '/api/audit/verify',
  })
  async verify(@Query() query: AuditVerifyRequest) {
    try {
      const { report } = await this.verifier.verify(
        query.stream === undefined ? {} : { stream: query.stream },
      );
      return report;
    } catch (error) {
      if (error instanceof StreamNotFoundError) {
        throw new ProblemException(problem('notFound', `No stream ${query.stream}.`));
      }
      throw error;
    }
  }

  @Get('digest')
  @ApiRead({
    operationId: 'getDigest',
    summary: 'The head hash of every stream, and one digest over them',
    description:
      'Anchor this outside the store (a signed daily digest, a ticket): whoever can rewrite the store can rewrite whole chains, but not the anchored copy. `npm run audit -- verify --anchor <digest.json>` later proves the history up to it unchanged. Taken while verifying: `verified` says whether every chain was intact.',
    response: StoreDigestSchema,
    ok: 'The digest.',
    examplePath: '/api/audit/digest',
  })
  async digest() {
    const { report, heads } = await this.verifier.verify();
    return storeDigest(heads, report);
  }
}
