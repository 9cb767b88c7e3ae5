import { SetMetadata } from '@nestjs/common';

export const roles = ['admin', 'writer', 'auditor', 'analyst', 'integrator'] as const;
export type Role = (typeof roles)[number];

/** Who called: the API key's id, name and role. The name is the `actor` of the events it writes. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
}

export const ROLES = 'crm:roles';
export const PUBLIC = 'crm:public';

/** The roles that may call a route; admin may call every route. */
export const Roles = (...allowed: Role[]) => SetMetadata(ROLES, allowed);

/** A route anybody may call, without a key (health, docs). */
export const Public = () => SetMetadata(PUBLIC, true);

/** Writes: recording facts about customers. */
export const Writers = () => Roles('writer');

/** Reads of customer state: everybody with a key but integrators, who read the event stream. */
export const Readers = () => Roles('writer', 'auditor', 'analyst');
