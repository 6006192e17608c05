import { maskPersonName } from '@cordon/core';
import type { ServiceContext } from '../../context/types.js';
import { localeOf } from './links.js';
import { loadDeclarant, pickLinkedPerson, resolveLinkSession } from './public-link.js';
import { findDeclaration } from './public-repository.js';
import { readDeclarationSettings } from './settings.js';
import { declarationViewOf } from './submit.js';
import { declarationTargetAt, windowViewOf } from './window-state.js';

/**
 * Reads what the phone page shows for a token: the masked name, the window a
 * declaration made now belongs to, the next window, and the person's
 * declaration of that window. A session of several persons shows the person
 * at `personIndex`, or its first person.
 */
export async function getLinkState(ctx: ServiceContext, token: string, personIndex: number | undefined) {
  const now = ctx.clock();
  const session = await resolveLinkSession(ctx, token, now);
  const linked = pickLinkedPerson(session, personIndex, false);
  const person = await loadDeclarant(ctx.db, linked.personId);
  const { windows } = await readDeclarationSettings(ctx.db);
  const target = declarationTargetAt(windows, now);
  const declaration = await findDeclaration(ctx.db, person.id, target.window.key);

  return {
    person: {
      maskedName: maskPersonName(person.name),
      preferredLanguage: person.preferred_language ? localeOf(person.preferred_language) : null,
    },
    window: windowViewOf(target.window, target.open, !target.open),
    nextWindow: windowViewOf(target.next, false, false),
    declaration: declaration ? declarationViewOf(declaration, target.open) : null,
  };
}
