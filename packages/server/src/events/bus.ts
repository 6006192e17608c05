import { EventEmitter } from 'node:events';

/** A committed alert, as announced to the open alert streams. Ids and codes only. */
export interface AlertNotice {
  alertId: string;
  nodeCode: string;
  /** 'updated' after an acknowledgement or resolution; absent or 'created' for a new alert. */
  change?: 'created' | 'updated';
}

/**
 * Carries alert notices to the server-sent-event streams. The local bus
 * reaches the streams of this process; on PostgreSQL a LISTEN/NOTIFY bus
 * reaches every instance on the database.
 */
export interface EventBus {
  /** Call after the transaction that stored the alerts has committed. */
  announceAlerts(notices: AlertNotice[]): Promise<void>;
  /** Returns a function that removes the listener. */
  onAlert(listener: (notice: AlertNotice) => void): () => void;
  close(): Promise<void>;
}

export function createLocalEventBus(): EventBus {
  const emitter = new EventEmitter();
  // Every open console adds one listener, and Node warns above its default of 10.
  emitter.setMaxListeners(0);
  return {
    async announceAlerts(notices) {
      for (const notice of notices) emitter.emit('alert', notice);
    },
    onAlert(listener) {
      emitter.on('alert', listener);
      return () => emitter.off('alert', listener);
    },
    async close() {
      emitter.removeAllListeners();
    },
  };
}
