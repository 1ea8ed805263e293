import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TestCertificate {
  /** PEM private key. */
  key: string;
  /** PEM certificate for 127.0.0.1 and localhost; also what a client must trust. */
  cert: string;
}

let made: TestCertificate | null = null;

/**
 * A self-signed certificate for loopback, made with the system's openssl (Node can read certificates
 * but not issue them) once per test process. Clients trust it by adding it as an extra CA, never by
 * turning verification off.
 */
export function loopbackCertificate(): TestCertificate {
  if (made) return made;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'anvil-cert-'));
  try {
    const key = path.join(folder, 'key.pem');
    const cert = path.join(folder, 'cert.pem');
    const result = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { encoding: 'utf8' },
    );
    if (result.error || result.status !== 0)
      throw new Error(`openssl could not make a test certificate (${result.error?.message ?? result.stderr.trim()}); install openssl (npm test installs it on Debian).`);
    made = { key: readFileSync(key, 'utf8'), cert: readFileSync(cert, 'utf8') };
    return made;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
