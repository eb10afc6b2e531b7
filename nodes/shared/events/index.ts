export type { EventDefinition, RecordSource } from './catalog';
export { EVENT_OPTIONS, EVENTS, eventDefinition, parseEventList } from './catalog';
export type { Delivery } from './delivery';
export { publicEvent, readDelivery, tokenFingerprint, tokenMatches } from './delivery';
export { parsePhpForm, splitFormKey } from './php-form';
