import type { JurisdictionLevel, Role } from '@cordon/core';
import type { Kysely } from 'kysely';
import type { Config } from '../config.js';
import type { Keys } from '../crypto/keys.js';
import type { Database } from '../db/schema.js';
import type { DatabaseKind } from '../db/dialect.js';
import type { EventBus } from '../events/bus.js';
import type { SmsGateway } from '../sms/gateway.js';

/** Dependencies of services on the running server, without request or reply. */
export interface ServiceContext {
  db: Kysely<Database>;
  dbKind: DatabaseKind;
  keys: Keys;
  config: Config;
  /** Alert notices to the open server-sent-event streams. */
  events: EventBus;
  sms: SmsGateway;
  /** The current time; tests of windows and schedules pass a fixed clock. */
  clock: () => Date;
}

/**
 * The subtree a staff user may see: their node's code and materialised path.
 * Every query over jurisdiction-bound rows goes through `scope.ts` with it.
 */
export interface Scope {
  nodeCode: string;
  nodePath: string;
}

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  nodeCode: string;
  nodeName: string;
  nodeLevel: JurisdictionLevel;
  mustChangePassword: boolean;
}

export interface SessionContext {
  idHash: string;
  csrfToken: string;
  user: SessionUser;
  scope: Scope;
}

export interface DeviceContext {
  id: string;
  name: string;
  kind: string;
  nodeCode: string;
  /** Checkpoint of a checkpoint phone's key; null for gates and keys created without one. */
  checkpointId: string | null;
  /** Gate of a gate device's key; null for checkpoint phones and gate keys made before gates existed. */
  gateId: string | null;
  scope: Scope;
}

/** Performer of a change (user or device, role, scope, request id), for authorization and the audit log. */
export interface Actor {
  userId: string | null;
  deviceId: string | null;
  role: Role | null;
  scope: Scope;
  requestId: string | null;
}
