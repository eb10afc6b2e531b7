/**
 * Form text (application/x-www-form-urlencoded) read part by part, as PHP decodes it, without
 * building the nested form: what php-form.ts builds on, and what a call must show before the
 * rest of it is worth any work (readFormFields).
 */

/** One part of x-www-form-urlencoded text decoded as PHP's urldecode does ('+' is a space). */
export function decodeFormComponent(text: string): string {
	if (!text.includes('+') && !text.includes('%')) return text;
	const spaced = text.replace(/\+/g, ' ');
	try {
		return decodeURIComponent(spaced);
	} catch {
		// malformed %-sequences stay as they are; the valid ones around them are decoded
		return spaced.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
			try {
				return decodeURIComponent(run);
			} catch {
				return run;
			}
		});
	}
}

/**
 * Calls `visit` with each `key=value` part of form text, undecoded, in one pass (a part is
 * searched for its `=` only within itself). Stops when `visit` returns false.
 */
export function eachFormPart(
	text: string,
	visit: (key: string, value: string | undefined) => boolean | void,
): void {
	for (let start = 0; start < text.length; ) {
		let end = text.indexOf('&', start);
		if (end === -1) end = text.length;
		if (end > start) {
			const part = text.slice(start, end);
			const equals = part.indexOf('=');
			const goOn =
				equals === -1
					? visit(part, undefined)
					: visit(part.slice(0, equals), part.slice(equals + 1));
			if (goOn === false) return;
		}
		start = end + 1;
	}
}

/**
 * The values of a few keys of form text (every occurrence, decoded), read without building
 * anything else: what a call must show before the rest of it is worth any work.
 */
export function readFormFields(text: string, names: readonly string[]): Map<string, string[]> {
	const found = new Map<string, string[]>(names.map((name) => [name, []]));
	// a key is at most three characters per character once percent-encoded; longer ones are skipped undecoded
	const longest = 3 * Math.max(0, ...names.map((name) => name.length));
	eachFormPart(text, (rawKey, rawValue) => {
		if (rawKey.length > longest) return;
		const values = found.get(decodeFormComponent(rawKey));
		if (values) values.push(decodeFormComponent(rawValue ?? ''));
	});
	return found;
}
