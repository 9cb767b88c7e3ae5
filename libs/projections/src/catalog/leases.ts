import { Leases } from '@crm/event-store';

/** Which process applies each projection (a lease per projection name). */
export const projectionLeases = new Leases('crm_projection_leases');
