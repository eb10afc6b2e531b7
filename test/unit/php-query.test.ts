import {
	BatchReference,
	buildPhpQuery,
	hasBatchToken,
} from '../../nodes/shared/transport/php-query';

describe('buildPhpQuery (what each batch command carries)', () => {
	it('nests objects and arrays with brackets, as PHP http_build_query does', () => {
		const query = buildPhpQuery({
			fields: { TITLE: 'A & B', PHONE: [{ VALUE: '+1 555', VALUE_TYPE: 'WORK' }] },
		});
		expect(decodeURIComponent(query)).toBe(
			'fields[TITLE]=A & B&fields[PHONE][0][VALUE]=+1 555&fields[PHONE][0][VALUE_TYPE]=WORK',
		);
		expect(query).not.toContain(' ');
		expect(query).toContain('A%20%26%20B');
	});

	it('writes booleans as 1/0 and leaves out null and undefined', () => {
		expect(buildPhpQuery({ a: true, b: false, c: null, d: undefined, e: 0 })).toBe('a=1&b=0&e=0');
	});

	it('encodes every value, references the node builds included (the portal decodes before substituting)', () => {
		const query = buildPhpQuery({
			filter: { '>ID': new BatchReference('c0', [49, 'ID']) },
			note: '$result[x&id=1]',
		});
		expect(query).toContain(`filter%5B%3EID%5D=${encodeURIComponent('$result[c0][49][ID]')}`);
		expect(query).toContain('note=%24result%5Bx%26id%3D1%5D');
		expect(query.split('&')).toHaveLength(2);
	});

	it('finds the text Bitrix24 would substitute inside a batched value, at any depth and in any case', () => {
		for (const text of [
			'$result[c0]',
			'id of previous: $result[c0]',
			'$NEXT[a]',
			'$total[x][1]',
			'$time[c]',
			'$error[c1]',
			'$resultx[c0]',
		]) {
			expect(hasBatchToken({ fields: { TITLE: [text] } })).toBe(true);
		}
		for (const text of ['$result', 'costs $5 [net]', 'result[c0]', '$results of [x]']) {
			expect(hasBatchToken({ fields: { TITLE: text } })).toBe(false);
		}
		expect(hasBatchToken({ filter: { '>ID': new BatchReference('c0', [49, 'ID']) } })).toBe(false);
	});
});
