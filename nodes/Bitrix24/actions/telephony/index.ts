import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { externalCallSpec } from './external-call';
import { externalLineSpec } from './external-line';

/** Telephony: calls of another phone system (telephony.externalCall.*) and external lines (telephony.externalLine.*). */
export const telephonyArea: Area = {
	resources: [externalCallSpec, externalLineSpec].map(methodResource),
};
