/**
 * What the pickers that filter a list the portal answered in full (a task's comments, a
 * user's calendars ...) share: whether what the user typed is in one of the texts, ignoring case.
 * An empty filter matches everything.
 */
export function matchesFilter(filter: string | undefined, ...texts: unknown[]): boolean {
	const needle = (filter ?? '').trim().toLowerCase();
	return (
		!needle ||
		texts.some((text) =>
			String(text ?? '')
				.toLowerCase()
				.includes(needle),
		)
	);
}
