/** Nest token for the list of projection definitions the service runs. */
export const PROJECTIONS = Symbol('Projections');
