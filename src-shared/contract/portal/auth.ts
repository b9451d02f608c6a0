import { z } from 'zod';
import type { SessionInfo } from '../auth';
import { mutation, query } from '../procedure';
import { anyPassword, email, id, newPassword } from '../fields';
import type { PortalInvite, PortalSignIn } from './types';

/** Portal sign-in and invite links (services/portal/portal-auth.ts): partner users only, never staff. */

const inviteToken = z.string().trim().min(10, 'This invite link is not valid').max(200, 'This invite link is not valid');

export const portalAuth = {
  'portal.signIn': mutation(z.object({ email, password: anyPassword, tenantId: id.optional() }).strict())
    .effects('auth', 'portal', 'activity')
    .returns<PortalSignIn>('public', "Signs a partner user in to the portal; throttled and audited as staff sign-in is; a suspended or inactive partner's users are refused."),
  'portal.invite': query(z.object({ token: inviteToken }).strict()).returns<PortalInvite>('public', 'What a one-time invite link is for (name, e-mail, partner, workspace), while it is valid.'),
  'portal.acceptInvite': mutation(z.object({ token: inviteToken, password: newPassword }).strict())
    .effects('auth', 'portal', 'partners', 'activity')
    .returns<SessionInfo>('public', 'Sets the password of an invited portal user through their one-time link (which it spends) and signs them in.'),
} as const;
