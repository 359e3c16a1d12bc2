export { isPublicAddress } from './address';
export { checkOutboundUrl, closeEgressConnections, EgressRefusedError, postJson, RESPONSE_EXCERPT_BYTES, signatureOf } from './egress';
export type { EgressPolicy, EgressRefusal, EgressTestOptions, HostResolver, PostOutcome } from './egress';
