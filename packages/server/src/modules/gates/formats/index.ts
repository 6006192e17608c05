import { cordonFormat } from './cordon.js';
import { dahuaFormat } from './dahua.js';
import { gat1400Format } from './gat1400.js';
import { hikvisionFormat } from './hikvision.js';
import type { GateFormat, GateFormatAdapter } from './types.js';
import { vzenithFormat } from './vzenith.js';

export const GATE_FORMAT_ADAPTERS: Record<GateFormat, GateFormatAdapter> = {
  cordon: cordonFormat,
  hikvision: hikvisionFormat,
  dahua: dahuaFormat,
  vzenith: vzenithFormat,
  gat1400: gat1400Format,
};
