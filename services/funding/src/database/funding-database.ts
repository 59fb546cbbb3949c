import { SERVICE_DB } from '@aiplat/messaging';

/** The funding service's own database (a mongoose connection). */
export const FUNDING_DB = SERVICE_DB;
