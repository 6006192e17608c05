import dayjs from 'dayjs';
import type { Alert, AlertListQuery, AlertSeverity, AlertStatus } from '../../api/alerts.js';
import type { TableColumn } from '../../utils/table.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type HasTranslation = (key: string) => boolean;

export const alertColumns: TableColumn<Alert>[] = [
  { key: 'severity', labelKey: 'alerts.columns.severity', kind: 'custom', width: 90, essential: true },
  { key: 'subject', labelKey: 'alerts.columns.subject', kind: 'custom', minWidth: 240, essential: true },
  { key: 'person', labelKey: 'alerts.columns.person', kind: 'custom', width: 110 },
  { key: 'node', labelKey: 'alerts.columns.node', kind: 'custom', minWidth: 140 },
  { key: 'createdAt', prop: 'createdAt', labelKey: 'alerts.columns.createdAt', kind: 'datetime', width: 150 },
  { key: 'status', labelKey: 'alerts.columns.status', kind: 'custom', width: 100, essential: true },
  { key: 'actedBy', labelKey: 'alerts.columns.actedBy', kind: 'custom', minWidth: 200 },
];

export interface AlertFilters {
  status: AlertStatus | '';
  kind: string;
  severity: AlertSeverity | '';
  nodeCode: string;
  /** Calendar days (YYYY-MM-DD) in the browser's time zone, both inclusive. */
  fromDate: string;
  toDate: string;
}

export function emptyAlertFilters(): AlertFilters {
  return { status: '', kind: '', severity: '', nodeCode: '', fromDate: '', toDate: '' };
}

export function toAlertQuery(filters: AlertFilters): AlertListQuery {
  return {
    status: filters.status || undefined,
    kind: filters.kind || undefined,
    severity: filters.severity || undefined,
    nodeCode: filters.nodeCode || undefined,
    from: filters.fromDate ? dayjs(filters.fromDate).startOf('day').toISOString() : undefined,
    to: filters.toDate ? dayjs(filters.toDate).endOf('day').toISOString() : undefined,
  };
}

/**
 * Tells whether an alert pushed by the stream belongs in the list as
 * filtered. Jurisdiction codes extend their parent's code (320508 →
 * 320508018 → 320508018014 → 320508018014G001), so a prefix is a subtree,
 * and the root "CN" contains every code.
 */
export function alertMatchesFilters(alert: Alert, filters: AlertFilters): boolean {
  const query = toAlertQuery(filters);
  if (query.status && alert.status !== query.status) return false;
  if (query.kind && alert.kind !== query.kind) return false;
  if (query.severity && alert.severity !== query.severity) return false;
  if (query.nodeCode && query.nodeCode !== 'CN' && !alert.nodeCode.startsWith(query.nodeCode)) return false;
  if (query.from && alert.createdAt < query.from) return false;
  if (query.to && alert.createdAt > query.to) return false;
  return true;
}

export function severityTagType(severity: string): 'info' | 'warning' | 'danger' {
  if (severity === 'critical') return 'danger';
  if (severity === 'warning') return 'warning';
  return 'info';
}

export function statusTagType(status: string): 'danger' | 'warning' | 'success' {
  if (status === 'new') return 'danger';
  if (status === 'acknowledged') return 'warning';
  return 'success';
}

function labelOrCode(t: Translate, te: HasTranslation, key: string, code: string): string {
  return te(key) ? t(key) : code;
}

export function alertKindLabel(t: Translate, te: HasTranslation, kind: string): string {
  return labelOrCode(t, te, `alerts.kinds.${kind}`, kind);
}

/** Subject line of each checkpoint alert kind, filled from its details (checkpoint name, plate, occupant count). */
const CHECKPOINT_SUBJECT_KEYS: Readonly<Record<string, string>> = {
  checkpoint_turned_back: 'alerts.subject.checkpointTurnedBack',
  checkpoint_transferred: 'alerts.subject.checkpointTransferred',
  checkpoint_arrival_not_found: 'alerts.subject.checkpointArrivalNotFound',
};

/** Number of missed windows in a missed_declarations alert: its window keys, or a count, else the rule's two. */
function missedWindowCount(details: Record<string, unknown>): number {
  if (Array.isArray(details.windowKeys)) return details.windowKeys.length;
  if (typeof details.count === 'number') return details.count;
  if (typeof details.missedWindows === 'number') return details.missedWindows;
  return 2;
}

