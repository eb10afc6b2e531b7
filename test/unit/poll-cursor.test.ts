/** The poll trigger's cursor rules on their own: instants, offsets, ties and the overlap window. */
import type { IDataObject } from 'n8n-workflow';

import type { PollState } from '../../nodes/Bitrix24PollTrigger/cursor';
import {
	formatInstant,
	offsetOf,
	OVERLAP_MS,
	parseTimestamp,
	takeFresh,
	windowStart,
} from '../../nodes/Bitrix24PollTrigger/cursor';

describe('poll cursor', () => {
	it('reads and writes Bitrix24 timestamps as instants in the portal offset', () => {
		const ms = Date.UTC(2026, 11, 1, 18, 3, 54);
		expect(parseTimestamp('2026-12-01T21:03:54+03:00')).toBe(ms);
		expect(parseTimestamp('2026-12-01T12:33:54-05:30')).toBe(ms);
		expect(formatInstant(ms + 999, '+03:00')).toBe('2026-12-01T21:03:54+03:00');
		expect(formatInstant(ms, '-05:30')).toBe('2026-12-01T12:33:54-05:30');
		expect(formatInstant(ms, 'nonsense')).toBe('2026-12-01T18:03:54+00:00');
		expect(offsetOf('2026-12-01T21:03:54+0300')).toBe('+03:00');
		expect(offsetOf('2026-12-01T18:03:54Z')).toBe('+00:00');
		expect(parseTimestamp('')).toBeUndefined();
		expect(parseTimestamp(null)).toBeUndefined();
	});

	it('takes each change once, oldest first with ties by id, and trims what it remembers to the overlap', () => {
		const at = Date.UTC(2026, 11, 1, 18, 0, 0);
		const iso = (ms: number) => formatInstant(ms, '+03:00');
		const state: PollState = { watch: 'deal:new:', cursor: at, offset: '+00:00', seen: { 1: at } };
		expect(windowStart(state)).toBe(formatInstant(at - OVERLAP_MS, '+00:00'));
		const rows: IDataObject[] = [
			{ ID: '3', T: iso(at + 1000) },
			{ ID: '1', T: iso(at) }, // emitted before
			{ ID: '2', T: iso(at) }, // same second, new
			{ ID: '9', T: iso(at - OVERLAP_MS - 1000) }, // before the window
			{ ID: '4' }, // no timestamp
		];
		expect(takeFresh(state, rows, 'T', 'ID').map((row) => row.ID)).toEqual(['2', '3']);
		expect(state.cursor).toBe(at + 1000);
		expect(state.offset).toBe('+03:00');
		expect(takeFresh(state, rows, 'T', 'ID')).toEqual([]);
		// changed again later: a new change; what fell out of the window is forgotten
		const later = at + OVERLAP_MS + 5000;
		expect(takeFresh(state, [{ ID: '2', T: iso(later) }], 'T', 'ID').map((row) => row.ID)).toEqual([
			'2',
		]);
		expect(state.seen).toEqual({ 2: later });
	});
});
