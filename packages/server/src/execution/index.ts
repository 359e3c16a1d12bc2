import type { GraphQLSchema } from 'graphql';
import type { ContainerType } from 'type-graphql';
import { callFieldResolversDirectly } from './direct-field-resolvers';
import type { FastPathCounters } from './fast-path-counters';
import { resolveNodeTypeSynchronously } from './synchronous-node-type';

/** The schema-level fast paths (README.md beside this file), installed once on the built schema. */
export function installFastResolvers(schema: GraphQLSchema, container: ContainerType, counters: FastPathCounters): void {
  callFieldResolversDirectly(schema, container, counters);
  resolveNodeTypeSynchronously(schema);
}
