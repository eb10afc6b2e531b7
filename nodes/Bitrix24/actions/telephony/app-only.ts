/** The hint every application-only telephony operation carries (the docs: "works only in the context of an application"). */
export const APP_ONLY =
	'works only with the Bitrix24 OAuth2 credential (an application); an incoming webhook is refused with WRONG_AUTH_TYPE';

export const USER_HINT =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>';
