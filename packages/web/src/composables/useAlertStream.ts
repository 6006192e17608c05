import { onBeforeUnmount, readonly, ref } from 'vue';
import { ALERT_STREAM_PATH, type Alert, getAlertCounts } from '../api/alerts.js';
import { isApiError } from '../api/request.js';

/** `alert` for a new alert in the user's area, `alert-updated` after an acknowledgement or resolution. */
export type AlertStreamEventType = 'alert' | 'alert-updated';

export interface AlertStreamEvent {
  type: AlertStreamEventType;
  alert: Alert;
}

export const ALERT_MUTE_STORAGE_KEY = 'cordon.alerts.muted';

/** Wait before opening a new stream after the browser gave up on the old one (401, server restart). */
const RECONNECT_DELAY_MS = 10_000;
/** Bell counts are reloaded once per burst of events. */
const COUNT_REFRESH_DELAY_MS = 300;
/** Ids of alerts already announced with a sound, so a resent alert stays silent. */
const MAX_REMEMBERED_ALERTS = 500;

function readMuted(): boolean {
  try {
    return globalThis.localStorage?.getItem(ALERT_MUTE_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

// One stream per browser tab, shared by the header bell and the alerts page.
const newCount = ref(0);
const muted = ref(readMuted());
const connected = ref(false);
const listeners = new Set<(event: AlertStreamEvent) => void>();
const announced = new Set<string>();
let source: EventSource | null = null;
let subscribers = 0;
let lastEventId: string | null = null;
let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
let countTimer: ReturnType<typeof setTimeout> | undefined;
let audioContext: AudioContext | null = null;
let audioUnlockInstalled = false;

async function refreshCounts(): Promise<void> {
  try {
    newCount.value = (await getAlertCounts()).new;
  } catch (error) {
    // A 401 has already sent the user to the sign-in page through the request client.
    if (!isApiError(error)) throw error;
  }
}

function scheduleCountRefresh(): void {
  clearTimeout(countTimer);
  countTimer = setTimeout(() => void refreshCounts(), COUNT_REFRESH_DELAY_MS);
}

/**
 * Resumes the tab's AudioContext on the user's first click or key press.
 * Browsers keep a context suspended until the page has had a user gesture
 * (the autoplay policies of Chrome, Firefox and Safari), and an alert that
 * arrives while the console sits untouched must still sound once someone has
 * used the page.
 */
function unlockAudioOnFirstGesture(): void {
  const AudioContextClass = globalThis.AudioContext;
  if (audioUnlockInstalled || !AudioContextClass || typeof document === 'undefined') return;
  audioUnlockInstalled = true;
  const events = ['pointerdown', 'keydown'] as const;
  const unlock = (): void => {
    try {
      audioContext ??= new AudioContextClass();
      if (audioContext.state === 'suspended') void audioContext.resume().catch(() => undefined);
    } catch {
      // No audio device or a blocked context: alerts stay silent.
    }
    for (const event of events) document.removeEventListener(event, unlock, true);
  };
  for (const event of events) document.addEventListener(event, unlock, true);
}

/**
 * Plays two short tones made with the Web Audio API. Before the page's first
 * user gesture the browser keeps the context suspended, and the sound is
 * skipped rather than queued, so a burst of stale beeps never plays on the
 * first click.
 */
function playAlertSound(): void {
  const AudioContextClass = globalThis.AudioContext;
  if (!AudioContextClass) return;
  try {
    audioContext ??= new AudioContextClass();
    if (audioContext.state !== 'running') {
      void audioContext.resume().catch(() => undefined);
      return;
    }
    const start = audioContext.currentTime;
    for (const [index, frequency] of [880, 660].entries()) {
      const oscillator = audioContext.createOscillator();
      const gain = audioContext.createGain();
      const toneStart = start + index * 0.18;
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.0001, toneStart);
      gain.gain.exponentialRampToValueAtTime(0.25, toneStart + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, toneStart + 0.16);
      oscillator.connect(gain).connect(audioContext.destination);
      oscillator.start(toneStart);
      oscillator.stop(toneStart + 0.17);
    }
  } catch {
    // Audio is a courtesy: the list and the bell still show the alert.
  }
}

function rememberAnnounced(id: string): boolean {
  if (announced.has(id)) return false;
  announced.add(id);
  if (announced.size > MAX_REMEMBERED_ALERTS) {
    const oldest = announced.values().next().value;
    if (oldest !== undefined) announced.delete(oldest);
  }
  return true;
}

function handleMessage(type: AlertStreamEventType, message: MessageEvent<string>): void {
  if (message.lastEventId) lastEventId = message.lastEventId;
  let alert: Alert;
  try {
    alert = JSON.parse(message.data) as Alert;
  } catch {
    return;
  }
  // Only a new alert sounds. An alert-updated event is an acknowledgement, a
  // resolution or a repeat folded into an open alert (the same plate or pass
  // at the compound within the fold window). A beep for each repeat would
  // sound every few seconds while one car waits at the barrier.
  if (type === 'alert' && alert.status === 'new' && rememberAnnounced(alert.id) && !muted.value) playAlertSound();
  for (const listener of listeners) listener({ type, alert });
  scheduleCountRefresh();
}

function connect(): void {
  clearTimeout(reconnectTimer);
  // A new EventSource does not send Last-Event-ID, so the cursor goes in the query.
  const url = lastEventId ? `${ALERT_STREAM_PATH}?since=${encodeURIComponent(lastEventId)}` : ALERT_STREAM_PATH;
  const stream = new EventSource(url, { withCredentials: true });
  source = stream;
  stream.addEventListener('alert', (message) => handleMessage('alert', message));
  stream.addEventListener('alert-updated', (message) => handleMessage('alert-updated', message));
  stream.addEventListener('open', () => {
    connected.value = true;
    // The browser keeps the stream's first id for its own reconnects but does
    // not expose it, so a new stream opened after CLOSED starts from the time
    // of this connection. The server resends with a margin of a minute, which
    // covers a clock that runs a little ahead of the server's.
    lastEventId ??= new Date().toISOString();
    void refreshCounts();
  });
  stream.addEventListener('error', () => {
    connected.value = false;
    // While CONNECTING the browser retries by itself, sending Last-Event-ID.
    // CLOSED means it gave up (an error status such as 401): the counts call
    // lets the request client handle a lost session, then a new stream opens.
    if (stream.readyState !== EventSource.CLOSED || source !== stream) return;
    stream.close();
    source = null;
    void refreshCounts();
    reconnectTimer = setTimeout(() => {
      if (subscribers > 0 && !source) connect();
    }, RECONNECT_DELAY_MS);
  });
}

function disconnect(): void {
  clearTimeout(reconnectTimer);
  clearTimeout(countTimer);
  source?.close();
  source = null;
  connected.value = false;
}

function setMuted(value: boolean): void {
  muted.value = value;
  try {
    globalThis.localStorage?.setItem(ALERT_MUTE_STORAGE_KEY, value ? '1' : '0');
  } catch {
    // Blocked storage: the choice lasts until the page reloads.
  }
}

/**
 * Subscribes the calling component to the tab's alert stream, opened on the
 * first subscriber and closed after the last one unmounts. New alerts play a
 * short sound unless muted, and the count of new alerts follows every event.
 */
export function useAlertStream(onEvent?: (event: AlertStreamEvent) => void) {
  subscribers += 1;
  if (onEvent) listeners.add(onEvent);
  unlockAudioOnFirstGesture();
  if (!source) {
    connect();
    void refreshCounts();
  }

  onBeforeUnmount(() => {
    if (onEvent) listeners.delete(onEvent);
    subscribers -= 1;
    if (subscribers === 0) disconnect();
  });

  return {
    newCount: readonly(newCount),
    muted: readonly(muted),
    connected: readonly(connected),
    setMuted,
    refreshCounts,
  };
}
