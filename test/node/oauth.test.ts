import { CredentialStore } from '../harness';
import type { Portal } from '../portal';
import { DRIVE_SEED } from '../portal/methods/disk';
import { demoDeal } from '../portal/seed';
import { id, OAUTH_ID, oauthCredential, runNode, visibleText, withPortal } from './support';

describe('OAuth2 credential', () => {
	let portal: Portal;
	beforeAll(async () => {
		portal = await withPortal({ demo: { deals: 20 } });
	});
	afterAll(async () => await portal.close());
	beforeEach(() => portal.resetRequests());

	it('calls the client_endpoint with the Bearer token', async () => {
		const tokens = portal.oauth.issueTokens();
		const run = await runNode(
			portal,
			{ authentication: 'bitrix24OAuth2Api', resource: 'deal', operation: 'get', recordId: id(4) },
			{
				credential: oauthCredential(portal, { ...tokens }),
			},
		);
		expect(run.json[0].TITLE).toBe(demoDeal(4).TITLE);
		const [request] = portal.restRequests();
		expect(request.auth).toBe('oauth');
		expect(request.path).toBe('/rest/crm.deal.get');
		expect(request.headers.authorization).toBe(`Bearer ${tokens.access_token}`);
	});

	it('refreshes an expired token once through n8n and stores the NEW refresh token', async () => {
		const tokens = portal.oauth.issueTokens({ expired: true });
		const refreshesBefore = portal.oauth.tokens.refreshCount;
		const credential = oauthCredential(portal, { ...tokens });
		const credentials = new CredentialStore([credential]);
		const run = await runNode(
			portal,
			{ authentication: 'bitrix24OAuth2Api', resource: 'deal', operation: 'get', recordId: id(6) },
			{
				credential,
				credentials,
			},
		);
		expect(run.result.error).toBeUndefined();
		expect(run.json[0].TITLE).toBe(demoDeal(6).TITLE);
		expect(portal.oauth.tokens.refreshCount).toBe(refreshesBefore + 1);
		const issued = portal.oauth.tokens.lastIssued;
		expect(issued?.refresh_token).toBeDefined();
		expect(issued?.refresh_token).not.toBe(tokens.refresh_token);
		const stored = credentials.get(OAUTH_ID).data.oauthTokenData as Record<string, string>;
		expect(stored.refresh_token).toBe(issued?.refresh_token);
		expect(stored.access_token).toBe(issued?.access_token);
		expect(credentials.updates).toHaveLength(1);
		// the token endpoint got the client credentials in the form body
		const refresh = portal.requests.find((request) => request.auth === 'token-endpoint');
		expect(refresh?.contentType).toContain('application/x-www-form-urlencoded');
		expect(refresh?.body).toMatchObject({
			grant_type: 'refresh_token',
			client_id: portal.oauth.clientId,
		});

		// the next run uses the stored token: no second refresh
		const again = await runNode(
			portal,
			{ authentication: 'bitrix24OAuth2Api', resource: 'deal', operation: 'get', recordId: id(7) },
			{
				credential,
				credentials,
			},
		);
		expect(again.json[0].TITLE).toBe(demoDeal(7).TITLE);
		expect(portal.oauth.tokens.refreshCount).toBe(refreshesBefore + 1);
	});

	it('asks to reconnect when the refresh token was already used, and shows no token', async () => {
		const tokens = portal.oauth.issueTokens({ expired: true });
		const credential = oauthCredential(portal, { ...tokens });
		const first = await runNode(
			portal,
			{ authentication: 'bitrix24OAuth2Api', resource: 'deal', operation: 'get', recordId: id(1) },
			{
				credential,
			},
		);
		expect(first.result.error).toBeUndefined();
		// an old copy of the credential still holds the rotated-out refresh token
		const run = await runNode(
			portal,
			{ authentication: 'bitrix24OAuth2Api', resource: 'deal', operation: 'get', recordId: id(1) },
			{
				credential,
			},
		);
		expect(run.result.error?.message).toMatch(/reconnect/i);
		const text = visibleText(run);
		expect(text).not.toContain(tokens.access_token);
		expect(text).not.toContain(tokens.refresh_token);
		expect(text).not.toContain(portal.oauth.clientSecret);
	});

	it('blanks the access token out of links Bitrix24 returns, even after a refresh', async () => {
		const tokens = portal.oauth.issueTokens({ expired: true });
		const credential = oauthCredential(portal, { ...tokens });
		const credentials = new CredentialStore([credential]);
		const run = await runNode(
			portal,
			{
				authentication: 'bitrix24OAuth2Api',
				resource: 'method',
				operation: 'call',
				method: 'disk.file.get',
				parameters: JSON.stringify({ id: DRIVE_SEED.files[0].ID }),
			},
			{ credential, credentials },
		);
		expect(run.result.error).toBeUndefined();
		const fresh = (credentials.get(OAUTH_ID).data.oauthTokenData as Record<string, string>)
			.access_token;
		expect(fresh).not.toBe(tokens.access_token);
		const link = String((run.json[0].result as Record<string, unknown>).DOWNLOAD_URL);
		expect(link).toContain('auth=***');
		expect(visibleText(run)).not.toContain(fresh);
	});

	it('batches many items over OAuth2 too', async () => {
		const tokens = portal.oauth.issueTokens();
		const run = await runNode(
			portal,
			{
				authentication: 'bitrix24OAuth2Api',
				resource: 'deal',
				operation: 'get',
				recordId: { __rl: true, mode: 'id', value: '={{ $json.n }}' },
			},
			{
				credential: oauthCredential(portal, { ...tokens }),
				items: [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }],
			},
		);
		expect(run.json.map((deal) => deal.TITLE)).toEqual([1, 2, 3, 4].map((n) => demoDeal(n).TITLE));
		expect(portal.restRequests().map((request) => request.restMethod)).toEqual(['batch']);
	});
});
