/** Action of a key: type its value, delete the last character, finish, or change the keyboard. */
export type KeyKind = 'char' | 'delete' | 'done' | 'layout' | 'toggle';

/** One key of an on-screen keyboard, as the keyboard panel draws it. */
export interface KeyboardKey {
  kind: KeyKind;
  /** Text that a `char` key types; an action name for the other kinds. */
  value: string;
  /** Text on the key; absent when `labelKey` names a translated label. */
  label?: string;
  labelKey?: string;
  disabled: boolean;
  /** State of a `toggle` key. */
  active?: boolean;
  /** Width in columns; 1 when absent. */
  span?: number;
  testId: string;
}

export function charKey(value: string, testIdPrefix: string, disabled = false): KeyboardKey {
  return { kind: 'char', value, label: value, disabled, testId: `${testIdPrefix}-key-${value}` };
}

export function actionKey(kind: Exclude<KeyKind, 'char'>, testIdPrefix: string, labelKey: string, span = 1): KeyboardKey {
  return { kind, value: kind, labelKey, disabled: false, span, testId: `${testIdPrefix}-key-${kind}` };
}

/** Removes the last character, counting a character outside the Basic Multilingual Plane as one. */
export function deleteLastCharacter(value: string): string {
  return Array.from(value).slice(0, -1).join('');
}