function detailText(details: Record<string, unknown>, name: string): string | null {
  const value = details[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Subject of a gate alert: where, which plate in which direction, and the
 * rule, with the count of events folded into it, e.g.
 * "金色家园 东门 鄂A12345 入：风险地区车辆（3 次）".
 */
function gateRuleSubject(t: Translate, te: HasTranslation, details: Record<string, unknown>): string {
  const direction = detailText(details, 'direction');
  const directionKey = `alerts.subject.directions.${direction ?? ''}`;
  const place = [
    detailText(details, 'compoundName'),
    detailText(details, 'gateName'),
    detailText(details, 'plateNumber'),
    direction !== null && te(directionKey) ? t(directionKey) : null,
  ].filter((part): part is string => part !== null);
  const ruleKind = detailText(details, 'ruleKind');
  const rule = ruleKind === null ? alertKindLabel(t, te, 'gate_rule') : labelOrCode(t, te, `gateRules.kinds.${ruleKind}`, ruleKind);
  const subject = place.length > 0 ? t('alerts.subject.gateRule', { place: place.join(' '), rule }) : rule;
  const count = details.eventCount;
  return typeof count === 'number' && count > 1 ? t('alerts.subject.gateRuleCount', { subject, count }) : subject;
}

/** Subject of a visitor refused at the gate for fever: the compound, the gate when known, and the temperature. */
function visitorFeverSubject(t: Translate, details: Record<string, unknown>): string {
  const place = [detailText(details, 'compoundName') ?? t('common.none'), detailText(details, 'gateName')]
    .filter((part): part is string => part !== null)
    .join(' ');
  let celsius: number | null = null;
  if (typeof details.temperatureTenths === 'number') celsius = details.temperatureTenths / 10;
  else if (typeof details.temperature === 'number') celsius = details.temperature;
  if (celsius === null) return t('alerts.subject.visitorFeverNoValue', { place });
  return t('alerts.subject.visitorFever', { place, value: celsius.toFixed(1) });
}

/** Returns the text a gate rule sends with its alert ("请注意观察，防范肺炎，共抗疫情"), or null for other alerts. */
export function alertTextOf(alert: Pick<Alert, 'kind' | 'details'>): string | null {
  return alert.kind === 'gate_rule' ? detailText(alert.details, 'alertText') : null;
}

/**
 * Builds the subject line of an alert from its details in the page's
 * language: "体温 38.2 °C，咳嗽" for an abnormal declaration. A kind this
 * page does not know shows its code.
 */
export function alertSubject(t: Translate, te: HasTranslation, alert: Pick<Alert, 'kind' | 'details'>): string {
  const { details } = alert;
  if (alert.kind === 'abnormal_declaration') {
    const parts: string[] = [];
    if (typeof details.temperatureTenths === 'number') {
      parts.push(t('alerts.subject.temperature', { value: (details.temperatureTenths / 10).toFixed(1) }));
    }
    const symptoms = Array.isArray(details.symptoms) ? details.symptoms.filter((code): code is string => typeof code === 'string') : [];
    for (const symptom of symptoms.filter((code) => code !== 'none')) {
      parts.push(labelOrCode(t, te, `alerts.symptoms.${symptom}`, symptom));
    }
    return parts.length > 0 ? parts.join(t('alerts.subject.separator')) : alertKindLabel(t, te, alert.kind);
  }
  if (alert.kind === 'gate_rule') return gateRuleSubject(t, te, details);
  if (alert.kind === 'visitor_fever') return visitorFeverSubject(t, details);
  if (alert.kind === 'missed_declarations') {
    return t('alerts.subject.missedDeclarations', { count: missedWindowCount(details) });
  }
  const checkpointKey = CHECKPOINT_SUBJECT_KEYS[alert.kind];
  if (checkpointKey !== undefined) {
    return t(checkpointKey, {
      checkpoint: typeof details.checkpointName === 'string' ? details.checkpointName : t('common.none'),
      plate: typeof details.plateNumber === 'string' ? details.plateNumber : t('alerts.subject.noPlate'),
      count: typeof details.occupantCount === 'number' ? details.occupantCount : 0,
    });
  }
  return alertKindLabel(t, te, alert.kind);
}
