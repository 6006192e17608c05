import { randomUUID } from 'node:crypto';
import { type DevicePost, platePost } from '../modules/gates/formats/samples.js';
import { GATE_FORMATS, type GateFormat } from '../modules/gates/formats/types.js';

// Simulated gate traffic for trying a compound's rules and alerts without
// cameras. Residents' cars use a fixed list of 苏E plates: register a few of
// them under 门禁管理 → 车辆 so that they open the gate.

export const RESIDENT_PLATES = ['苏E12345', '苏E2B678', '苏EA1234', '苏E6Q8K9', '苏E0M345', '苏EF12345', '苏E33D21', '苏E8J902'];
const DELIVERY_PLATES = ['苏E5K776', '沪A8Z113', '苏B7T992', '浙E3M551'];
const RISK_PLATES = ['鄂A12345', '鄂B54321', '鄂A·88888'];

export interface SimulateOptions {
  url: string;
  keys: string[];
  /** Simulated minutes of a day to cover, starting at the morning peak. */
  minutes: number;
  /** Simulated minutes per real second. */
  speed: number;
  formats: GateFormat[];
  /** Stop after this many real milliseconds whatever remains (for tests). */
  maxRealMs?: number;
  write?: (line: string) => void;
}

export interface FormatSummary {
  sent: number;
  open: number;
  deny: number;
  alerts: number;
  /** Counts by HTTP status or error code of the rejected posts. */
  errors: Record<string, number>;
}

/** Cars per simulated minute: peaks at 07:30–08:30 and 17:30–18:30, quiet otherwise. */
function carsAt(minuteOfDay: number): number {
  const peak = (minuteOfDay >= 450 && minuteOfDay < 510) || (minuteOfDay >= 1050 && minuteOfDay < 1110);
  return peak ? 3 : 0.5;
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

function malformedPost(format: GateFormat): DevicePost {
  const post = platePost(format, { plate: '苏E12345' });
  const body = post.body.toString();
  return { ...post, body: body.slice(0, Math.floor(body.length / 2)) };
}

function decisionOf(text: string, headers: Headers): { decision: string | null; alert: boolean } {
  const header = headers.get('x-cordon-decision');
  try {
    const json = JSON.parse(text) as { alert?: boolean; decision?: string };
    return { decision: header ?? json.decision ?? null, alert: json.alert === true };
  } catch {
    return { decision: header, alert: false };
  }
}

async function send(options: SimulateOptions, key: string, post: DevicePost, summary: FormatSummary): Promise<void> {
  summary.sent += 1;
  try {
    const response = await fetch(`${options.url.replace(/\/+$/, '')}/api/gate-events${post.path === '/' ? '' : post.path}`, {
      method: 'POST',
      headers: { 'content-type': post.contentType, 'x-device-key': key },
      body: post.body,
    });
    const text = await response.text();
    if (!response.ok) {
      let code = String(response.status);
      try {
        code = (JSON.parse(text) as { error?: { code?: string } }).error?.code ?? code;
      } catch {
        // Not a JSON error body: the status is the best label.
      }
      summary.errors[code] = (summary.errors[code] ?? 0) + 1;
      return;
    }
    const { decision, alert } = decisionOf(text, response.headers);
    if (decision === 'open') summary.open += 1;
    else if (decision === 'deny') summary.deny += 1;
    if (alert) summary.alerts += 1;
  } catch (error) {
    const code = (error as Error).name === 'TypeError' ? 'NETWORK_ERROR' : 'ERROR';
    summary.errors[code] = (summary.errors[code] ?? 0) + 1;
  }
}

/** Sends simulated traffic and returns the per-format summary. */
export async function simulateGates(options: SimulateOptions): Promise<Record<string, FormatSummary>> {
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const summaries: Record<string, FormatSummary> = Object.fromEntries(
    options.formats.map((format) => [format, { sent: 0, open: 0, deny: 0, alerts: 0, errors: {} }]),
  );
  const started = Date.now();
  const startMinute = 7 * 60;
  let carry = 0;

  for (let minute = 0; minute < options.minutes; minute += 1) {
    if (options.maxRealMs !== undefined && Date.now() - started > options.maxRealMs) break;
    const minuteOfDay = (startMinute + minute) % 1440;
    carry += carsAt(minuteOfDay);
    const cars = Math.floor(carry);
    carry -= cars;

    const posts: Promise<void>[] = [];
    for (let index = 0; index < cars; index += 1) {
      const format = pick(options.formats);
      const key = pick(options.keys);
      const roll = Math.random();
      const summary = summaries[format]!;
      if (roll < 0.05) {
        posts.push(send(options, key, malformedPost(format), summary));
        continue;
      }
      const plate = roll < 0.12 ? pick(RISK_PLATES) : roll < 0.3 ? pick(DELIVERY_PLATES) : pick(RESIDENT_PLATES);
      const direction = minuteOfDay < 720 ? 'out' : 'in';
      posts.push(send(options, key, platePost(format, { plate, direction, id: randomUUID() }), summary));
    }
    await Promise.all(posts);
    // One simulated minute lasts 1/speed real seconds.
    await new Promise((resolve) => setTimeout(resolve, 1000 / options.speed));
  }

  write('format     sent  open  deny  alerts  errors');
  for (const [format, summary] of Object.entries(summaries)) {
    const errors = Object.entries(summary.errors)
      .map(([code, count]) => `${code}×${count}`)
      .join(' ');
    write(
      `${format.padEnd(10)} ${String(summary.sent).padStart(4)}  ${String(summary.open).padStart(4)}  ${String(summary.deny).padStart(4)}  ${String(summary.alerts).padStart(6)}  ${errors || '-'}`,
    );
  }

  // A wrong or revoked key, or a key of a pedestrian gate, makes every post fail the same way, so print one plain line.
  const all = Object.values(summaries);
  if (!anyPostDecided(summaries) && all.some((summary) => summary.sent > 0)) {
    const codes = [...new Set(all.flatMap((summary) => Object.keys(summary.errors)))].join(', ');
    write(`every post was rejected (${codes}): check the --url, and that each --key is an active key of a vehicle gate`);
  }
  return summaries;
}

/** Returns whether the server decided at least one post (open or deny), false when every post was rejected. */
export function anyPostDecided(summaries: Record<string, FormatSummary>): boolean {
  return Object.values(summaries).some((summary) => summary.open + summary.deny > 0);
}

/** Parses the --formats list, or throws naming the unknown format. */
export function parseFormats(value: string): GateFormat[] {
  const formats = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  for (const format of formats) {
    if (!(GATE_FORMATS as readonly string[]).includes(format))
      throw new Error(`unknown format "${format}": use ${GATE_FORMATS.join(', ')}`);
  }
  return formats as GateFormat[];
}
