import {
	isProblem,
	parseWebhookUrl,
	resolveWebhookTarget,
} from '../../nodes/shared/transport/webhook-url';

const CODE = 'k3y9secretcode77';

describe('parseWebhookUrl', () => {
	it.each([
		[`https://acme.bitrix24.com/rest/12/${CODE}/`],
		[`https://acme.bitrix24.com/rest/12/${CODE}`],
		[`https://acme.bitrix24.com/rest/12/${CODE}/profile.json`],
		[`https://acme.bitrix24.com/rest/12/${CODE}/crm.deal.list`],
		[`  https://acme.bitrix24.com/rest/12/${CODE}/ `],
	])('accepts %s', (url) => {
		const address = parseWebhookUrl(url);
		if (isProblem(address)) throw new Error(address.problem);
		expect(address.base).toBe(`https://acme.bitrix24.com/rest/12/${CODE}/`);
		expect(address.userId).toBe('12');
		expect(address.code).toBe(CODE);
	});

	it('accepts self-hosted portals on any host, port and path prefix', () => {
		const address = parseWebhookUrl(`https://crm.example.org:8443/portal/rest/1/${CODE}/`);
		expect(isProblem(address) ? address.problem : address.base).toBe(
			`https://crm.example.org:8443/portal/rest/1/${CODE}/`,
		);
	});

	it('allows http only when the user says so', () => {
		const refused = parseWebhookUrl(`http://intranet.local/rest/1/${CODE}/`);
		expect(isProblem(refused) && refused.problem).toMatch(/Allow Plain HTTP/);
		const allowed = parseWebhookUrl(`http://intranet.local/rest/1/${CODE}/`, true);
		expect(isProblem(allowed)).toBe(false);
	});

	it.each([
		['', /empty/],
		['not a url', /not a valid URL/],
		['ftp://acme.bitrix24.com/rest/1/abc/', /https:\/\//],
		[`https://acme.bitrix24.com/rest/x/${CODE}/`, /does not have the form/],
		[`https://acme.bitrix24.com/crm/deal/${CODE}/`, /does not have the form/],
		[`https://acme.bitrix24.com/rest/1/${CODE}/?auth=1`, /query/],
	])('rejects %j with a message that shows the right shape and hides the code', (url, message) => {
		const result = parseWebhookUrl(url);
		if (!isProblem(result)) throw new Error('expected a problem');
		expect(result.problem).toMatch(message);
		expect(result.problem).not.toContain(CODE);
	});
});

describe('resolveWebhookTarget', () => {
	const address = parseWebhookUrl(`https://acme.bitrix24.com/rest/12/${CODE}/`);
	if (isProblem(address)) throw new Error(address.problem);

	it('puts the secret in front of a bare method or a /rest/ URL without it', () => {
		expect(resolveWebhookTarget(address, 'crm.deal.list')).toBe(`${address.base}crm.deal.list`);
		expect(resolveWebhookTarget(address, '/crm.deal.list')).toBe(`${address.base}crm.deal.list`);
		expect(resolveWebhookTarget(address, 'https://acme.bitrix24.com/rest/crm.deal.get?id=1')).toBe(
			`${address.base}crm.deal.get?id=1`,
		);
		expect(resolveWebhookTarget(address, `${address.base}user.current`)).toBe(
			`${address.base}user.current`,
		);
	});

	it('refuses to send the secret to another host', () => {
		const result = resolveWebhookTarget(address, 'https://evil.example.com/rest/crm.deal.list');
		expect(isProblem(result)).toBe(true);
	});
});
