import { DEVICE_KINDS, type DeviceKind } from '@cordon/core';
import type { FormItemRule } from 'element-plus';
import type { Device } from '../../api/devices.js';
import type { TableColumn } from '../../utils/table.js';

type Translate = (key: string, named?: Record<string, unknown>) => string;

export const DEVICE_KIND_OPTIONS: readonly DeviceKind[] = DEVICE_KINDS;
export const DEVICE_NAME_MAX_LENGTH = 50;

export const deviceColumns: TableColumn<Device>[] = [
  { key: 'name', prop: 'name', labelKey: 'devices.fields.name', kind: 'text', minWidth: 160, essential: true },
  { key: 'kind', labelKey: 'devices.fields.kind', kind: 'custom', width: 110, essential: true },
  { key: 'node', prop: 'nodeName', labelKey: 'devices.fields.node', kind: 'text', minWidth: 150 },
  { key: 'keyPrefix', prop: 'keyPrefix', labelKey: 'devices.fields.keyPrefix', kind: 'mono', width: 130 },
  { key: 'status', labelKey: 'devices.fields.status', kind: 'custom', width: 110, essential: true },
  { key: 'createdAt', prop: 'createdAt', labelKey: 'devices.fields.createdAt', kind: 'datetime', width: 150 },
  { key: 'lastUsedAt', prop: 'lastUsedAt', labelKey: 'devices.fields.lastUsedAt', kind: 'datetime', width: 150 },
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
