import { AsyncLocalStorage } from 'node:async_hooks';

import type { Logger, LogMetadata } from 'n8n-workflow';

/**
 * One logger for the whole process (n8n-core takes it from the DI container), which writes
 * each line into the log of the run that is executing: runs may overlap, and a test must
 * see its own run's lines, metadata included, to assert that no secret was ever logged.
 */
const currentRunLog = new AsyncLocalStorage<string[]>();

/** Lines logged outside any run (e.g. while a test sets up). */
export const strayLogs: string[] = [];

function write(level: string, message: string, metadata?: LogMetadata): void {
	const line =
		metadata && Object.keys(metadata).length
			? `${level}: ${message} ${stringify(metadata)}`
			: `${level}: ${message}`;
	(currentRunLog.getStore() ?? strayLogs).push(line);
}

type ScopedLogger = Logger & { scoped(): ScopedLogger };

export const harnessLogger: ScopedLogger = {
	error: (message, metadata) => write('error', message, metadata),
	warn: (message, metadata) => write('warn', message, metadata),
	info: (message, metadata) => write('info', message, metadata),
	debug: (message, metadata) => write('debug', message, metadata),
	scoped: () => harnessLogger,
};

export async function collectingLogs<T>(logs: string[], fn: () => Promise<T>): Promise<T> {
	return await currentRunLog.run(logs, fn);
}

function stringify(value: unknown): string {
	const seen = new WeakSet<object>();
	try {
		return JSON.stringify(value, (_key, v: unknown) => {
			if (v instanceof Error) return { ...v, name: v.name, message: v.message, stack: v.stack };
			if (typeof v === 'object' && v !== null) {
				if (seen.has(v)) return '[Circular]';
				seen.add(v);
			}
			if (typeof v === 'bigint') return v.toString();
			return v;
		});
	} catch {
		return String(value);
	}
}
