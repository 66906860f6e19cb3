/** The 2024-06-12 ROK–Cuba meeting, as staff would record it: the API description's own example. */
export { ROK_CUBA_MEETING_EXAMPLE as ROK_CUBA_MEETING } from '../../src/http/openapi/examples.js';
