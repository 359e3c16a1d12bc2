/**
 * How often each fast path was taken, and how often its fallback ran instead (execution/README.md).
 * One object per app; the tests read it to prove a fast path is taken. Plain integer increments:
 * nothing on the hot path allocates or branches for them.
 */
export class FastPathCounters {
  /** POST /graphql with a JSON body served by the hand-written route (fast-http-route.ts). */
  fastHttpRoute = 0;
  /** /graphql requests served by Express instead. */
  expressGraphQLRoute = 0;
  /** Operations run by graphql-jit (compiled-execution.ts). */
  compiledExecutions = 0;
  /** Operations run by graphql-js: seen fewer than COMPILE_AFTER times, or not compilable. */
  interpretedExecutions = 0;
  /** Documents graphql-jit refused to compile (they stay interpreted). */
  compileFailures = 0;
  /** Field resolvers installed as direct calls (direct-field-resolvers.ts), as `Type.field`. */
  directResolvers: string[] = [];
  /** Calls of such a field that went through TypeGraphQL's handler (the root was not an instance of its class). */
  directResolverFallbacks = 0;
}
