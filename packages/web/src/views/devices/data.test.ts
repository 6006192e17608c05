import { describe, expect, it } from 'vitest';
import { deviceKeyCheckCommand } from './data.js';

describe('deviceKeyCheckCommand', () => {
  it('sends the key in X-Device-Key to whoami', () => {
    expect(deviceKeyCheckCommand('https://cordon.example.org', 'cdk_abc_def')).toBe(
      "curl -H 'X-Device-Key: cdk_abc_def' https://cordon.example.org/api/device/whoami",
    );
  });
});
