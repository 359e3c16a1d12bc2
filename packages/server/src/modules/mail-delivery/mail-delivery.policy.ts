import type { RequestContext } from '../../kernel/request-context';
import { isStaff } from '../access/policies';

/** Deliveries name recipients of every company: the provider's staff only. */
export const canSeeMailDeliveries = (ctx: RequestContext): boolean => isStaff(ctx);
export const canRetryMailDeliveries = (ctx: RequestContext): boolean => isStaff(ctx);
