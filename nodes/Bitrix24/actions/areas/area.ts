export type { Area } from '../types';
