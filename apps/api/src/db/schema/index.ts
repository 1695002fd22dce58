export * from './deal-attachments';
export * from './deals';
export * from './identity';
export * from './partners';
export * from './platform';
export * from './tenancy';
