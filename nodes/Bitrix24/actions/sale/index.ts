import { methodResource } from '../method-table/build';
import type { Area } from '../types';
import { basketItemSpec } from './basket-item';
import { orderSpec } from './order';
import { paymentSpec } from './payment';
import { deliverySpec, paySystemSpec, personTypeSpec, statusSpec } from './reference';
import { saleLoadOptions, saleSearches } from './search';
import { shipmentSpec } from './shipment';

/**
 * The online store (scope `sale`): orders, their lines (basket items), payments and shipments.
 * Payer types, statuses and delivery services are picked from the portal and listed; payment
 * systems too (sale.paysystem.list, scope `pay_system`).
 */
export const saleArea: Area = {
	resources: [
		orderSpec,
		basketItemSpec,
		paymentSpec,
		shipmentSpec,
		statusSpec,
		personTypeSpec,
		deliverySpec,
		paySystemSpec,
	].map((spec) => methodResource(spec)),
	loadOptions: saleLoadOptions,
	listSearch: saleSearches,
};
