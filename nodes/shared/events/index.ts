export type { EventDefinition, RecordSource } from './catalog';
export { EVENT_OPTIONS, EVENTS, eventDefinition, parseEventList } from './catalog';
export type { CallerAuth, Delivery, DeliveryBody } from './delivery';
export {
	publicEvent,
	readCallerAuth,
	readDelivery,
	readFormBody,
	tokenFingerprint,
	tokenMatches,
} from './delivery';
export type { FormLimit, FormLimits } from './php-form';
export {
	decodeFormComponent,
	FORM_LIMITS,
	FormLimitError,
	parsePhpForm,
	parsePhpFormText,
	readFormFields,
	splitFormKey,
} from './php-form';
