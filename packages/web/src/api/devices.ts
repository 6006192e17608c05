import type { DeviceKind } from '@cordon/core';
import { get, post } from './request.js';

/** A gate or checkpoint device that authenticates with a device key. */
export interface Device {
  id: string;
  name: string;
  kind: DeviceKind;
  nodeCode: string;
  nodeName: string;
  keyPrefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreateDeviceRequest {
  name: string;
  kind: DeviceKind;
  nodeCode: string;
}

/** A new device with its key; the server never returns the key again. */
export interface CreatedDevice {
  device: Device;
  key: string;
}

export async function getDeviceList(): Promise<Device[]> {
  const { items } = await get<{ items: Device[] }>('/api/devices');
  return items;
}

export function createDevice(device: CreateDeviceRequest): Promise<CreatedDevice> {
  return post<CreatedDevice>('/api/devices', device);
}

export function revokeDevice(id: string): Promise<Device> {
  return post<Device>(`/api/devices/${encodeURIComponent(id)}/revoke`);
}
