import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** For a row's `shape`: a `true` answer becomes {<echoed parameters>, success: true}. */
export function success(echo: Record<string, string> = {}) {
	return (_ctx: IExecuteFunctions, result: unknown, params: IDataObject): IDataObject => {
		const out: IDataObject = {};
		for (const [key, name] of Object.entries(echo)) out[key] = params[name];
		out.success = result === true;
		return out;
	};
}
