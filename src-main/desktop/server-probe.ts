import type { ServerProbe } from '../../src-shared/bridge';
import { contractVersion } from '../transports/contract-version';
import type { ServerVersion } from '../transports/desktop-clients';
import { peerCertificate, serverRequest, ServerRequestError } from './server-request';
import type { ServerTarget } from './server-target';

/**
 * Checks a server before the desktop commits to it, and again on Retry: does it answer, is it
 * PartnerDesk, is it the same version, is its certificate trusted. Never throws.
 */
export async function probeServer(target: ServerTarget, timeoutMs = 10_000): Promise<ServerProbe & { certificate?: { pem: string; fingerprint: string } }> {
  const where = target.serverUrl;
  let response;
  try {
    response = await serverRequest(target, { method: 'GET', path: '/api/version', headers: { accept: 'application/json' }, timeoutMs });
  } catch (error) {
    if (error instanceof ServerRequestError && error.certificateProblem) {
      const certificate = await peerCertificate(where);
      const mismatch = error.code === 'CERT_FINGERPRINT_MISMATCH';
      return {
        ok: false,
        reason: 'certificate',
        message: mismatch
          ? `The server at ${where} now presents a different certificate than the one you trusted. Do not connect unless your administrator says the certificate was replaced.`
          : `This computer does not trust the certificate of ${where} (${error.code}). Compare its fingerprint with the one your administrator gives you before trusting it.`,
        ...(certificate ? { fingerprint: certificate.fingerprint, certificate } : {}),
      };
    }
    return { ok: false, reason: 'unreachable', message: `Cannot reach a server at ${where}. Check the address and the network, then try again.` };
  }
  let body: Partial<ServerVersion> | null;
  try {
    body = JSON.parse(response.body) as Partial<ServerVersion>;
  } catch {
    body = null;
  }
  if (response.status !== 200 || body?.app !== 'partnerdesk' || typeof body.contract !== 'string') {
    return { ok: false, reason: 'not_partnerdesk', message: `${where} answers, but it is not a PartnerDesk server.` };
  }
  if (body.contract !== contractVersion()) {
    return {
      ok: false,
      reason: 'version_mismatch',
      message: `The server runs PartnerDesk ${String(body.version)}, which does not match this desktop. Install the same version on both (contract ${contractVersion()} here, ${body.contract} there).`,
    };
  }
  return { ok: true, serverUrl: where, serverVersion: String(body.version) };
}
