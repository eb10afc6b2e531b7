/**
 * Version 2 of the Bitrix24 Trigger: new nodes read the full record by default and keep the
 * optional OAuth2 application token under Options. Version 1 (test/trigger.test.ts) stays as
 * released: no record unless Options > Fetch Full Record is on.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { Bitrix24Trigger } from '../nodes/Bitrix24Trigger/Bitrix24Trigger.node';
import type { StoredCredential } from './harness';
import { startBitrix24Trigger } from './harness/bitrix24-trigger';
import type { TriggerHarness } from './harness/trigger-context';
import type { Portal } from './portal';
import { startPortal } from './portal';

let portal: Portal;
const harnesses: TriggerHarness[] = [];

beforeAll(async () => {
	portal = await startPortal({ bucket: false, operatingLimit: false, demo: { deals: 2 } });
});

afterAll(async () => {
	await Promise.all(harnesses.map(async (harness) => await harness.close()));
	await portal.close();
});

function oauthCredential(): StoredCredential {
	return {
		id: 'cred-oauth',
		name: 'Portal OAuth2',
		type: 'bitrix24OAuth2Api',
		data: {
			portalUrl: portal.url,
			clientId: portal.oauth.clientId,
			clientSecret: portal.oauth.clientSecret,
			accessTokenUrl: portal.oauth.tokenUrl,
			oauthTokenData: { ...portal.oauth.issueTokens() },
		},
	};
}

async function trigger(parameters: INodeParameters, typeVersion: number): Promise<TriggerHarness> {
	const harness = await startBitrix24Trigger(parameters, oauthCredential(), typeVersion);
	harnesses.push(harness);
	await harness.activate();
	return harness;
}

async function addDeal(title: string): Promise<number> {
	const response = await fetch(`${portal.webhookUrl}crm.deal.add`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ fields: { TITLE: title } }),
	});
	const id = ((await response.json()) as IDataObject).result as number;
	await portal.events.flush();
	return id;
}

describe('Bitrix24 Trigger version 2', () => {
	it('is what new nodes get', () => {
		const { description } = new Bitrix24Trigger();
		expect(description.version).toEqual([1, 2]);
		expect(description.defaultVersion).toBe(2);
	});

	it('adds the full record by default; switched off, the event alone', async () => {
		const full = await trigger({ events: ['ONCRMDEALADD'] }, 2);
		const dealId = await addDeal('Read back by default');
		const [[item]] = await full.outputs();
		expect(item.json.record).toMatchObject({ ID: String(dealId), TITLE: 'Read back by default' });
		await full.close();

		const bare = await trigger({ events: ['ONCRMDEALADD'], fetchFullRecord: false }, 2);
		await addDeal('Only the event');
		const [[event]] = await bare.outputs();
		expect(event.json.event).toBe('ONCRMDEALADD');
		expect(event.json).not.toHaveProperty('record');
		await bare.close();

		const v1 = await trigger({ events: ['ONCRMDEALADD'] }, 1);
		await addDeal('Version 1 reads nothing');
		const [[old]] = await v1.outputs();
		expect(old.json).not.toHaveProperty('record');
		await v1.close();
	});

	it('enforces the application token set under Options', async () => {
		const wrong = await trigger(
			{ events: ['ONCRMDEALADD'], options: { oauthApplicationToken: 'not-the-portal-token' } },
			2,
		);
		await addDeal('Refused');
		const refused = portal.events.delivered.filter((entry) => entry.url === wrong.webhookUrl());
		expect(refused.map((entry) => entry.status)).toEqual([401]);
		expect(await wrong.outputs()).toHaveLength(0);
		await wrong.close();

		const right = await trigger(
			{
				events: ['ONCRMDEALADD'],
				fetchFullRecord: false,
				options: { oauthApplicationToken: portal.oauth.applicationToken },
			},
			2,
		);
		await addDeal('Accepted');
		const accepted = portal.events.delivered.filter((entry) => entry.url === right.webhookUrl());
		expect(accepted.map((entry) => entry.status)).toEqual([200]);
		expect(await right.outputs()).toHaveLength(1);
	});
});
