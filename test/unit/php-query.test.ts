import { buildPhpQuery, isBatchReference } from '../../nodes/shared/transport/php-query';

describe('buildPhpQuery (what each batch command carries)', () => {
	it('nests objects and arrays with brackets, as PHP http_build_query does', () => {
		const query = buildPhpQuery({ fields: { TITLE: 'A & B', PHONE: [{ VALUE: '+1 555', VALUE_TYPE: 'WORK' }] } });
		expect(decodeURIComponent(query)).toBe(
			'fields[TITLE]=A & B&fields[PHONE][0][VALUE]=+1 555&fields[PHONE][0][VALUE_TYPE]=WORK',
		);
		expect(query).not.toContain(' ');
		expect(query).toContain('A%20%26%20B');
	});

	it('writes booleans as 1/0 and leaves out null and undefined', () => {
		expect(buildPhpQuery({ a: true, b: false, c: null, d: undefined, e: 0 })).toBe('a=1&b=0&e=0');
	});

	it('keeps $result references readable for the portal and encodes look-alikes', () => {
		const query = buildPhpQuery({ filter: { '>ID': '$result[c0][49][ID]' }, note: '$result of [x]' });
		expect(query).toContain('=$result[c0][49][ID]');
		expect(query).toContain('note=%24result%20of%20%5Bx%5D');
		expect(isBatchReference('$result[c0][items][49][id]')).toBe(true);
		expect(isBatchReference('$result')).toBe(false);
	});
});
