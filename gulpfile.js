const path = require('path');
const { task, src, dest, parallel } = require('gulp');

/** Icons live next to the nodes and credentials that use them; tsc does not copy them. */
function copyFrom(folder) {
	const copy = () =>
		src(path.resolve(folder, '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', folder)));
	copy.displayName = `icons:${folder}`;
	return copy;
}

task('build:icons', parallel(copyFrom('nodes'), copyFrom('credentials')));
