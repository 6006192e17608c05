import { DEVICE_KINDS, type DeviceKind } from '@cordon/core';
import type { FormItemRule } from 'element-plus';
import type { Device } from '../../api/devices.js';
import type { TableColumn } from '../../utils/table.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** Kinds this page creates: checkpoint phones are enrolled from the checkpoint page, which binds the key to its checkpoint. */
export const DEVICE_KIND_OPTIONS: readonly DeviceKind[] = DEVICE_KINDS.filter((kind) => kind !== 'checkpoint');
export const DEVICE_NAME_MAX_LENGTH = 50;

/** HTTP header that carries the device key on every device request. */
export const DEVICE_KEY_HEADER = 'X-Device-Key';

/** Request that returns the device a key belongs to, for checking a key after installing it. */
export const DEVICE_WHOAMI_REQUEST = 'GET /api/device/whoami';

/** Builds a curl command that checks a key against this server, for the installer to run on the device's network. */
export function deviceKeyCheckCommand(origin: string, key: string): string {
  return `curl -H '${DEVICE_KEY_HEADER}: ${key}' ${origin}/api/device/whoami`;
}

// Phone-width screens keep the name and kind. The actions column, pinned at
// the right, shows the revoke button or the revocation time, so it shows the status too.
export const deviceColumns: TableColumn<Device>[] = [
  { key: 'name', prop: 'name', labelKey: 'devices.fields.name', kind: 'text', minWidth: 120, essential: true },
  { key: 'kind', labelKey: 'devices.fields.kind', kind: 'custom', width: 100, essential: true },
  { key: 'node', labelKey: 'devices.fields.node', kind: 'custom', minWidth: 150 },
  { key: 'keyPrefix', prop: 'keyPrefix', labelKey: 'devices.fields.keyPrefix', kind: 'mono', width: 130 },
  { key: 'status', labelKey: 'devices.fields.status', kind: 'custom', width: 90 },
  { key: 'createdAt', prop: 'createdAt', labelKey: 'devices.fields.createdAt', kind: 'datetime', width: 140 },
  { key: 'lastUsedAt', prop: 'lastUsedAt', labelKey: 'devices.fields.lastUsedAt', kind: 'datetime', width: 140 },
];

export interface DeviceForm {
  name: string;
  kind: DeviceKind | '';
  nodeCode: string;
}

export function buildDeviceFormRules(t: Translate): Record<keyof DeviceForm, FormItemRule[]> {
  return {
    name: [
      { required: true, whitespace: true, message: t('devices.form.nameRequired'), trigger: 'blur' },
      {
        max: DEVICE_NAME_MAX_LENGTH,
        message: t('devices.form.nameTooLong', { max: DEVICE_NAME_MAX_LENGTH }),
        trigger: 'blur',
      },
    ],
    kind: [{ required: true, message: t('devices.form.kindRequired'), trigger: 'change' }],
    nodeCode: [{ required: true, message: t('devices.form.nodeRequired'), trigger: 'change' }],
  };
}
