/**
 * A response serializer for hot read routes whose presenter builds exactly the contract's shape (its
 * return type is the Zod type, so TypeScript checks every field) from stored values the write paths
 * validated: plain JSON.stringify instead of the Zod encode pass every other response goes through.
 * That pass costs more CPU than the rest of a partner read (~50 µs for one partner, milliseconds for a
 * page of 50). Each route that uses it has a test that parses its response with the contract schema and
 * expects it unchanged, so a presenter that drifts from the contract fails there.
 */
export const presentedJson = () => (data: unknown) => JSON.stringify(data);
