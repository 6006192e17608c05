import { Type } from 'typebox';
import { Timestamp } from '../../http/common-schemas.js';
import { MAX_PERSONS_PER_SESSION } from './links-token.js';
import { MAX_LOCATION_LENGTH } from './submit-input.js';

const Locale = Type.Union([Type.Literal('zh-CN'), Type.Literal('en'), Type.Literal('ja'), Type.Literal('ko')]);

/** Tokens are 43 characters; the limit only keeps absurd paths out of the hashing. */
export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) });

const PersonIndex = Type.Integer({ minimum: 0, maximum: MAX_PERSONS_PER_SESSION - 1 });

export const LinkStateQuery = Type.Object({ personIndex: Type.Optional(PersonIndex) });

const WindowView = Type.Object({
  key: Type.String(),
  day: Type.String(),
  index: Type.Integer(),
  start: Type.String(),
  end: Type.String(),
  open: Type.Boolean(),
  late: Type.Boolean(),
});

export const DeclarationView = Type.Object({
  id: Type.String(),
  temperature: Type.Number(),
  symptoms: Type.Array(Type.String()),
  location: Type.Union([Type.String(), Type.Null()]),
  late: Type.Boolean(),
  declaredAt: Timestamp,
  updatedAt: Timestamp,
  editable: Type.Boolean(),
});

export const LinkState = Type.Object({
  person: Type.Object({ maskedName: Type.String(), preferredLanguage: Type.Union([Locale, Type.Null()]) }),
  window: Type.Union([WindowView, Type.Null()]),
  nextWindow: Type.Union([WindowView, Type.Null()]),
  declaration: Type.Union([DeclarationView, Type.Null()]),
});

/** Phone as typed: spaces, dashes, +86 and full-width digits are accepted by the parser. */
const PhoneInput = Type.String({ minLength: 1, maxLength: 40 });

export const CodeRequestBody = Type.Object({ phone: PhoneInput });

export const CodeSent = Type.Object({ resendAfterSeconds: Type.Integer(), expiresInMinutes: Type.Integer() });

export const CodeVerifyBody = Type.Object({ phone: PhoneInput, code: Type.String({ minLength: 1, maxLength: 20 }) });

export const CodeVerified = Type.Object({
  token: Type.String(),
  expiresAt: Timestamp,
  persons: Type.Optional(Type.Array(Type.Object({ index: Type.Integer(), maskedName: Type.String() }))),
});

/**
 * Temperature is a number in °C; typed text such as "36.6" or full-width
 * "３６．６" is accepted too and checked by @cordon/core, whose message names
 * the rejected value. Symptom items are checked there as well, with no length
 * or type limit here: the schema's messages would name "symptoms.0" and count
 * items as characters, while the core names the symptom in the resident's
 * language. The body limit bounds both.
 */
export const DeclarationBody = Type.Object({
  temperature: Type.Union([Type.Number(), Type.String()]),
  symptoms: Type.Array(Type.Unknown()),
  location: Type.Optional(Type.Union([Type.String({ maxLength: MAX_LOCATION_LENGTH }), Type.Null()])),
  personIndex: Type.Optional(PersonIndex),
});

export const DeclarationSaved = Type.Object({ declaration: DeclarationView, abnormal: Type.Boolean() });
