import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The alert sound in a Node test: EventSource, document, localStorage and
// AudioContext are small fakes, and the module is loaded fresh for each test
// because it keeps one stream per tab in module state.

vi.mock('../api/alerts.js', () => ({
  ALERT_STREAM_PATH: '/api/alerts/stream',
  getAlertCounts: () => Promise.resolve({ new: 0, acknowledged: 0, resolved: 0 }),
}));

type Listener = (event: { data: string; lastEventId: string }) => void;

/** True while a fake user gesture runs: browsers allow audio to start only then. */
let inGesture = false;
let streams: FakeEventSource[] = [];
let contexts: FakeAudioContext[] = [];
const documentListeners = new Map<string, Set<() => void>>();
const storage = new Map<string, string>();

class FakeEventSource {
  static readonly CLOSED = 2;
  readyState = 1;
  readonly listeners = new Map<string, Listener>();
  constructor(readonly url: string) {
    streams.push(this);
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, listener);
  }
  close(): void {
    this.readyState = FakeEventSource.CLOSED;
  }
  emit(type: string, alert: object): void {
    this.listeners.get(type)?.({ data: JSON.stringify(alert), lastEventId: '' });
  }
}

class FakeAudioContext {
  state: 'suspended' | 'running' = inGesture ? 'running' : 'suspended';
  currentTime = 0;
  destination = {};
  oscillatorCount = 0;
  constructor() {
    contexts.push(this);
  }
  resume(): Promise<void> {
    if (inGesture) this.state = 'running';
    return Promise.resolve();
  }
  createOscillator() {
    this.oscillatorCount += 1;
    return { type: '', frequency: { value: 0 }, connect: (node: unknown) => node, start() {}, stop() {} };
  }
  createGain() {
    return { gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (node: unknown) => node };
  }
}

function clickPage(): void {
  inGesture = true;
  for (const listener of [...(documentListeners.get('pointerdown') ?? [])]) listener();
  inGesture = false;
}

function alertOf(id: string) {
  return { id, kind: 'gate_rule', status: 'new', severity: 'warning', nodeCode: '320508018014', details: {} };
}

function oscillators(): number {
  return contexts.reduce((total, context) => total + context.oscillatorCount, 0);
}

async function loadStream() {
  const module = await import('./useAlertStream.js');
  const stream = module.useAlertStream();
  const source = streams.at(-1);
  if (!source) throw new Error('no stream opened');
  return { ...stream, source };
}

beforeEach(() => {
  vi.resetModules();
  streams = [];
  contexts = [];
  documentListeners.clear();
  storage.clear();
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal('document', {
    // Vue's DOM runtime makes one template element when it loads.
    createElement: () => ({}),
    addEventListener: (type: string, listener: () => void) => {
      if (!documentListeners.has(type)) documentListeners.set(type, new Set());
      documentListeners.get(type)?.add(listener);
    },
    removeEventListener: (type: string, listener: () => void) => documentListeners.get(type)?.delete(listener),
  });
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
  });
  // onBeforeUnmount outside a component only warns; the warning is not what these tests check.
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('alert sound', () => {
  it('silent before the first gesture', async () => {
    const { source } = await loadStream();
    source.emit('alert', alertOf('a1'));
    expect(oscillators()).toBe(0);
  });

  it('beeps after the first click', async () => {
    const { source } = await loadStream();
    clickPage();
    source.emit('alert', alertOf('a1'));
    expect(oscillators()).toBe(2);
    expect(documentListeners.get('pointerdown')?.size ?? 0).toBe(0);
  });

  it('folded repeat stays silent', async () => {
    const { source } = await loadStream();
    clickPage();
    source.emit('alert-updated', { ...alertOf('a1'), details: { eventCount: 2 } });
    expect(oscillators()).toBe(0);
  });

  it('same alert beeps once', async () => {
    const { source } = await loadStream();
    clickPage();
    source.emit('alert', alertOf('a1'));
    source.emit('alert', alertOf('a1'));
    expect(oscillators()).toBe(2);
  });

  it('muted stays silent and is remembered', async () => {
    const { source, setMuted, muted } = await loadStream();
    clickPage();
    setMuted(true);
    source.emit('alert', alertOf('a1'));
    expect(oscillators()).toBe(0);
    expect(muted.value).toBe(true);
    expect(storage.get('cordon.alerts.muted')).toBe('1');
  });

  it('mute read back on load', async () => {
    storage.set('cordon.alerts.muted', '1');
    const { muted } = await loadStream();
    expect(muted.value).toBe(true);
  });
});
