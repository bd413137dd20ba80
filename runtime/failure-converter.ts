/**
 * The failure converter of every worker, client and workflow bundle (DataConverter.failureConverterPath):
 * a failure's message and stack trace travel in its encoded attributes, a payload, so the payload
 * codec (runtime/payload-codec.ts) encrypts them too. Bundled into workflow code: imports only the SDK.
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
