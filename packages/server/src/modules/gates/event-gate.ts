import { shortCacheOf } from '../../context/short-cache.js';
import type { DeviceContext, ServiceContext } from '../../context/types.js';
import { AppError } from '../../errors/app-error.js';

/** The gate and compound of a gate device, as every event of the device needs them. */
export interface DeviceGate {
  gateId: string;
  gateName: string;
  /** pedestrian, vehicle or both: a pedestrian gate takes no plate events. */
  gateKind: string;
  compoundId: string;
  compoundName: string;
  /** Community of the compound: the alerts' node and the events' node_code. */
  communityCode: string;
}

/** A renamed or deactivated gate shows within this time on other instances. */
const GATE_CACHE_MS = 10_000;
const GATE_CACHE_SIZE = 10_000;

function gateCache(ctx: ServiceContext) {
  return shortCacheOf<DeviceGate & { active: boolean }>(ctx.db, 'gate-of-device', GATE_CACHE_MS, GATE_CACHE_SIZE);
}

/**
 * Returns the gate a device key is bound to. A checkpoint phone's key, or a
 * gate key without a gate, gets 403 GATE_DEVICE_NOT_BOUND; a deactivated
 * gate gets 403 GATE_INACTIVE.
 */
export async function requireDeviceGate(ctx: ServiceContext, device: DeviceContext): Promise<DeviceGate> {
  const gateId = device.gateId;
  if (device.kind !== 'gate' || gateId === null) throw new AppError('GATE_DEVICE_NOT_BOUND');
  const gate = await gateCache(ctx).get(gateId, async () => {
    const row = await ctx.db
      .selectFrom('gates')
      .innerJoin('compounds', 'compounds.id', 'gates.compound_id')
      .select([
        'gates.id',
        'gates.name',
        'gates.kind',
        'gates.active',
        'compounds.id as compound_id',
        'compounds.name as compound_name',
        'compounds.community_code',
      ])
      .where('gates.id', '=', gateId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      gateId: row.id,
      gateName: row.name,
      gateKind: row.kind,
      active: row.active === 1,
      compoundId: row.compound_id,
      compoundName: row.compound_name,
      communityCode: row.community_code,
    };
  });
  if (!gate) throw new AppError('GATE_DEVICE_NOT_BOUND');
  if (!gate.active) throw new AppError('GATE_INACTIVE');
  return gate;
}

/** Drops the cached gates; call it after a gate is renamed or deactivated. */
export function forgetDeviceGates(ctx: ServiceContext): void {
  gateCache(ctx).clear();
}
