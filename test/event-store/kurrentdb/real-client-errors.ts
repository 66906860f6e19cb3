import { createServer } from 'node:net';
import { credentials, Metadata, status } from '@grpc/grpc-js';
import { callErrorFromStatus } from '@grpc/grpc-js/build/src/call.js';
import { discoverEndpoint } from '@kurrent/kurrentdb-client/dist/Client/discovery.js';
import { unpackToCommandError } from '@kurrent/kurrentdb-client/dist/streams/appendToStream/unpackError.js';
import { convertToCommandError } from '@kurrent/kurrentdb-client/dist/utils/CommandError.js';
import { convertBridgeError } from '@kurrent/kurrentdb-client/dist/utils/convertBridgeError.js';
import streamsPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/streams_pb.js';
import statusPb from '@kurrent/kurrentdb-client/generated/kurrentdb/protocols/v1/status_pb.js';
import { BinaryWriter } from 'google-protobuf';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

/**
 * Client errors made by the installed client's own code, as it makes them from what the
 * server or the Rust bridge sends, so tests check the mapping against the real shapes.
 */

/**
 * What the read path throws: the native bridge rejects with an Error named after its
 * error kind, the Rust client's message, and a metadata object (`detail` for
 * UnknownError), as @kurrent/bridge's create_js_error builds it; the client converts it.
 */
export function bridgeReadError(message: string, name = 'UnknownError'): Error {
  const raw = Object.assign(new Error(message), {
    name,
    metadata: name === 'UnknownError' ? { detail: message } : {},
  });
  return convertBridgeError(raw, 'mission-1');
}

/**
 * What a batch append rejects with when the server answers it with an error status:
 * the response goes over the wire (serialised, parsed) and the client unpacks it.
 * `details` defaults to an empty message, as the server sends with "not handled".
 */
export function batchAppendError(
  message: string,
  details: { typeName: string; bytes: Uint8Array } = {
    typeName: 'google.protobuf.Empty',
    bytes: new emptyPb.Empty().serializeBinary(),
  },
): Error {
  const any = new anyPb.Any();
  any.pack(details.bytes, details.typeName);
  const status = new statusPb.Status().setMessage(message).setDetails(any);
  const response = new streamsPb.BatchAppendResp().setError(status);
  const received = streamsPb.BatchAppendResp.deserializeBinary(response.serializeBinary());
  const error = received.getError();
  if (!error) throw new Error('the response lost its error');
  return unpackToCommandError(error, 'mission-1');
}

/** The error cluster discovery gives up with, from a seed where nothing listens. */
export async function discoveryError(): Promise<unknown> {
  const port = await closedPort();
  try {
    await discoverEndpoint(
      {
        discover: { address: '127.0.0.1', port },
        maxDiscoverAttempts: 1,
        discoveryInterval: 0,
        gossipTimeout: 2,
      },
      credentials.createInsecure(),
    );
  } catch (error) {
    return error;
  }
  throw new Error('discovery found a node where none listens');
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * A newer server refusing one event over MaxAppendEventSize, as a batch append receives it
 * (details of a type client 1.3.1 does not know: event_id, proposed size, limit).
 */
export function batchAppendEventTooLarge(proposed: number, limit: number): Error {
  const writer = new BinaryWriter();
  writer.writeString(1, '11111111-1111-4111-8111-000000000001');
  writer.writeUint32(2, proposed);
  writer.writeUint32(3, limit);
  return batchAppendError('MaximumAppendEventSizeExceeded', {
    typeName: 'event_store.client.MaximumAppendEventSizeExceeded',
    bytes: writer.getResultBuffer(),
  });
}

/** The same refusal as a plain (unary) append receives it: a gRPC INVALID_ARGUMENT. */
export function plainAppendEventTooLarge(proposed: number, limit: number): Error {
  const metadata = new Metadata();
  metadata.set('exception', 'maximum-append-event-size-exceeded');
  const raw = callErrorFromStatus(
    {
      code: status.INVALID_ARGUMENT,
      details: `Event with Id: 11111111-1111-4111-8111-000000000001, Size: ${proposed}, exceeds Maximum Append Event Size of ${limit}.`,
      metadata,
    },
    '',
  );
  return convertToCommandError(raw);
}
