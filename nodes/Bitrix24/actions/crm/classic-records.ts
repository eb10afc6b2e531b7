import type { ClassicRecord } from './classic-record';
import { COMPANY } from './company';
import { CONTACT } from './contact';
import { DEAL } from './deal';
import { LEAD } from './lead';

/** The records of the classic CRM API, for the lists and mappers that serve all four. */
export const CLASSIC_RECORDS: ClassicRecord[] = [DEAL, LEAD, CONTACT, COMPANY];
