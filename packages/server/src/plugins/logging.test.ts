import { describe, expect, it } from 'vitest';
import { loggedPath } from './logging.js';

const TOKEN = 'q3Z0-x_9aB7cD1eF2gH3iJ4kL5mN6oP7qR8sT9uV0wX';

describe('logged request paths', () => {
  it('hide the token of a public declaration path', () => {
    expect(loggedPath(`/api/public/declare/${TOKEN}`)).toBe('/api/public/declare/[token]');
    expect(loggedPath(`/api/public/declare/link/${TOKEN}?personIndex=1`)).toBe('/api/public/declare/link/[token]');
    expect(loggedPath(`/d/${TOKEN}`)).toBe('/d/[token]');
    expect(loggedPath(`/p/${TOKEN}`)).toBe('/p/[token]');
    expect(loggedPath(`/v/${TOKEN}`)).toBe('/v/[token]');
  });

  it('hide a token with characters around it', () => {
    for (const segment of [`${TOKEN}=`, `${TOKEN}%3D`, `%20${TOKEN}`, `${TOKEN}%00`, `${TOKEN}%E3%80%82`]) {
      expect(loggedPath(`/api/public/declare/link/${segment}`)).toBe('/api/public/declare/link/[token]');
    }
  });

  it('keep the fixed segments of public paths', () => {
    expect(loggedPath('/api/public/declare/code/verify')).toBe('/api/public/declare/code/verify');
  });

  it('keep ids in staff paths and drop query strings', () => {
    const id = '6f1c2a9e-3b7d-4c1e-9a2b-0d4e5f6a7b8c';
    expect(loggedPath(`/api/persons/${id}?q=secret`)).toBe(`/api/persons/${id}`);
  });
});
