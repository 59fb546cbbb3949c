import { SERVICE_DB } from '@aiplat/messaging';

/** The tasks service's own database (a mongoose connection). */
export const TASKS_DB = SERVICE_DB;
