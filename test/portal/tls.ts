/** A throw-away self-signed certificate for 127.0.0.1 / localhost, made with the system's openssl. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SelfSigned {
	key: string;
	cert: string;
}

export function selfSignedCertificate(host: string): SelfSigned {
	const dir = mkdtempSync(join(tmpdir(), 'b24-portal-tls-'));
	try {
		const keyPath = join(dir, 'key.pem');
		const certPath = join(dir, 'cert.pem');
		const san = /^\d+\.\d+\.\d+\.\d+$/.test(host)
			? `IP:${host},DNS:localhost`
			: `DNS:${host},DNS:localhost,IP:127.0.0.1`;
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-keyout',
				keyPath,
				'-out',
				certPath,
				'-days',
				'2',
				'-subj',
				`/CN=${host}`,
				'-addext',
				`subjectAltName=${san}`,
			],
			{ stdio: 'ignore' },
		);
		return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
